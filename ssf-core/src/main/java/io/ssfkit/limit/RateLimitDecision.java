package io.ssfkit.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a {@link RateLimiter}: admitted, or refused with how long to wait.
 *
 * @param admitted whether the request may proceed
 * @param retryAfter how long to wait before retrying; zero when admitted
 */
public record RateLimitDecision(boolean admitted, Duration retryAfter) {

  private static final RateLimitDecision ADMIT = new RateLimitDecision(true, Duration.ZERO);

  /**
   * Validates the decision.
   *
   * @param admitted whether the request may proceed
   * @param retryAfter how long to wait before retrying; zero when admitted
   */
  public RateLimitDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
    }
    if (admitted && !retryAfter.isZero()) {
      throw new IllegalArgumentException("an admitted request has no retryAfter");
    }
  }

  /**
   * Returns the decision that admits a request.
   *
   * @return the admitting decision
   */
  public static RateLimitDecision admit() {
    return ADMIT;
  }

  /**
   * Returns a decision that refuses a request.
   *
   * @param retryAfter how long to wait; positive
   * @return the refusing decision
   */
  public static RateLimitDecision refuse(Duration retryAfter) {
    return new RateLimitDecision(false, retryAfter);
  }
}
