package io.ssfkit.delivery;

import io.ssfkit.stream.StreamId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signed SET in a stream's outbox. The token is signed once and kept as its compact serialization, so
 * every retry and every re-offer sends the identical bytes (SET-11).
 *
 * @param streamId the stream it is queued for
 * @param jti the SET's {@code jti}, unique within the stream
 * @param token the compact JWS serialization of the signed SET
 * @param orderingKey the key under which order is kept (PUSH-9): SETs with the same key go out in enqueue
 *     order, one at a time; typically derived from the subject
 * @param enqueuedAt when it was accepted
 * @param attempts how many delivery attempts have failed so far
 * @param notBefore the earliest time of the next attempt
 * @param lastError the reason the last attempt failed, or null
 */
public record QueuedSet(
    StreamId streamId,
    String jti,
    String token,
    String orderingKey,
    Instant enqueuedAt,
    int attempts,
    Instant notBefore,
    @Nullable String lastError) {

  /**
   * Validates the entry.
   *
   * @param streamId the stream
   * @param jti the jti
   * @param token the compact SET
   * @param orderingKey the ordering key
   * @param enqueuedAt when it was accepted
   * @param attempts failed attempts so far; not negative
   * @param notBefore the earliest next attempt
   * @param lastError the last failure, or null
   * @throws IllegalArgumentException if a string is blank or attempts is negative
   */
  public QueuedSet {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(orderingKey, "orderingKey");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(notBefore, "notBefore");
    if (jti.isBlank() || token.isBlank() || orderingKey.isEmpty()) {
      throw new IllegalArgumentException("jti, token and orderingKey must not be blank");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, but was " + attempts);
    }
  }

  /**
   * Returns a new entry, due at once.
   *
   * @param streamId the stream
   * @param jti the jti
   * @param token the compact SET
   * @param orderingKey the ordering key
   * @param now the time it is accepted
   * @return the entry, with no attempts
   */
  public static QueuedSet of(StreamId streamId, String jti, String token, String orderingKey, Instant now) {
    return new QueuedSet(streamId, jti, token, orderingKey, now, 0, now, null);
  }
}
