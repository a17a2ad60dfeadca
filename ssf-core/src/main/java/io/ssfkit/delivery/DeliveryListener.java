package io.ssfkit.delivery;

import io.ssfkit.stream.StreamId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Observes every delivery outcome, so a host can feed its own metrics and audit logs. Every method has an
 * empty default; implement the ones you need.
 *
 * <p>Callbacks run on delivery threads: they must be quick, thread-safe and must not throw (an exception is
 * logged and otherwise ignored). They never receive a token's claims or an authorization header.
 */
public interface DeliveryListener {

  /** A listener that does nothing. */
  DeliveryListener NONE = new DeliveryListener() {};

  /**
   * A SET reached its receiver (push 202) or was acknowledged by a poll.
   *
   * @param streamId the stream
   * @param jti the SET
   * @param attempts how many attempts it took, at least 1
   */
  default void delivered(StreamId streamId, String jti, int attempts) {}

  /**
   * An attempt failed and the SET will be tried again.
   *
   * @param streamId the stream
   * @param jti the SET
   * @param failedAttempts how many attempts have failed
   * @param nextAttempt when it will be tried again
   * @param reason why the attempt failed
   */
  default void retried(StreamId streamId, String jti, int failedAttempts, Instant nextAttempt, String reason) {}

  /**
   * The receiver refused the SET with an RFC 8935 error code.
   *
   * @param streamId the stream
   * @param jti the SET
   * @param code the {@code err} code
   * @param description the receiver's description, or null
   */
  default void rejected(StreamId streamId, String jti, String code, @Nullable String description) {}

  /**
   * The SET was given up and moved to the dead-letter store.
   *
   * @param streamId the stream
   * @param jti the SET
   * @param reason why
   */
  default void deadLettered(StreamId streamId, String jti, String reason) {}

  /**
   * The SET is held because its stream is paused; it is sent once the stream is enabled.
   *
   * @param streamId the stream
   * @param jti the SET
   */
  default void held(StreamId streamId, String jti) {}

  /**
   * The SET was dropped without delivery: the stream is disabled or deleted, or the paused stream's hold
   * limit is reached.
   *
   * @param streamId the stream
   * @param jti the SET, or {@code *} when a whole queue was purged
   * @param reason why
   */
  default void dropped(StreamId streamId, String jti, String reason) {}
}
