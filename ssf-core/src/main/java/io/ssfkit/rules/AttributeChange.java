package io.ssfkit.rules;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attribute of an identity that changed: its name, the value before and the value after.
 *
 * @param name the attribute name, such as {@code cloudLifecycleState} or {@code department}
 * @param oldValue the value before the change, or null when the attribute was not set
 * @param newValue the value after the change, or null when the attribute was removed
 */
public record AttributeChange(String name, @Nullable Object oldValue, @Nullable Object newValue) {

  /**
   * Validates the change.
   *
   * @param name the attribute name
   * @param oldValue the value before, or null
   * @param newValue the value after, or null
   * @throws IllegalArgumentException if the name is blank
   */
  public AttributeChange {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("attribute name must not be blank");
    }
  }

  /**
   * Returns the old value as text.
   *
   * @return the old value's {@code toString()}, or null when there was none
   */
  public @Nullable String oldText() {
    return oldValue == null ? null : oldValue.toString();
  }

  /**
   * Returns the new value as text.
   *
   * @return the new value's {@code toString()}, or null when there is none
   */
  public @Nullable String newText() {
    return newValue == null ? null : newValue.toString();
  }
}
