package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  private static final Instant T0 = Instant.parse("2030-05-06T07:08:09Z");

  @Test
  void createWhenCalledThenStandsAtStartOf2026InUtc() {
    MutableClock clock = MutableClock.create();

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void atWhenNotMovedThenInstantStaysPut() {
    MutableClock clock = MutableClock.at(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  void advanceWhenPositiveThenMovesForwardAndReturnsNewTime() {
    MutableClock clock = MutableClock.at(T0);

    Instant after = clock.advance(Duration.ofMinutes(5));
    clock.advance(Duration.ofMillis(1));

    assertThat(after).isEqualTo(T0.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(300).plusMillis(1));
  }

  @Test
  void advanceWhenZeroThenUnchanged() {
    MutableClock clock = MutableClock.at(T0);

    assertThat(clock.advance(Duration.ZERO)).isEqualTo(T0);
  }

  @Test
  void advanceWhenNegativeThenIllegalArgumentAndUnchanged() {
    MutableClock clock = MutableClock.at(T0);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .withMessageContaining("PT-1S");
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  void setWhenEarlierInstantThenMovesBack() {
    MutableClock clock = MutableClock.at(T0);

    clock.set(T0.minusSeconds(3600));

    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(3600));
  }

  @Test
  void withZoneWhenOtherZoneThenViewSharesTime() {
    MutableClock clock = MutableClock.at(T0);
    ZoneId paris = ZoneId.of("Europe/Paris");

    MutableClock view = clock.withZone(paris);
    clock.advance(Duration.ofSeconds(10));
    view.advance(Duration.ofSeconds(5));

    assertThat(view.getZone()).isEqualTo(paris);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(view.instant()).isEqualTo(T0.plusSeconds(15));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(15));
  }

  @Test
  void withZoneWhenSameZoneThenSameClock() {
    MutableClock clock = MutableClock.at(T0);

    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }

  @Test
  void advanceWhenCalledFromManyThreadsThenNoStepIsLost() throws Exception {
    MutableClock clock = MutableClock.at(T0);
    int threads = 8;
    int steps = 1_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
          for (int s = 0; s < steps; s++) {
            clock.advance(Duration.ofMillis(1));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(clock.instant()).isEqualTo(T0.plusMillis((long) threads * steps));
  }
}
