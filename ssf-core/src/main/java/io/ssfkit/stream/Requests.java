package io.ssfkit.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the request records. */
final class Requests {

  private Requests() {}

  /**
   * Copies a list that may hold nulls (a request is not yet validated), or keeps null.
   *
   * @param list the list, or null
   * @return an unmodifiable copy, or null
   */
  static <T> @Nullable List<T> copyOrNull(@Nullable List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
