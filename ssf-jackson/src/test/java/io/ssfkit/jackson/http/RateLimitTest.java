package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertRateLimited;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.limit.RateLimiter;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ERR-2: 429 {"message"} with Retry-After on every operation, per client, recovering as the clock advances. */
class RateLimitTest {

  /** A transmitter whose clients may make {@code burst} requests at once, refilled at {@code perSecond} on the test clock. */
  private static TestTransmitter limited(int burst, double perSecond) {
    return TestTransmitter.createWithClock((b, clock) -> b.rateLimiter(RateLimiter.tokenBucket(burst, perSecond, clock)));
  }

  private static void exhaust(TestTransmitter t, String token) {
    for (int i = 0; i < 2; i++) {
      assertThat(t.send("GET", Paths.STREAMS, token, null).status()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiOperation.class)
  @DisplayName("ERR-2 every operation over the limit is 429 with Retry-After, has no effect, and succeeds once the clock has advanced")
  void operationWhenOverLimitThenTooManyRequestsUntilClockAdvances(ApiOperation op) {
    TestTransmitter t = limited(2, 1.0);
    String id = op.prepare(t);
    t.clock.advance(Duration.ofSeconds(10));
    exhaust(t, TOKEN_A);

    long retryAfter = assertRateLimited(op.send(t, TOKEN_A, id));

    assertThat(retryAfter).isEqualTo(1);
    t.clock.advance(Duration.ofSeconds(retryAfter));
    // Success proves the refused request had no effect: a created stream would make this 409, a deleted one 404.
    assertThat(op.send(t, TOKEN_A, id).status()).isEqualTo(op.successStatus());
  }

  @Test
  @DisplayName("ERR-2 Retry-After is whole seconds, rounded up, and counts down with the clock")
  void getWhenSlowRefillThenRetryAfterRoundedUpAndDecreasing() {
    TestTransmitter t = limited(1, 0.1);
    assertThat(t.send("GET", Paths.STREAMS, TOKEN_A, null).status()).isEqualTo(200);

    assertThat(assertRateLimited(t.send("GET", Paths.STREAMS, TOKEN_A, null))).isEqualTo(10);
    t.clock.advance(Duration.ofMillis(8_500));
    assertThat(assertRateLimited(t.send("GET", Paths.STREAMS, TOKEN_A, null))).isEqualTo(2);
    t.clock.advance(Duration.ofMillis(1_499));
    assertThat(assertRateLimited(t.send("GET", Paths.STREAMS, TOKEN_A, null))).isEqualTo(1);
    t.clock.advance(Duration.ofMillis(1));
    assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200);
  }

  @Test
  @DisplayName("ERR-2 limits are per client: A over its limit does not slow B down")
  void getWhenOneClientOverLimitThenOtherClientUnaffected() {
    TestTransmitter t = limited(2, 1.0);
    exhaust(t, TOKEN_A);
    assertRateLimited(t.send("GET", Paths.STREAMS, TOKEN_A, null));

    assertJson(t.send("GET", Paths.STREAMS, TOKEN_B, null), 200);
    assertJson(t.send("POST", Paths.STREAMS, TOKEN_B, TestTransmitter.CREATE_BODY), 201);
  }

  @Test
  @DisplayName("ERR-2 a steady rate within the limit is never refused")
  void getWhenWithinSustainedRateThenNeverRefused() {
    TestTransmitter t = limited(2, 1.0);

    for (int i = 0; i < 20; i++) {
      assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200);
      t.clock.advance(Duration.ofSeconds(1));
    }
  }
}
