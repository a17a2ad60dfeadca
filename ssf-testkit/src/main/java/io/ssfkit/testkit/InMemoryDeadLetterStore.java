package io.ssfkit.testkit;

import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.DeadLetterStore;
import io.ssfkit.stream.StreamId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DeadLetterStore} that keeps dead letters on the heap, for tests and local development. Nothing
 * survives the JVM.
 *
 * <p><b>Order.</b> {@link #list} returns a stream's dead letters by {@link DeadLetter#deadAt()}, oldest
 * first; letters that died at the same instant keep the order in which they were added. A letter that
 * replaces another with the same jti takes its own {@code deadAt}.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe. Every method runs under one private lock.
 *
 * <p><b>Memory.</b> Each stream keeps at most {@code maxLettersPerStream} dead letters (10,000 unless set
 * with {@link #create(int)}); beyond that, {@link #add} of a letter with a new jti throws
 * {@link IllegalStateException}, while replacing a letter it has still works. A stream whose last letter is
 * taken or purged frees its memory.
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {

  private static final int DEFAULT_MAX_LETTERS_PER_STREAM = 10_000;
  private static final Comparator<DeadLetter> BY_DEAD_AT = Comparator.comparing(DeadLetter::deadAt);

  private final Object lock = new Object();
  private final int maxLettersPerStream;

  // Guarded by lock. Streams with at least one letter; each stream's letters by jti, in the order added.
  private final Map<StreamId, LinkedHashMap<String, DeadLetter>> letters = new HashMap<>();

  private InMemoryDeadLetterStore(int maxLettersPerStream) {
    this.maxLettersPerStream = maxLettersPerStream;
  }

  /**
   * Returns an empty store that keeps at most 10,000 dead letters per stream.
   *
   * @return a new, empty store
   */
  public static InMemoryDeadLetterStore create() {
    return new InMemoryDeadLetterStore(DEFAULT_MAX_LETTERS_PER_STREAM);
  }

  /**
   * Returns an empty store with a bound on the dead letters per stream.
   *
   * @param maxLettersPerStream the most dead letters one stream keeps
   * @return a new, empty store
   * @throws IllegalArgumentException if {@code maxLettersPerStream} is below 1
   */
  public static InMemoryDeadLetterStore create(int maxLettersPerStream) {
    if (maxLettersPerStream < 1) {
      throw new IllegalArgumentException(
          "maxLettersPerStream must be at least 1, but was " + maxLettersPerStream);
    }
    return new InMemoryDeadLetterStore(maxLettersPerStream);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the jti is new to the stream and the stream already keeps
   *     {@code maxLettersPerStream} dead letters
   */
  @Override
  public void add(DeadLetter letter) {
    Objects.requireNonNull(letter, "letter");
    StreamId streamId = letter.entry().streamId();
    String jti = letter.entry().jti();
    synchronized (lock) {
      LinkedHashMap<String, DeadLetter> own = letters.computeIfAbsent(streamId, id -> new LinkedHashMap<>());
      if (own.size() >= maxLettersPerStream && !own.containsKey(jti)) {
        throw new IllegalStateException(
            "stream " + streamId + " already has the maximum of " + maxLettersPerStream
                + " dead letters this in-memory store keeps per stream");
      }
      // Removed first, so a replacement counts as added now for letters with the same deadAt.
      own.remove(jti);
      own.put(jti, letter);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  @Override
  public List<DeadLetter> list(StreamId streamId, int limit) {
    Objects.requireNonNull(streamId, "streamId");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, but was " + limit);
    }
    synchronized (lock) {
      LinkedHashMap<String, DeadLetter> own = letters.get(streamId);
      if (own == null || limit == 0) {
        return List.of();
      }
      List<DeadLetter> sorted = new ArrayList<>(own.values());
      sorted.sort(BY_DEAD_AT); // stable: equal deadAt keep the order added
      return List.copyOf(sorted.size() > limit ? sorted.subList(0, limit) : sorted);
    }
  }

  @Override
  public Optional<DeadLetter> take(StreamId streamId, String jti) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(jti, "jti");
    synchronized (lock) {
      LinkedHashMap<String, DeadLetter> own = letters.get(streamId);
      DeadLetter taken = own == null ? null : own.remove(jti);
      if (own != null && own.isEmpty()) {
        letters.remove(streamId);
      }
      return Optional.ofNullable(taken);
    }
  }

  @Override
  public int purge(StreamId streamId) {
    Objects.requireNonNull(streamId, "streamId");
    synchronized (lock) {
      LinkedHashMap<String, DeadLetter> own = letters.remove(streamId);
      return own == null ? 0 : own.size();
    }
  }
}
