package io.ssfkit.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of one stream's queue.
 *
 * @param depth how many entries are queued, claimed ones included
 * @param claimed how many of them are under a running lease
 * @param nextDue the earliest time a per-key-head claim could return an entry, or null when the queue is
 *     empty
 */
public record QueueStats(int depth, int claimed, @Nullable Instant nextDue) {

  /**
   * Validates the counts.
   *
   * @param depth the depth; not negative
   * @param claimed the claimed count; between 0 and depth
   * @param nextDue the earliest time a claim could return an entry, or null
   * @throws IllegalArgumentException if a count is out of range
   */
  public QueueStats {
    if (depth < 0 || claimed < 0 || claimed > depth) {
      throw new IllegalArgumentException("need 0 <= claimed <= depth, but were " + claimed + " and " + depth);
    }
  }
}
