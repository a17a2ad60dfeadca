package io.ssfkit.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When to try a failed push again (PUSH-6): exponential backoff with full jitter, a {@code Retry-After} from
 * the receiver honoured, and a budget after which the SET goes to the dead-letter store.
 *
 * @param maxAttempts how many attempts a SET gets in all before it is dead-lettered; at least 1
 * @param maxRejectedAttempts how many attempts a SET gets when the receiver keeps refusing it with a code
 *     that a key or credential change could cure ({@code invalid_key}, {@code authentication_failed},
 *     {@code access_denied}); at least 1
 * @param initialDelay the backoff ceiling after the first failure; positive
 * @param maxDelay the largest backoff ceiling, and the cap on a receiver's {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, int maxRejectedAttempts, Duration initialDelay, Duration maxDelay) {

  /**
   * Validates the policy.
   *
   * @param maxAttempts the attempt budget
   * @param maxRejectedAttempts the attempt budget for curable refusals
   * @param initialDelay the first backoff ceiling
   * @param maxDelay the largest backoff ceiling
   * @throws IllegalArgumentException if a value is out of range
   */
  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1 || maxRejectedAttempts < 1) {
      throw new IllegalArgumentException("attempt budgets must be at least 1");
    }
    if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay, but were " + initialDelay + ", " + maxDelay);
    }
  }

  /**
   * Returns the default policy: 12 attempts (about an hour of retrying), 3 for curable refusals, backoff
   * from 1 second up to 10 minutes.
   *
   * @return the default policy
   */
  public static RetryPolicy ofDefaults() {
    return new RetryPolicy(12, 3, Duration.ofSeconds(1), Duration.ofMinutes(10));
  }

  /**
   * Computes the delay before the next attempt.
   *
   * @param failedAttempts how many attempts have failed, at least 1
   * @param retryAfter the receiver's {@code Retry-After}, or null
   * @return the receiver's delay (capped at {@code maxDelay}) when it gave one; otherwise a uniformly random
   *     delay between zero and {@code min(maxDelay, initialDelay × 2^(failedAttempts − 1))} (full jitter)
   */
  public Duration delay(int failedAttempts, @Nullable Duration retryAfter) {
    if (retryAfter != null && !retryAfter.isNegative()) {
      return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
    int shift = Math.min(Math.max(failedAttempts - 1, 0), 40);
    long ceiling = initialDelay.toNanos();
    long max = maxDelay.toNanos();
    for (int i = 0; i < shift && ceiling < max; i++) {
      ceiling = Math.min(max, ceiling * 2);
    }
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }
}
