package io.ssfkit.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ssfkit.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final HandClock clock = new HandClock();
  private final Caller alice = Caller.withManageScope("alice", "org");
  private final Caller bob = Caller.withManageScope("bob", "org");

  @Test
  @DisplayName("ERR-2 a burst above capacity is refused with the time until the next permit")
  void tryAcquireWhenBurstExceedsCapacityThenRefusedWithRetryAfter() {
    RateLimiter limiter = RateLimiter.tokenBucket(3, 2.0, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(alice).admitted()).isTrue();
    }
    RateLimitDecision refused = limiter.tryAcquire(alice);
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void tryAcquireWhenTimePassesThenRefilledUpToCapacity() {
    RateLimiter limiter = RateLimiter.tokenBucket(2, 1.0, clock);
    limiter.tryAcquire(alice);
    limiter.tryAcquire(alice);
    assertThat(limiter.tryAcquire(alice).admitted()).isFalse();
    clock.now = clock.now.plusSeconds(1);
    assertThat(limiter.tryAcquire(alice).admitted()).isTrue();
    assertThat(limiter.tryAcquire(alice).admitted()).isFalse();
    clock.now = clock.now.plusSeconds(3600);
    assertThat(limiter.tryAcquire(alice).admitted()).isTrue();
    assertThat(limiter.tryAcquire(alice).admitted()).isTrue();
    assertThat(limiter.tryAcquire(alice).admitted()).isFalse();
  }

  @Test
  void tryAcquireWhenOneClientExhaustedThenOthersUnaffected() {
    RateLimiter limiter = RateLimiter.tokenBucket(1, 1.0, clock);
    assertThat(limiter.tryAcquire(alice).admitted()).isTrue();
    assertThat(limiter.tryAcquire(alice).admitted()).isFalse();
    assertThat(limiter.tryAcquire(bob).admitted()).isTrue();
  }

  @Test
  void tokenBucketWhenInvalidSettingsThenRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.tokenBucket(0, 1, clock));
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.tokenBucket(1, 0, clock));
  }

  @Test
  void unlimitedWhenCalledThenAlwaysAdmits() {
    RateLimiter limiter = RateLimiter.unlimited();
    for (int i = 0; i < 1_000; i++) {
      assertThat(limiter.tryAcquire(alice).admitted()).isTrue();
    }
  }
}
