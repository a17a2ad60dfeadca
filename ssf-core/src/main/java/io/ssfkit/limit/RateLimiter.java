package io.ssfkit.limit;

import io.ssfkit.auth.Caller;
import java.time.Clock;

/**
 * Per-caller admission control for the transmitter API (ERR-2). Over the limit, every operation answers
 * 429 with a {@code Retry-After} header.
 *
 * <p>Implementations must be thread-safe and must not block. A host may share limits across nodes (Redis
 * and so on) by implementing this interface.
 */
@FunctionalInterface
public interface RateLimiter {

  /**
   * Decides whether one request of a caller may proceed, consuming a permit when it may.
   *
   * @param caller the authenticated caller
   * @return the decision
   */
  RateLimitDecision tryAcquire(Caller caller);

  /**
   * Returns a limiter that admits everything.
   *
   * @return the limiter
   */
  static RateLimiter unlimited() {
    return caller -> RateLimitDecision.admit();
  }

  /**
   * Returns a token bucket per client ID: up to {@code capacity} requests in a burst, refilled at
   * {@code permitsPerSecond}.
   *
   * @param capacity the burst size; at least 1
   * @param permitsPerSecond the sustained rate; positive
   * @param clock the time source
   * @return the limiter
   */
  static RateLimiter tokenBucket(int capacity, double permitsPerSecond, Clock clock) {
    return new TokenBucketRateLimiter(capacity, permitsPerSecond, clock);
  }
}
