package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.QueueStats;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the in-memory queue adds to the contract: its bound, its argument checks and its documented choices. */
class InMemoryEventQueueTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static QueuedSet entry(StreamId stream, String jti) {
    return QueuedSet.of(stream, jti, "header." + jti + ".signature", "alice", T0);
  }

  @Test
  void createWhenMaxEntriesBelowOneThenIllegalArgument() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InMemoryEventQueue.create(0))
        .withMessage("maxEntriesPerStream must be at least 1, but was 0");
  }

  @Test
  void createThenEachCallReturnsIndependentQueue() {
    StreamId stream = StreamId.random();
    InMemoryEventQueue.create().enqueue(entry(stream, "jti-1"));

    assertThat(InMemoryEventQueue.create().stats(stream, T0).depth()).isZero();
  }

  @Test
  void enqueueWhenStreamIsFullAndEntryNewThenIllegalStateAndNotStored() {
    InMemoryEventQueue queue = InMemoryEventQueue.create(2);
    StreamId stream = StreamId.random();
    queue.enqueue(entry(stream, "jti-1"));
    queue.enqueue(entry(stream, "jti-2"));

    assertThatIllegalStateException()
        .isThrownBy(() -> queue.enqueue(entry(stream, "jti-3")))
        .withMessage("stream " + stream + " already has the maximum of 2 entries this in-memory queue keeps per"
            + " stream");
    assertThat(queue.stats(stream, T0).depth()).isEqualTo(2);
  }

  @Test
  void enqueueWhenStreamIsFullAndJtiAlreadyQueuedThenNoChange() {
    InMemoryEventQueue queue = InMemoryEventQueue.create(1);
    StreamId stream = StreamId.random();
    queue.enqueue(entry(stream, "jti-1"));

    queue.enqueue(entry(stream, "jti-1"));

    assertThat(queue.stats(stream, T0).depth()).isEqualTo(1);
  }

  @Test
  void enqueueWhenBoundReachedOnOneStreamThenOtherStreamsUnaffected() {
    InMemoryEventQueue queue = InMemoryEventQueue.create(1);
    StreamId full = StreamId.random();
    StreamId other = StreamId.random();
    queue.enqueue(entry(full, "jti-1"));

    queue.enqueue(entry(other, "jti-1"));

    assertThat(queue.stats(other, T0).depth()).isEqualTo(1);
  }

  @Test
  void enqueueWhenFullStreamHadEntryAcknowledgedThenRoomAgain() {
    InMemoryEventQueue queue = InMemoryEventQueue.create(1);
    StreamId stream = StreamId.random();
    queue.enqueue(entry(stream, "jti-1"));
    queue.acknowledge(stream, "jti-1");

    queue.enqueue(entry(stream, "jti-2"));

    assertThat(queue.claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0, LEASE))
        .extracting(QueuedSet::jti)
        .containsExactly("jti-2");
  }

  @Test
  void claimWhenMaxBelowOneThenIllegalArgument() {
    InMemoryEventQueue queue = InMemoryEventQueue.create();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> queue.claim(StreamId.random(), 0, ClaimMode.OLDEST_FIRST, T0, LEASE))
        .withMessage("max must be at least 1, but was 0");
  }

  @Test
  void claimWhenLeaseNotPositiveThenIllegalArgument() {
    InMemoryEventQueue queue = InMemoryEventQueue.create();
    StreamId stream = StreamId.random();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> queue.claim(stream, 1, ClaimMode.OLDEST_FIRST, T0, Duration.ZERO))
        .withMessage("lease must be positive, but was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> queue.claim(stream, 1, ClaimMode.OLDEST_FIRST, T0, Duration.ofSeconds(-1)))
        .withMessageContaining("PT-1S");
  }

  @Test
  void claimWhenLeaseWouldPassInstantMaxThenItNeverEnds() {
    InMemoryEventQueue queue = InMemoryEventQueue.create();
    StreamId stream = StreamId.random();
    queue.enqueue(entry(stream, "jti-1"));

    queue.claim(stream, 1, ClaimMode.PER_KEY_HEAD, T0, Duration.ofSeconds(Long.MAX_VALUE));

    assertThat(queue.claim(stream, 1, ClaimMode.PER_KEY_HEAD, Instant.MAX.minusSeconds(1), LEASE)).isEmpty();
  }

  @Test
  void subscribeWhenCallbackThrowsThenEnqueueSucceedsAndOtherSubscribersCalled() throws Exception {
    InMemoryEventQueue queue = InMemoryEventQueue.create();
    StreamId stream = StreamId.random();
    List<StreamId> calls = new CopyOnWriteArrayList<>();
    AutoCloseable failing = queue.subscribe(id -> {
      throw new BrokenSubscriber();
    });
    AutoCloseable working = queue.subscribe(calls::add);

    queue.enqueue(entry(stream, "jti-1"));

    assertThat(queue.stats(stream, T0).depth()).isEqualTo(1);
    assertThat(calls).containsExactly(stream);
    failing.close();
    working.close();
  }

  @Test
  void subscribeWhenEnqueuedThenCallbackRunsOnEnqueuingThreadWithoutTheLock() throws Exception {
    InMemoryEventQueue queue = InMemoryEventQueue.create();
    StreamId stream = StreamId.random();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    List<Integer> depthsSeenByOtherThread = new CopyOnWriteArrayList<>();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      AutoCloseable subscription = queue.subscribe(id -> {
        threads.add(Thread.currentThread());
        try {
          // Would time out if the callback held the queue's lock.
          depthsSeenByOtherThread.add(other.submit(() -> queue.stats(id, T0).depth()).get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });

      queue.enqueue(entry(stream, "jti-1"));
      subscription.close();
    } finally {
      other.shutdownNow();
      assertThat(other.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(threads).containsExactly(Thread.currentThread());
    assertThat(depthsSeenByOtherThread).containsExactly(1);
  }

  @Test
  void subscribeWhenSameJtiEnqueuedAgainThenNotNotified() throws Exception {
    InMemoryEventQueue queue = InMemoryEventQueue.create();
    StreamId stream = StreamId.random();
    List<StreamId> calls = new CopyOnWriteArrayList<>();
    AutoCloseable subscription = queue.subscribe(calls::add);

    queue.enqueue(entry(stream, "jti-1"));
    queue.enqueue(entry(stream, "jti-1"));
    subscription.close();

    assertThat(calls).containsExactly(stream);
  }

  @Test
  void methodsWhenArgumentNullThenNullPointerNamingIt() {
    InMemoryEventQueue queue = InMemoryEventQueue.create();
    StreamId id = StreamId.random();

    assertThatNullPointerException().isThrownBy(() -> queue.enqueue(nullValue())).withMessage("entry");
    assertThatNullPointerException()
        .isThrownBy(() -> queue.claim(id, 1, nullValue(), T0, LEASE))
        .withMessage("mode");
    assertThatNullPointerException()
        .isThrownBy(() -> queue.claim(id, 1, ClaimMode.OLDEST_FIRST, T0, nullValue()))
        .withMessage("lease");
    assertThatNullPointerException().isThrownBy(() -> queue.acknowledge(id, nullValue())).withMessage("jti");
    assertThatNullPointerException()
        .isThrownBy(() -> queue.release(id, "jti-1", T0, nullValue()))
        .withMessage("error");
    assertThatNullPointerException().isThrownBy(() -> queue.purge(nullValue())).withMessage("streamId");
    assertThatNullPointerException().isThrownBy(() -> queue.stats(nullValue(), T0)).withMessage("streamId");
    assertThatNullPointerException().isThrownBy(() -> queue.subscribe(nullValue())).withMessage("onEnqueue");
  }

  /** Thrown by a subscriber on purpose; without a stack trace, so the WARN it is logged with stays short. */
  private static final class BrokenSubscriber extends RuntimeException {
    private BrokenSubscriber() {
      super("subscriber is broken on purpose", null, false, false);
    }
  }

  // Null where the signature says non-null, to test the guards; one place for nullness checkers to excuse.
  @SuppressWarnings("NullAway")
  private static <T> T nullValue() {
    return null;
  }
}
