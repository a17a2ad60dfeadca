package io.ssfkit.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A SET whose delivery was given up, with why: the retry budget was spent, or the receiver refused it for
 * good. It can be listed and replayed.
 *
 * @param entry the queue entry as it was last tried
 * @param reason why it was given up
 * @param deadAt when it was given up
 */
public record DeadLetter(QueuedSet entry, String reason, Instant deadAt) {

  /**
   * Validates the record.
   *
   * @param entry the entry
   * @param reason the reason
   * @param deadAt when
   */
  public DeadLetter {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(deadAt, "deadAt");
  }
}
