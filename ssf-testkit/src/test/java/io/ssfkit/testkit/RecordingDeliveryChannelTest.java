package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.delivery.DeliveryResult;
import io.ssfkit.delivery.DeliveryResult.Delivered;
import io.ssfkit.delivery.DeliveryResult.Failed;
import io.ssfkit.delivery.DeliveryResult.Rejected;
import io.ssfkit.delivery.PushTarget;
import io.ssfkit.testkit.RecordingDeliveryChannel.Attempt;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingDeliveryChannelTest {

  private static final PushTarget TARGET = new PushTarget(URI.create("https://rp.example.com/events"), "Bearer x");
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static DeliveryResult now(CompletionStage<DeliveryResult> stage) {
    return stage.toCompletableFuture().getNow(null);
  }

  @Test
  void deliverWhenNothingScriptedThenDelivered202AndRecorded() {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();

    assertThat(now(channel.deliver(TARGET, "t1"))).isEqualTo(new Delivered(202));
    assertThat(now(channel.deliver(TARGET, "t2"))).isEqualTo(new Delivered(202));

    assertThat(channel.delivered()).containsExactly(new Attempt(1, TARGET, "t1"), new Attempt(2, TARGET, "t2"));
    assertThat(channel.attemptCount()).isEqualTo(2);
  }

  @Test
  void deliverWhenScriptedThenScriptConsumedInOrderThenDefault() {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
    Failed busy = new Failed(503, "busy", true, Duration.ofSeconds(1));
    Rejected audience = new Rejected(400, "invalid_audience", null);
    channel.script(busy, audience);

    assertThat(now(channel.deliver(TARGET, "a"))).isEqualTo(busy);
    assertThat(now(channel.deliver(TARGET, "a"))).isEqualTo(audience);
    assertThat(now(channel.deliver(TARGET, "a"))).isEqualTo(new Delivered(202));
  }

  @Test
  void deliverWhenResponderSetThenAnswersAfterScriptAsFunctionOfAttempt() {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create()
        .respondWith(attempt -> CompletableFuture.completedFuture(attempt.number() < 3
            ? new Failed(500, "down", true, null)
            : new Delivered(202)));
    channel.script(new Delivered(200));

    List<DeliveryResult> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(now(channel.deliver(TARGET, "t")));
    }

    assertThat(results).containsExactly(new Delivered(200), new Failed(500, "down", true, null),
        new Delivered(202), new Delivered(202));
  }

  @Test
  void deliverWhenResponderHoldsStageThenInFlightUntilCompleted() {
    CompletableFuture<DeliveryResult> held = new CompletableFuture<>();
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create().respondWith(attempt -> held);

    CompletionStage<DeliveryResult> stage = channel.deliver(TARGET, "t");
    assertThat(stage.toCompletableFuture()).isNotDone();
    held.complete(new Delivered(202));

    assertThat(now(stage)).isEqualTo(new Delivered(202));
  }

  @Test
  void takeNextWhenAttemptArrivesLaterThenReturnsIt() throws Exception {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> sent = pool.submit(() -> channel.deliver(TARGET, "later"));

      assertThat(channel.takeNext(WAIT)).map(Attempt::token).contains("later");
      sent.get(5, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void takeNextWhenNothingArrivesThenEmptyAfterTimeout() throws InterruptedException {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();

    assertThat(channel.takeNext(Duration.ofMillis(50))).isEmpty();
  }

  @Test
  void takeNextWhenSeveralThenInOrderAndEachOnce() throws InterruptedException {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
    channel.deliver(TARGET, "1");
    channel.deliver(TARGET, "2");

    assertThat(channel.takeNext(WAIT)).map(Attempt::token).contains("1");
    assertThat(channel.takeNext(WAIT)).map(Attempt::token).contains("2");
    assertThat(channel.takeNext(Duration.ZERO)).isEmpty();
    assertThat(channel.delivered()).hasSize(2);
  }

  @Test
  void deliverWhenOverCapacityThenOldestDropped() throws InterruptedException {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create(3);
    for (int i = 1; i <= 5; i++) {
      channel.deliver(TARGET, "t" + i);
    }

    assertThat(channel.delivered()).extracting(Attempt::token).containsExactly("t3", "t4", "t5");
    assertThat(channel.attemptCount()).isEqualTo(5);
    assertThat(channel.takeNext(WAIT)).map(Attempt::token).contains("t3");
  }

  @Test
  void resetWhenCalledThenEverythingForgotten() throws InterruptedException {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create()
        .respondWith(attempt -> CompletableFuture.completedFuture(new Failed(500, "x", true, null)));
    channel.script(new Delivered(200));
    channel.deliver(TARGET, "t");

    channel.reset();

    assertThat(channel.delivered()).isEmpty();
    assertThat(channel.takeNext(Duration.ZERO)).isEmpty();
    assertThat(now(channel.deliver(TARGET, "u"))).isEqualTo(new Delivered(202));
    assertThat(channel.delivered()).containsExactly(new Attempt(1, TARGET, "u"));
  }

  @Test
  void snapshotWhenLaterAttemptsThenUnchanged() {
    RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
    channel.deliver(TARGET, "t");
    List<Attempt> snapshot = channel.delivered();

    channel.deliver(TARGET, "u");

    assertThat(snapshot).hasSize(1);
    assertThatThrownBy(() -> snapshot.add(new Attempt(9, TARGET, "x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void createWhenCapacityBelowOneThenIllegalArgument() {
    assertThatThrownBy(() -> RecordingDeliveryChannel.create(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
