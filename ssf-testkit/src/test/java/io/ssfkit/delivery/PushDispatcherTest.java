package io.ssfkit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.spi.StreamQuota;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import io.ssfkit.testkit.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The push dispatcher over the in-memory SPIs, with scripted channels. Waits are bounded; nothing sleeps. */
class PushDispatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final StreamOwner OWNER = new StreamOwner("org", "client");

  private final InMemoryStreamStore store = InMemoryStreamStore.create();
  private final InMemoryEventQueue queue = InMemoryEventQueue.create();
  private final InMemoryDeadLetterStore deadLetters = InMemoryDeadLetterStore.create();
  private final RecordingListener listener = new RecordingListener();
  private final List<PushDispatcher> dispatchers = new ArrayList<>();
  private final ScheduledExecutorService receiverThreads = Executors.newScheduledThreadPool(4);

  @AfterEach
  void stop() {
    dispatchers.forEach(PushDispatcher::close);
    receiverThreads.shutdownNow();
  }

  /** A channel that records each attempt and answers through a script. */
  private static final class ScriptedChannel implements DeliveryChannel {
    final BlockingQueue<String> attempts = new LinkedBlockingQueue<>();
    final BiFunction<String, Integer, CompletionStage<DeliveryResult>> script;
    final Map<String, AtomicInteger> perToken = new ConcurrentHashMap<>();

    ScriptedChannel(BiFunction<String, Integer, CompletionStage<DeliveryResult>> script) {
      this.script = script;
    }

    @Override
    public CompletionStage<DeliveryResult> deliver(PushTarget target, String token) {
      attempts.add(token);
      int attempt = perToken.computeIfAbsent(token, k -> new AtomicInteger()).incrementAndGet();
      return script.apply(token, attempt);
    }
  }

  private static CompletionStage<DeliveryResult> delivered() {
    return CompletableFuture.completedFuture(new DeliveryResult.Delivered(202));
  }

  /** Records outcomes; waits on them with a bounded timeout. */
  private static final class RecordingListener implements DeliveryListener {
    final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    final BlockingQueue<String> deadLettered = new LinkedBlockingQueue<>();
    final BlockingQueue<Instant> retriedAt = new LinkedBlockingQueue<>();
    final BlockingQueue<String> dropped = new LinkedBlockingQueue<>();

    @Override
    public void delivered(StreamId streamId, String jti, int attempts) {
      delivered.add(jti);
    }

    @Override
    public void retried(StreamId streamId, String jti, int failedAttempts, Instant nextAttempt, String reason) {
      retriedAt.add(nextAttempt);
    }

    @Override
    public void deadLettered(StreamId streamId, String jti, String reason) {
      deadLettered.add(jti + ": " + reason);
    }

    @Override
    public void dropped(StreamId streamId, String jti, String reason) {
      dropped.add(reason);
    }
  }

  private PushDispatcher start(DeliveryChannel channel, Clock clock, RetryPolicy retry, Duration lease) {
    PushDispatcher dispatcher = PushDispatcher.builder()
        .queue(queue).store(store).channel(channel).deadLetters(deadLetters).clock(clock)
        .retryPolicy(retry).listener(listener).lease(lease).build();
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  private PushDispatcher start(DeliveryChannel channel) {
    return start(channel, Clock.systemUTC(), fastRetries(5), Duration.ofMinutes(2));
  }

  private static RetryPolicy fastRetries(int attempts) {
    return new RetryPolicy(attempts, 2, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  private StreamId pushStream() {
    StreamConfiguration stream = StreamConfiguration.builder()
        .streamId(StreamId.random())
        .owner(OWNER)
        .issuer("https://tr.example.com")
        .audience("https://rp.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/events"), "Bearer x"))
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
    return store.insert(stream, new StreamQuota(100, 100)).streamId();
  }

  private void setStatus(StreamId id, StreamStatus status) {
    StreamConfiguration current = store.findById(id).orElseThrow();
    store.update(current.toBuilder().status(status).build(), current.version());
  }

  private void enqueue(StreamId stream, String jti, String key, Instant now) {
    queue.enqueue(QueuedSet.of(stream, jti, "token-" + jti, key, now));
  }

  private static List<String> take(BlockingQueue<String> from, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String next = from.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(next).as("item %d of %d", i + 1, n).isNotNull();
      out.add(next);
    }
    return out;
  }

  @Test
  @DisplayName("an enqueue starts delivery at once; the SET is acknowledged and reported")
  void enqueueWhenStreamEnabledThenDeliveredAndAcknowledged() throws Exception {
    StreamId stream = pushStream();
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> delivered());
    start(channel);

    enqueue(stream, "j1", "alice", Instant.now());

    assertThat(take(listener.delivered, 1)).containsExactly("j1");
    assertThat(channel.attempts).containsExactly("token-j1");
    assertThat(queue.stats(stream, Instant.now()).depth()).isZero();
  }

  @Test
  @DisplayName("PUSH-9 one subject's SETs arrive in order while different subjects are in flight together")
  void deliverWhenManySubjectsThenPerSubjectOrderAndConcurrency() throws Exception {
    StreamId stream = pushStream();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Map<String, List<String>> receivedPerKey = new ConcurrentHashMap<>();
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      String[] parts = token.split("-"); // token-<key>-<n>
      receivedPerKey.computeIfAbsent(parts[1], k -> Collections.synchronizedList(new ArrayList<>())).add(token);
      CompletableFuture<DeliveryResult> answer = new CompletableFuture<>();
      receiverThreads.schedule(() -> {
        inFlight.decrementAndGet();
        answer.complete(new DeliveryResult.Delivered(202));
      }, 1, TimeUnit.MILLISECONDS);
      return answer;
    });
    start(channel);

    Instant now = Instant.now();
    Map<String, List<String>> expected = new HashMap<>();
    for (int n = 0; n < 20; n++) {
      for (int k = 0; k < 50; k++) {
        String key = "s" + k;
        String jti = key + "-" + n;
        enqueue(stream, jti, key, now);
        expected.computeIfAbsent(key, x -> new ArrayList<>()).add("token-" + jti);
      }
    }

    take(listener.delivered, 1_000);
    assertThat(receivedPerKey).isEqualTo(expected);
    assertThat(maxInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(16);
  }

  @Test
  @DisplayName("PUSH-6 SET-11 retryable failures are retried with the identical token until delivered")
  void deliverWhenReceiverFailsTwiceThenThirdAttemptDeliversSameBytes() throws Exception {
    StreamId stream = pushStream();
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> CompletableFuture.completedFuture(
        attempt < 3 ? new DeliveryResult.Failed(500, "HTTP 500", true, null) : new DeliveryResult.Delivered(202)));
    start(channel);

    enqueue(stream, "j1", "alice", Instant.now());

    assertThat(take(listener.delivered, 1)).containsExactly("j1");
    assertThat(channel.attempts).containsExactly("token-j1", "token-j1", "token-j1");
    assertThat(deadLetters.list(stream, 10)).isEmpty();
  }

  @Test
  @DisplayName("PUSH-6 invalid_audience is not retried: one attempt, then the dead-letter store")
  void deliverWhenRejectedForGoodThenDeadLetteredAfterOneAttempt() throws Exception {
    StreamId stream = pushStream();
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> CompletableFuture.completedFuture(
        new DeliveryResult.Rejected(400, "invalid_audience", "wrong aud")));
    start(channel);

    enqueue(stream, "j1", "alice", Instant.now());

    assertThat(take(listener.deadLettered, 1).get(0)).startsWith("j1: ").contains("invalid_audience");
    assertThat(channel.attempts).containsExactly("token-j1");
    assertThat(deadLetters.list(stream, 10)).singleElement()
        .satisfies(letter -> assertThat(letter.entry().token()).isEqualTo("token-j1"));
    assertThat(queue.stats(stream, Instant.now()).depth()).isZero();
  }

  @Test
  @DisplayName("PUSH-6 when the retry budget is spent the SET is dead-lettered with the reason, and later SETs of its subject proceed")
  void deliverWhenBudgetSpentThenDeadLetteredAndNextOfKeyDelivered() throws Exception {
    StreamId stream = pushStream();
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> CompletableFuture.completedFuture(
        token.equals("token-j1") ? new DeliveryResult.Failed(503, "HTTP 503", true, null)
            : new DeliveryResult.Delivered(202)));
    start(channel, Clock.systemUTC(), fastRetries(3), Duration.ofMinutes(2));

    Instant now = Instant.now();
    enqueue(stream, "j1", "alice", now);
    enqueue(stream, "j2", "alice", now);

    assertThat(take(listener.deadLettered, 1).get(0)).isEqualTo("j1: retry budget spent: HTTP 503");
    assertThat(take(listener.delivered, 1)).containsExactly("j2");
    assertThat(channel.attempts).containsExactly("token-j1", "token-j1", "token-j1", "token-j2");
  }

  @Test
  @DisplayName("PUSH-6 a receiver's Retry-After sets the next attempt exactly")
  void deliverWhenRetryAfterGivenThenNextAttemptAtThatTime() throws Exception {
    StreamId stream = pushStream();
    MutableClock clock = MutableClock.at(Instant.parse("2026-06-01T00:00:00Z"));
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> CompletableFuture.completedFuture(
        attempt == 1 ? new DeliveryResult.Failed(429, "HTTP 429", true, Duration.ofSeconds(30))
            : new DeliveryResult.Delivered(202)));
    start(channel, clock, new RetryPolicy(5, 2, Duration.ofMillis(1), Duration.ofMinutes(5)), Duration.ofMinutes(2));

    enqueue(stream, "j1", "alice", clock.instant());

    assertThat(listener.retriedAt.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isEqualTo(Instant.parse("2026-06-01T00:00:30Z"));
    assertThat(listener.delivered.poll(50, TimeUnit.MILLISECONDS)).isNull();
    clock.advance(Duration.ofSeconds(30));
    dispatchers.get(0).wake(stream);
    assertThat(take(listener.delivered, 1)).containsExactly("j1");
  }

  @Test
  @DisplayName("STATUS-5 a paused stream holds its SETs and releases them in order when enabled")
  void deliverWhenPausedThenHeldUntilEnabled() throws Exception {
    StreamId stream = pushStream();
    setStatus(stream, StreamStatus.PAUSED);
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> delivered());
    PushDispatcher dispatcher = start(channel);

    Instant now = Instant.now();
    enqueue(stream, "e1", "alice", now);
    enqueue(stream, "e2", "alice", now);
    assertThat(channel.attempts.poll(100, TimeUnit.MILLISECONDS)).isNull();
    assertThat(queue.stats(stream, Instant.now()).depth()).isEqualTo(2);

    setStatus(stream, StreamStatus.ENABLED);
    dispatcher.wake(stream);

    assertThat(take(listener.delivered, 2)).containsExactly("e1", "e2");
  }

  @Test
  @DisplayName("STATUS-6 a disabled stream's queue is purged and nothing is sent")
  void deliverWhenDisabledThenPurgedAndDropped() throws Exception {
    StreamId stream = pushStream();
    setStatus(stream, StreamStatus.DISABLED);
    ScriptedChannel channel = new ScriptedChannel((token, attempt) -> delivered());
    start(channel);

    enqueue(stream, "e1", "alice", Instant.now());

    assertThat(listener.dropped.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("stream disabled");
    assertThat(channel.attempts).isEmpty();
    assertThat(queue.stats(stream, Instant.now()).depth()).isZero();
  }

  @Test
  @DisplayName("restart: SETs queued and in flight when a dispatcher stops are delivered by the next one")
  void restartWhenDispatcherStoppedWithWorkInFlightThenNextDispatcherDeliversEverything() throws Exception {
    StreamId stream = pushStream();
    CountDownLatch firstAttempts = new CountDownLatch(3);
    // The first dispatcher's receiver never answers: its SETs stay in flight until their lease ends.
    ScriptedChannel hanging = new ScriptedChannel((token, attempt) -> {
      firstAttempts.countDown();
      return new CompletableFuture<>();
    });
    PushDispatcher first = start(hanging, Clock.systemUTC(), fastRetries(5), Duration.ofMillis(200));
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      enqueue(stream, "k" + i + "-a", "k" + i, now);
      enqueue(stream, "k" + i + "-b", "k" + i, now);
    }
    assertThat(firstAttempts.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    first.close();

    ScriptedChannel working = new ScriptedChannel((token, attempt) -> delivered());
    start(working, Clock.systemUTC(), fastRetries(5), Duration.ofMillis(200));

    assertThat(take(listener.delivered, 6)).containsExactlyInAnyOrder(
        "k0-a", "k0-b", "k1-a", "k1-b", "k2-a", "k2-b");
    assertThat(queue.stats(stream, Instant.now()).depth()).isZero();
  }

  @Test
  @DisplayName("a deleted stream's queue is purged")
  void deliverWhenStreamDeletedThenQueuePurged() throws Exception {
    StreamId stream = pushStream();
    store.delete(OWNER, stream);
    start(new ScriptedChannel((token, attempt) -> delivered()));

    enqueue(stream, "e1", "alice", Instant.now());

    assertThat(listener.dropped.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("stream deleted");
    assertThat(queue.stats(stream, Instant.now()).depth()).isZero();
  }
}
