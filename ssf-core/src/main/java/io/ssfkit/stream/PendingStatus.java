package io.ssfkit.stream;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A status change the transmitter started that waits for its {@code stream-updated} SET to be delivered
 * (UPD-2: the receiver is told before transmission stops). It is applied when that SET is delivered or given
 * up.
 *
 * @param status the status the stream moves to
 * @param reason the reason, or null
 * @param jti the {@code jti} of the {@code stream-updated} SET whose delivery applies the change
 */
public record PendingStatus(StreamStatus status, @Nullable String reason, String jti) {

  /**
   * Validates the pending change.
   *
   * @param status the target status
   * @param reason the reason, or null
   * @param jti the stream-updated SET's jti
   */
  public PendingStatus {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(jti, "jti");
  }
}
