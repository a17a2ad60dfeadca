package io.ssfkit.testkit;

import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.DeadLetterStore;
import io.ssfkit.stream.StreamId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A deliberately broken store: {@link #add} appends, so a letter added again for the same stream and jti is
 * kept twice instead of replacing the first. Exists only to prove that {@link DeadLetterStoreContract}
 * catches it.
 */
final class DuplicatingDeadLetterStore implements DeadLetterStore {

  private final List<DeadLetter> letters = new ArrayList<>();

  @Override
  public synchronized void add(DeadLetter letter) {
    // The bug: no lookup of an existing letter with the same stream and jti.
    letters.add(letter);
  }

  @Override
  public synchronized List<DeadLetter> list(StreamId streamId, int limit) {
    return letters.stream()
        .filter(letter -> letter.entry().streamId().equals(streamId))
        .sorted(Comparator.comparing(DeadLetter::deadAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<DeadLetter> take(StreamId streamId, String jti) {
    for (int i = 0; i < letters.size(); i++) {
      DeadLetter letter = letters.get(i);
      if (letter.entry().streamId().equals(streamId) && letter.entry().jti().equals(jti)) {
        return Optional.of(letters.remove(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized int purge(StreamId streamId) {
    int before = letters.size();
    letters.removeIf(letter -> letter.entry().streamId().equals(streamId));
    return before - letters.size();
  }
}
