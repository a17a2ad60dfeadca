package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.QueueStats;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventQueue} must have, as a JUnit 5 suite. Extend it in your test sources,
 * implement {@link #newQueue()}, and run the subclass like any other test class:
 *
 * <pre>{@code
 * class JdbcEventQueueContractTest extends EventQueueContract {
 *   @Override
 *   protected EventQueue newQueue() {
 *     return new JdbcEventQueue(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks that {@link EventQueue#enqueue} is idempotent on {@code (streamId, jti)}; that
 * {@link ClaimMode#PER_KEY_HEAD} hands out one entry per ordering key at a time, in enqueue order (PUSH-9),
 * while other keys proceed; that leases hide claimed entries until they expire and that an expired lease
 * offers the identical entry again (at-least-once); that {@link EventQueue#release} keeps an entry at the
 * head of its key with one more attempt; acknowledgement and purge; {@link ClaimMode#OLDEST_FIRST} for poll
 * (POLL-4, POLL-7); that streams are independent; the subscribers; and, under concurrent enqueuers and
 * claimers, that every entry is acknowledged exactly once and each key's entries in enqueue order.
 *
 * <p>"Oldest" is enqueue order. Within each test, entries are enqueued with increasing
 * {@code enqueuedAt}, so a queue that orders by {@code enqueuedAt} passes too.
 *
 * <p>Time is explicit: every claim passes {@code now}, starting at 2100-01-01T00:00:00Z, with a lease of 30
 * seconds unless a test says otherwise. The instant is far in the future so that a queue whose
 * {@link EventQueue#stats} evaluates leases against the wall clock (the method takes no time) still sees
 * the leases granted in the tests as running. The concurrent tests use a few thousand entries on small
 * thread pools and wait at most 30 seconds; none sleeps.
 */
public abstract class EventQueueContract {

  private static final long TIMEOUT_SECONDS = 30;
  private static final Instant T0 = Instant.parse("2100-01-01T00:00:00Z");
  private static final Instant ENQUEUED_BASE = T0.minus(Duration.ofHours(1));
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String TOKEN_HEADER =
      Base64.getUrlEncoder().withoutPadding().encodeToString(
          "{\"typ\":\"secevent+jwt\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));

  private @Nullable EventQueue queue;
  // Gives the entries of a test increasing enqueuedAt values, in the order they are created.
  private final AtomicLong created = new AtomicLong();

  /** Creates the suite; subclasses only implement {@link #newQueue()}. */
  protected EventQueueContract() {}

  /**
   * Returns the queue under test. Called once before each test.
   *
   * @return a new, empty queue, or one that shares no streams with the queue of any other test
   */
  protected abstract EventQueue newQueue();

  /**
   * Returns a stream ID for a test to queue entries under; each test asks for one or two. Override it
   * when the queue needs its streams to exist elsewhere first, for example because of a foreign key.
   *
   * @return a stream ID no other test uses; by default a fresh random one
   */
  protected StreamId newStreamId() {
    return StreamId.random();
  }

  /**
   * Creates the queue for the next test; runs before the {@code @BeforeEach} methods of subclasses.
   */
  @BeforeEach
  protected final void createQueueUnderTest() {
    queue = Objects.requireNonNull(newQueue(), "newQueue() returned null");
  }

  private EventQueue queue() {
    return Objects.requireNonNull(queue, "queue");
  }

  /** A new entry, due at {@link #T0}. */
  private QueuedSet entry(StreamId stream, String jti, String key) {
    return entry(stream, jti, key, T0);
  }

  /** A new entry, due at {@code notBefore}, with no attempts yet. */
  private QueuedSet entry(StreamId stream, String jti, String key, Instant notBefore) {
    Instant enqueuedAt = ENQUEUED_BASE.plusMillis(created.getAndIncrement());
    return new QueuedSet(stream, jti, token(jti), key, enqueuedAt, 0, notBefore, null);
  }

  private QueuedSet enqueue(StreamId stream, String jti, String key) {
    return enqueue(entry(stream, jti, key));
  }

  private QueuedSet enqueue(QueuedSet entry) {
    queue().enqueue(entry);
    return entry;
  }

  /** A stand-in for a compact signed SET: the queue stores it and never looks inside. */
  private static String token(String jti) {
    String payload = "{\"iss\":\"https://tr.example.com\",\"jti\":\"" + jti + "\"}";
    return TOKEN_HEADER + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  private List<QueuedSet> claim(StreamId stream, int max, ClaimMode mode, Instant now) {
    return queue().claim(stream, max, mode, now, LEASE);
  }

  private List<String> claimJtis(StreamId stream, int max, ClaimMode mode, Instant now) {
    return jtis(claim(stream, max, mode, now));
  }

  private static List<String> jtis(List<QueuedSet> entries) {
    return entries.stream().map(QueuedSet::jti).toList();
  }

  /** The entry as a claim returns it after {@code attempts} releases, the last with this time and error. */
  private static QueuedSet released(QueuedSet entry, int attempts, Instant notBefore, String error) {
    return new QueuedSet(entry.streamId(), entry.jti(), entry.token(), entry.orderingKey(), entry.enqueuedAt(),
        attempts, notBefore, error);
  }

  /**
   * Runs tasks on their own threads, all released by one start gate, and returns their results in order.
   * Every wait is bounded; a task's assertion error is rethrown as it is.
   */
  private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("start gate never opened");
          }
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e;
        }
      }
      return results;
    } finally {
      // Not asserted: a failure here would hide the one that made the threads stick. Bounded either way.
      pool.shutdownNow();
      pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static <T> List<Callable<T>> times(int copies, Callable<T> task) {
    return Collections.nCopies(copies, task);
  }

  private static String key(int k) {
    return String.format("key-%03d", k);
  }

  private static String jti(int k, int i) {
    return String.format("key-%03d-%03d", k, i);
  }

  /** Sets {@code stop} when the task fails, so the other tasks give up instead of waiting out the deadline. */
  private static <T> Callable<T> stopOnFailure(AtomicBoolean stop, Callable<T> task) {
    return () -> {
      try {
        return task.call();
      } catch (Throwable t) {
        stop.set(true);
        throw t;
      }
    };
  }

  /** Entries are stored once per {@code (streamId, jti)}, as given. */
  @Nested
  @DisplayName("Enqueue")
  class Enqueue {

    @Test
    void enqueueWhenNewThenClaimReturnsItUnchanged() {
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(stream, "jti-1", "alice");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(entry);
    }

    @Test
    void enqueueWhenSameJtiAgainThenFirstEntryKeptOnce() {
      StreamId stream = newStreamId();
      QueuedSet first = enqueue(stream, "jti-1", "alice");

      queue().enqueue(new QueuedSet(stream, "jti-1", token("other"), "bob", T0, 0, T0, null));

      assertThat(queue().stats(stream, T0).depth()).isEqualTo(1);
      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0)).containsExactly(first);
    }

    @Test
    void enqueueWhenSameJtiAgainWhileClaimedThenLeaseKept() {
      StreamId stream = newStreamId();
      QueuedSet first = enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      queue().enqueue(first);

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0.plusSeconds(1))).isEmpty();
      assertThat(queue().stats(stream, T0).depth()).isEqualTo(1);
    }

    @Test
    void enqueueWhenJtiWasAcknowledgedThenQueuedAgain() {
      // A dead letter is replayed by enqueuing its entry again, with the same jti and token.
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);
      queue().acknowledge(stream, "jti-1");

      queue().enqueue(entry);

      assertThat(queue().stats(stream, T0).depth()).isEqualTo(1);
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).containsExactly(entry);
    }

    @Test
    void enqueueWhenEntryHasAttemptsAndErrorThenKeptAsGiven() {
      StreamId stream = newStreamId();
      QueuedSet entry = new QueuedSet(stream, "jti-1", token("jti-1"), "alice", ENQUEUED_BASE, 3, T0, "HTTP 503");

      queue().enqueue(entry);

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(entry);
    }

    @Test
    void enqueueWhenNotBeforeIsLaterThenClaimableFromThatInstantOn() {
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(entry(stream, "jti-1", "alice", T0.plusSeconds(60)));

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(59))).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0.plusSeconds(59))).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(60))).containsExactly(entry);
    }

    @Test
    void statsWhenStreamHasNoEntriesThenZeroAndNoNextDue() {
      assertThat(queue().stats(newStreamId(), T0)).isEqualTo(new QueueStats(0, 0, null));
    }

    @Test
    void statsWhenEntriesQueuedThenDepthCountsThemAndNextDueIsEarliestNotBefore() {
      StreamId stream = newStreamId();
      enqueue(entry(stream, "jti-1", "alice", T0.plusSeconds(30)));
      enqueue(entry(stream, "jti-2", "bob", T0.plusSeconds(10)));
      enqueue(entry(stream, "jti-3", "alice", T0.plusSeconds(20)));

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(3, 0, T0.plusSeconds(10)));
    }
  }

  /** One entry per ordering key at a time, in enqueue order; other keys proceed meanwhile. */
  @Nested
  @DisplayName("Per-key order (PUSH-9)")
  class PerKeyOrder {

    @Test
    void claimPerKeyHeadWhenKeyHasSeveralEntriesThenOnlyOldestReturned() {
      StreamId stream = newStreamId();
      QueuedSet first = enqueue(stream, "a1", "alice");
      enqueue(stream, "a2", "alice");
      enqueue(stream, "a3", "alice");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(first);
    }

    @Test
    void claimPerKeyHeadWhenSeveralKeysThenOneHeadPerKeyOldestFirst() {
      StreamId stream = newStreamId();
      enqueue(stream, "a1", "alice");
      enqueue(stream, "b1", "bob");
      enqueue(stream, "a2", "alice");
      enqueue(stream, "c1", "carol");
      enqueue(stream, "b2", "bob");

      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly("a1", "b1", "c1");
    }

    @Test
    void claimPerKeyHeadWhenMaxBelowKeyCountThenOldestHeadsFirst() {
      StreamId stream = newStreamId();
      enqueue(stream, "a1", "alice");
      enqueue(stream, "b1", "bob");
      enqueue(stream, "a2", "alice");
      enqueue(stream, "c1", "carol");
      enqueue(stream, "d1", "dave");

      assertThat(claimJtis(stream, 2, ClaimMode.PER_KEY_HEAD, T0)).containsExactly("a1", "b1");
      assertThat(claimJtis(stream, 2, ClaimMode.PER_KEY_HEAD, T0)).containsExactly("c1", "d1");
      assertThat(claimJtis(stream, 2, ClaimMode.PER_KEY_HEAD, T0)).isEmpty();
    }

    @Test
    void claimPerKeyHeadWhenHeadIsLeasedThenLaterEntriesOfKeyWait() {
      StreamId stream = newStreamId();
      enqueue(stream, "a1", "alice");
      enqueue(stream, "a2", "alice");
      enqueue(stream, "b1", "bob");

      assertThat(claimJtis(stream, 1, ClaimMode.PER_KEY_HEAD, T0)).containsExactly("a1");
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).containsExactly("b1");
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plus(LEASE).minusMillis(1))).isEmpty();
    }

    @Test
    void claimPerKeyHeadWhenHeadIsNotDueThenLaterEntriesOfKeyWait() {
      StreamId stream = newStreamId();
      enqueue(entry(stream, "a1", "alice", T0.plusSeconds(60)));
      enqueue(stream, "a2", "alice");
      enqueue(stream, "b1", "bob");

      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly("b1");
      queue().acknowledge(stream, "b1");
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(59))).isEmpty();
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(60))).containsExactly("a1");
    }

    @Test
    void claimPerKeyHeadWhenHeadAcknowledgedThenNextOfKeyClaimable() {
      StreamId stream = newStreamId();
      enqueue(stream, "a1", "alice");
      QueuedSet second = enqueue(stream, "a2", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      queue().acknowledge(stream, "a1");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).containsExactly(second);
    }

    @Test
    void claimPerKeyHeadWhenHeadReleasedThenItStaysHeadAndLaterEntriesWait() {
      StreamId stream = newStreamId();
      QueuedSet first = enqueue(stream, "a1", "alice");
      enqueue(stream, "a2", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      queue().release(stream, "a1", T0.plusSeconds(60), "HTTP 503");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(60)))
          .containsExactly(released(first, 1, T0.plusSeconds(60), "HTTP 503"));
    }

    @Test
    void claimPerKeyHeadWhenHeadLeaseExpiredThenHeadOfferedAgainBeforeLaterEntries() {
      StreamId stream = newStreamId();
      QueuedSet first = enqueue(stream, "a1", "alice");
      enqueue(stream, "a2", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plus(LEASE))).containsExactly(first);
    }

    @Test
    void claimPerKeyHeadWhenLaterEntryOfKeyIsLeasedThenHeadWaits() {
      // A poll-style claim took a2 while a1 was not due; the key is busy until a2 is done.
      StreamId stream = newStreamId();
      enqueue(entry(stream, "a1", "alice", T0.plusSeconds(10)));
      enqueue(stream, "a2", "alice");
      assertThat(claimJtis(stream, 10, ClaimMode.OLDEST_FIRST, T0)).containsExactly("a2");

      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(10))).isEmpty();
      queue().acknowledge(stream, "a2");
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(10))).containsExactly("a1");
    }

    @Test
    void claimPerKeyHeadWhenEachClaimIsAcknowledgedThenEveryKeyDeliveredInEnqueueOrder() {
      StreamId stream = newStreamId();
      List<String> keys = List.of("alice", "bob", "carol");
      for (int i = 0; i < 100; i++) {
        for (String key : keys) {
          enqueue(stream, key + "-" + i, key);
        }
      }
      Map<String, List<String>> deliveredByKey = new HashMap<>();

      for (int round = 0; round < 1_000; round++) {
        List<QueuedSet> claimed = claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);
        if (claimed.isEmpty()) {
          break;
        }
        assertThat(claimed).extracting(QueuedSet::orderingKey).doesNotHaveDuplicates();
        for (QueuedSet entry : claimed) {
          deliveredByKey.computeIfAbsent(entry.orderingKey(), k -> new ArrayList<>()).add(entry.jti());
          assertThat(queue().acknowledge(stream, entry.jti())).isPresent();
        }
      }

      assertThat(deliveredByKey).containsOnlyKeys(keys);
      for (String key : keys) {
        assertThat(deliveredByKey.get(key))
            .as("delivery order of key %s", key)
            .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> key + "-" + i).toList());
      }
    }
  }

  /** A lease hides a claimed entry until it runs out; then the identical entry is offered again. */
  @Nested
  @DisplayName("Leases and at-least-once")
  class Leases {

    @Test
    void claimWhenLeaseRunsThenEntryNotOfferedAgain() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      Instant justBeforeExpiry = T0.plus(LEASE).minusMillis(1);
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, justBeforeExpiry)).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, justBeforeExpiry)).isEmpty();
    }

    @Test
    void claimWhenLeaseExpiredThenIdenticalEntryOfferedAgain() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      List<QueuedSet> first = claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      List<QueuedSet> again = claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plus(LEASE));

      // Expiry is not a failed attempt: nothing about the entry changes, the token least of all (SET-11).
      assertThat(again).hasSize(1).isEqualTo(first);
      assertThat(again.get(0).token()).isEqualTo(token("jti-1"));
      assertThat(again.get(0).attempts()).isZero();
    }

    @Test
    void claimWhenExpiredLeaseWasRenewedThenNewLeaseRuns() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);
      Instant renewedAt = T0.plus(LEASE);
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, renewedAt)).containsExactly("jti-1");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, renewedAt.plus(LEASE).minusMillis(1))).isEmpty();
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, renewedAt.plus(LEASE))).containsExactly("jti-1");
    }

    @Test
    void claimWhenLeaseIsLongerThenEntryHiddenForItsWholeLength() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      Duration longLease = Duration.ofMinutes(5);
      queue().claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0, longLease);

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plus(LEASE))).isEmpty();
      assertThat(claimJtis(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plus(longLease))).containsExactly("jti-1");
    }

    @Test
    void statsWhenSomeEntriesClaimedThenClaimedCountsThemAndNextDueSkipsThem() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      enqueue(stream, "jti-2", "bob");
      enqueue(entry(stream, "jti-3", "carol", T0.plusSeconds(10)));

      claim(stream, 10, ClaimMode.OLDEST_FIRST, T0);

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(3, 2, T0.plusSeconds(10)));
    }

    @Test
    void statsWhenClaimedEntriesAcknowledgedOrReleasedThenNoLongerClaimed() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      enqueue(stream, "jti-2", "bob");
      enqueue(entry(stream, "jti-3", "carol", T0.plusSeconds(10)));
      claim(stream, 10, ClaimMode.OLDEST_FIRST, T0);

      queue().acknowledge(stream, "jti-1");
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(2, 1, T0.plusSeconds(10)));
      queue().release(stream, "jti-2", T0.plusSeconds(5), "HTTP 503");
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(2, 0, T0.plusSeconds(5)));
    }

    @Test
    void statsWhenEveryEntryClaimedThenNextDueIsTheLeaseEnd() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");

      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      // A crashed claimant's entries become claimable when the lease ends: a dispatcher must wake then.
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(1, 1, T0.plus(LEASE)));
      assertThat(queue().stats(stream, T0.plus(LEASE))).isEqualTo(new QueueStats(1, 0, T0.plus(LEASE)));
    }

    @Test
    void statsWhenHeadOfAKeyIsLeasedThenLaterEntriesOfThatKeyAreNotDue() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      enqueue(stream, "jti-2", "alice");

      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      // jti-2 is due by its notBefore, but a per-key-head claim cannot return it before the lease ends.
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(2, 1, T0.plus(LEASE)));
    }
  }

  /** Acknowledge removes, release retries later, purge empties a stream; unknown entries are ignored. */
  @Nested
  @DisplayName("Acknowledge, release, purge")
  class AcknowledgeReleasePurge {

    @Test
    void acknowledgeWhenClaimedThenTrueAndNeverOfferedAgain() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      assertThat(queue().acknowledge(stream, "jti-1")).isPresent();

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(0, 0, null));
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plus(LEASE))).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0.plus(LEASE))).isEmpty();
    }

    @Test
    void acknowledgeWhenNotClaimedThenTrueAndRemoved() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      QueuedSet second = enqueue(stream, "jti-2", "alice");

      assertThat(queue().acknowledge(stream, "jti-1")).isPresent();

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(second);
    }

    @Test
    void acknowledgeWhenRepeatedThenFalse() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      queue().acknowledge(stream, "jti-1");

      assertThat(queue().acknowledge(stream, "jti-1")).isEmpty();
    }

    @Test
    void acknowledgeWhenJtiOrStreamUnknownThenFalseAndNothingRemoved() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");

      assertThat(queue().acknowledge(stream, "jti-unknown")).isEmpty();
      assertThat(queue().acknowledge(newStreamId(), "jti-1")).isEmpty();
      assertThat(queue().stats(stream, T0).depth()).isEqualTo(1);
    }

    @Test
    void releaseWhenClaimedThenOneMoreAttemptDueAtNotBeforeWithError() {
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      queue().release(stream, "jti-1", T0.plusSeconds(60), "HTTP 503");

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(1, 0, T0.plusSeconds(60)));
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(59))).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(60)))
          .containsExactly(released(entry, 1, T0.plusSeconds(60), "HTTP 503"));
    }

    @Test
    void releaseWhenRepeatedAfterEachClaimThenAttemptsCountEveryFailure() {
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);
      queue().release(stream, "jti-1", T0.plusSeconds(10), "HTTP 503");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(10));

      queue().release(stream, "jti-1", T0.plusSeconds(30), "read timeout");

      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0.plusSeconds(30)))
          .containsExactly(released(entry, 2, T0.plusSeconds(30), "read timeout"));
    }

    @Test
    void releaseWhenNotBeforeHasPassedThenClaimableAtOnceThoughLeaseWouldRun() {
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      queue().release(stream, "jti-1", T0, "connection reset");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1)))
          .containsExactly(released(entry, 1, T0, "connection reset"));
    }

    @Test
    void releaseWhenJtiOrStreamUnknownThenIgnored() {
      StreamId stream = newStreamId();
      QueuedSet entry = enqueue(stream, "jti-1", "alice");

      assertThatNoException().isThrownBy(() -> {
        queue().release(stream, "jti-unknown", T0.plusSeconds(60), "HTTP 503");
        queue().release(newStreamId(), "jti-1", T0.plusSeconds(60), "HTTP 503");
      });

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(1, 0, T0));
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(entry);
    }

    @Test
    void releaseWhenAlreadyAcknowledgedThenStaysGone() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);
      queue().acknowledge(stream, "jti-1");

      queue().release(stream, "jti-1", T0, "late failure report");

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(0, 0, null));
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void purgeWhenEntriesQueuedThenRemovesAllClaimedOnesIncludedAndReturnsCount() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      enqueue(stream, "jti-2", "alice");
      enqueue(entry(stream, "jti-3", "bob", T0.plusSeconds(60)));
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);

      assertThat(queue().purge(stream)).isEqualTo(3);

      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(0, 0, null));
      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0.plusSeconds(60))).isEmpty();
      assertThat(queue().acknowledge(stream, "jti-1")).isEmpty();
    }

    @Test
    void purgeWhenRepeatedOrStreamUnknownThenZero() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      queue().purge(stream);

      assertThat(queue().purge(stream)).isZero();
      assertThat(queue().purge(newStreamId())).isZero();
    }

    @Test
    void enqueueWhenStreamWasPurgedThenNewEntriesAccepted() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0);
      queue().purge(stream);

      QueuedSet fresh = enqueue(stream, "jti-2", "alice");

      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).containsExactly(fresh);
    }
  }

  /** Poll offers every due, unclaimed entry, oldest first, whatever its key (POLL-4, POLL-7). */
  @Nested
  @DisplayName("Poll order (OLDEST_FIRST)")
  class PollOrder {

    @Test
    void claimOldestFirstWhenSeveralKeysThenEveryDueEntryInEnqueueOrder() {
      StreamId stream = newStreamId();
      enqueue(stream, "a1", "alice");
      enqueue(stream, "b1", "bob");
      enqueue(stream, "a2", "alice");
      enqueue(stream, "a3", "alice");
      enqueue(stream, "c1", "carol");

      assertThat(claimJtis(stream, 10, ClaimMode.OLDEST_FIRST, T0)).containsExactly("a1", "b1", "a2", "a3", "c1");
    }

    @Test
    void claimOldestFirstWhenMaxIsSmallerThenOldestNowAndTheRestNext() {
      StreamId stream = newStreamId();
      for (int i = 1; i <= 5; i++) {
        enqueue(stream, "jti-" + i, "key-" + (i % 2));
      }

      assertThat(claimJtis(stream, 2, ClaimMode.OLDEST_FIRST, T0)).containsExactly("jti-1", "jti-2");
      assertThat(claimJtis(stream, 2, ClaimMode.OLDEST_FIRST, T0)).containsExactly("jti-3", "jti-4");
      assertThat(claimJtis(stream, 2, ClaimMode.OLDEST_FIRST, T0)).containsExactly("jti-5");
      assertThat(claimJtis(stream, 2, ClaimMode.OLDEST_FIRST, T0)).isEmpty();
    }

    @Test
    void claimOldestFirstWhenSomeNotDueThenSkipsThemUntilDue() {
      StreamId stream = newStreamId();
      enqueue(entry(stream, "jti-1", "alice", T0.plusSeconds(60)));
      enqueue(stream, "jti-2", "bob");
      enqueue(entry(stream, "jti-3", "carol", T0.plusSeconds(30)));
      enqueue(stream, "jti-4", "dave");

      assertThat(claimJtis(stream, 10, ClaimMode.OLDEST_FIRST, T0)).containsExactly("jti-2", "jti-4");
      queue().acknowledge(stream, "jti-2");
      queue().acknowledge(stream, "jti-4");
      assertThat(claimJtis(stream, 10, ClaimMode.OLDEST_FIRST, T0.plusSeconds(60)))
          .containsExactly("jti-1", "jti-3");
    }

    @Test
    void claimOldestFirstWhenKeyHeadIsNotDueThenLaterEntriesOfKeyStillOffered() {
      StreamId stream = newStreamId();
      enqueue(entry(stream, "a1", "alice", T0.plusSeconds(60)));
      enqueue(stream, "a2", "alice");

      assertThat(claimJtis(stream, 10, ClaimMode.OLDEST_FIRST, T0)).containsExactly("a2");
    }

    @Test
    void claimOldestFirstWhenSomeAreLeasedThenSkipsThem() {
      StreamId stream = newStreamId();
      enqueue(stream, "jti-1", "alice");
      enqueue(stream, "jti-2", "alice");
      enqueue(stream, "jti-3", "bob");

      assertThat(claimJtis(stream, 1, ClaimMode.OLDEST_FIRST, T0)).containsExactly("jti-1");
      assertThat(claimJtis(stream, 10, ClaimMode.OLDEST_FIRST, T0.plusSeconds(1))).containsExactly("jti-2", "jti-3");
    }

    @Test
    void claimOldestFirstWhenUnacknowledgedLeaseExpiredThenReofferedInPlaceWithIdenticalTokens() {
      StreamId stream = newStreamId();
      QueuedSet first = enqueue(stream, "jti-1", "alice");
      enqueue(stream, "jti-2", "bob");
      QueuedSet third = enqueue(stream, "jti-3", "carol");
      claim(stream, 10, ClaimMode.OLDEST_FIRST, T0);
      queue().acknowledge(stream, "jti-2");
      QueuedSet fourth = enqueue(stream, "jti-4", "dave");

      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0.plus(LEASE))).containsExactly(first, third, fourth);
    }

    @Test
    void claimWhenNothingQueuedThenEmpty() {
      StreamId stream = newStreamId();

      assertThat(claim(stream, 10, ClaimMode.OLDEST_FIRST, T0)).isEmpty();
      assertThat(claim(stream, 10, ClaimMode.PER_KEY_HEAD, T0)).isEmpty();
    }
  }

  /** Nothing done on one stream is visible on another, not even for the same jti or key. */
  @Nested
  @DisplayName("Streams are independent")
  class Streams {

    @Test
    void streamsWithEntriesWhenEntriesQueuedThenListsExactlyTheStreamsThatHaveSome() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      StreamId emptied = newStreamId();
      enqueue(first, "jti-1", "alice");
      enqueue(second, "jti-1", "alice");
      enqueue(emptied, "jti-1", "alice");
      queue().acknowledge(emptied, "jti-1");

      assertThat(queue().streamsWithEntries()).containsExactlyInAnyOrder(first, second);
      queue().purge(first);
      assertThat(queue().streamsWithEntries()).containsExactly(second);
    }

    @Test
    void claimWhenAnotherStreamHasSameJtiAndKeyThenEachStreamOffersItsOwn() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      QueuedSet ofFirst = enqueue(first, "jti-1", "alice");
      QueuedSet ofSecond = enqueue(second, "jti-1", "alice");

      assertThat(claim(first, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(ofFirst);
      assertThat(claim(second, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(ofSecond);
    }

    @Test
    void acknowledgeWhenJtiBelongsToAnotherStreamThenFalseAndKept() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      enqueue(first, "jti-1", "alice");
      enqueue(second, "jti-2", "alice");

      assertThat(queue().acknowledge(second, "jti-1")).isEmpty();
      assertThat(queue().stats(first, T0).depth()).isEqualTo(1);
    }

    @Test
    void releaseWhenJtiBelongsToAnotherStreamThenOwnerStreamUnchanged() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      QueuedSet entry = enqueue(first, "jti-1", "alice");
      enqueue(second, "jti-2", "alice");
      claim(first, 10, ClaimMode.PER_KEY_HEAD, T0);

      queue().release(second, "jti-1", T0, "HTTP 503");

      assertThat(claim(first, 10, ClaimMode.PER_KEY_HEAD, T0.plusSeconds(1))).isEmpty();
      assertThat(claim(first, 10, ClaimMode.PER_KEY_HEAD, T0.plus(LEASE))).containsExactly(entry);
    }

    @Test
    void purgeWhenAnotherStreamHasEntriesThenTheyAreKept() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      enqueue(first, "jti-1", "alice");
      QueuedSet kept = enqueue(second, "jti-1", "alice");

      assertThat(queue().purge(first)).isEqualTo(1);

      assertThat(queue().stats(second, T0)).isEqualTo(new QueueStats(1, 0, T0));
      assertThat(claim(second, 10, ClaimMode.PER_KEY_HEAD, T0)).containsExactly(kept);
    }

    @Test
    void statsWhenAnotherStreamHasEntriesThenCountsOwnOnly() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      enqueue(first, "jti-1", "alice");
      enqueue(first, "jti-2", "bob");
      enqueue(entry(second, "jti-3", "alice", T0.plusSeconds(5)));
      claim(first, 1, ClaimMode.PER_KEY_HEAD, T0);

      assertThat(queue().stats(first, T0)).isEqualTo(new QueueStats(2, 1, T0));
      assertThat(queue().stats(second, T0)).isEqualTo(new QueueStats(1, 0, T0.plusSeconds(5)));
    }
  }

  /** Subscribers hear of every stored entry, after it is stored, until they unsubscribe. */
  @Nested
  @DisplayName("Subscribers")
  class Subscribers {

    @Test
    void subscribeWhenEntriesEnqueuedThenCalledOncePerEnqueueWithStreamId() throws Exception {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      List<StreamId> calls = new CopyOnWriteArrayList<>();

      AutoCloseable subscription = queue().subscribe(calls::add);
      try {
        enqueue(first, "jti-1", "alice");
        enqueue(first, "jti-2", "alice");
        enqueue(second, "jti-3", "bob");
      } finally {
        subscription.close();
      }

      assertThat(calls).containsExactly(first, first, second);
    }

    @Test
    void subscribeWhenCalledThenEntryIsAlreadyStoredAndClaimable() throws Exception {
      StreamId stream = newStreamId();
      List<String> claimedInCallback = new CopyOnWriteArrayList<>();

      AutoCloseable subscription =
          queue().subscribe(id -> claimedInCallback.addAll(claimJtis(id, 10, ClaimMode.OLDEST_FIRST, T0)));
      try {
        enqueue(stream, "jti-1", "alice");
        enqueue(stream, "jti-2", "alice");
      } finally {
        subscription.close();
      }

      assertThat(claimedInCallback).containsExactly("jti-1", "jti-2");
    }

    @Test
    void subscribeWhenSeveralSubscribersThenEachCalled() throws Exception {
      StreamId stream = newStreamId();
      AtomicInteger firstCalls = new AtomicInteger();
      AtomicInteger secondCalls = new AtomicInteger();

      AutoCloseable first = queue().subscribe(id -> firstCalls.incrementAndGet());
      AutoCloseable second = queue().subscribe(id -> secondCalls.incrementAndGet());
      try {
        enqueue(stream, "jti-1", "alice");
        enqueue(stream, "jti-2", "bob");
      } finally {
        first.close();
        second.close();
      }

      assertThat(firstCalls).hasValue(2);
      assertThat(secondCalls).hasValue(2);
    }

    @Test
    void subscribeWhenClosedThenNotCalledAnyMoreWhileOthersStillAre() throws Exception {
      StreamId stream = newStreamId();
      List<String> calls = new CopyOnWriteArrayList<>();
      AutoCloseable closed = queue().subscribe(id -> calls.add("closed"));
      AutoCloseable open = queue().subscribe(id -> calls.add("open"));
      enqueue(stream, "jti-1", "alice");

      closed.close();
      closed.close();
      enqueue(stream, "jti-2", "alice");
      open.close();
      enqueue(stream, "jti-3", "alice");

      assertThat(calls).containsExactlyInAnyOrder("closed", "open", "open");
      assertThat(queue().stats(stream, T0).depth()).isEqualTo(3);
    }
  }

  /** Under concurrent enqueuers and claimers nothing is lost, duplicated or reordered within a key. */
  @Nested
  @DisplayName("Concurrency")
  class Concurrency {

    @Test
    void claimPerKeyHeadWhenEnqueuersAndClaimersRaceThenEachAcknowledgedOnceInKeyOrder() throws Exception {
      StreamId stream = newStreamId();
      int keys = 100;
      int perKey = 100;
      int total = keys * perKey;
      int enqueuers = 4;
      int claimers = 4;
      // Leases outlast the test: time stands at T0, so an entry offered twice is a bug, not an expiry.
      Duration lease = Duration.ofHours(1);
      Map<String, List<String>> acknowledgedByKey = new ConcurrentHashMap<>();
      Set<String> keysInFlight = ConcurrentHashMap.newKeySet();
      AtomicInteger acknowledged = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);

      List<Callable<Void>> tasks = new ArrayList<>();
      for (int e = 0; e < enqueuers; e++) {
        int enqueuer = e;
        // Each key has one enqueuer, so a key's enqueue order is its jti order.
        tasks.add(stopOnFailure(stop, () -> {
          for (int i = 0; i < perKey && !stop.get(); i++) {
            for (int k = enqueuer; k < keys; k += enqueuers) {
              enqueue(stream, jti(k, i), key(k));
            }
          }
          return null;
        }));
      }
      for (int c = 0; c < claimers; c++) {
        tasks.add(stopOnFailure(stop, () -> {
          while (acknowledged.get() < total && !stop.get()) {
            if (System.nanoTime() > deadline) {
              throw new AssertionError("only " + acknowledged.get() + " of " + total + " entries acknowledged in "
                  + TIMEOUT_SECONDS + " s");
            }
            List<QueuedSet> claimed = queue().claim(stream, 16, ClaimMode.PER_KEY_HEAD, T0, lease);
            if (claimed.isEmpty()) {
              Thread.onSpinWait();
              continue;
            }
            for (QueuedSet entry : claimed) {
              if (!keysInFlight.add(entry.orderingKey())) {
                throw new AssertionError("two entries of key " + entry.orderingKey() + " claimed at once, "
                    + "the second " + entry.jti());
              }
            }
            for (QueuedSet entry : claimed) {
              acknowledgedByKey
                  .computeIfAbsent(entry.orderingKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                  .add(entry.jti());
              // Out of flight before the acknowledgement, which is what lets the key's next entry be claimed.
              keysInFlight.remove(entry.orderingKey());
              if (queue().acknowledge(stream, entry.jti()).isEmpty()) {
                throw new AssertionError("acknowledging " + entry.jti() + " removed nothing");
              }
              acknowledged.incrementAndGet();
            }
          }
          return null;
        }));
      }

      concurrently(tasks);

      assertThat(acknowledged).hasValue(total);
      assertThat(acknowledgedByKey).hasSize(keys);
      for (int k = 0; k < keys; k++) {
        int key = k;
        assertThat(acknowledgedByKey.get(key(k)))
            .as("acknowledgement order of %s", key(k))
            .containsExactlyElementsOf(IntStream.range(0, perKey).mapToObj(i -> jti(key, i)).toList());
      }
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(0, 0, null));
    }

    @Test
    void claimOldestFirstWhenClaimersRaceThenNoEntryClaimedTwiceWhileLeased() throws Exception {
      StreamId stream = newStreamId();
      int total = 2_000;
      for (int i = 0; i < total; i++) {
        enqueue(stream, "jti-" + i, "key-" + (i % 20));
      }

      List<List<String>> claimedPerThread = concurrently(times(8, () -> {
        List<String> mine = new ArrayList<>();
        for (List<String> claimed = claimJtis(stream, 7, ClaimMode.OLDEST_FIRST, T0);
            !claimed.isEmpty();
            claimed = claimJtis(stream, 7, ClaimMode.OLDEST_FIRST, T0)) {
          mine.addAll(claimed);
        }
        return mine;
      }));

      List<String> all = claimedPerThread.stream().flatMap(List::stream).toList();
      assertThat(all).hasSize(total).doesNotHaveDuplicates();
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(total, total, T0.plus(LEASE)));
    }

    @Test
    void enqueueWhenThreadsEnqueueTheSameJtisThenEachStoredOnce() throws Exception {
      StreamId stream = newStreamId();
      List<QueuedSet> entries = IntStream.range(0, 200)
          .mapToObj(i -> entry(stream, "jti-" + i, "key-" + (i % 10)))
          .toList();

      concurrently(times(8, () -> {
        entries.forEach(queue()::enqueue);
        return null;
      }));

      assertThat(queue().stats(stream, T0).depth()).isEqualTo(200);
      assertThat(claim(stream, 1_000, ClaimMode.OLDEST_FIRST, T0)).containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void acknowledgeWhenThreadsAcknowledgeTheSameJtisThenEachRemovedOnce() throws Exception {
      StreamId stream = newStreamId();
      for (int i = 0; i < 200; i++) {
        enqueue(stream, "jti-" + i, "key-" + (i % 10));
      }

      List<Integer> removedPerThread = concurrently(times(8, () -> {
        int removed = 0;
        for (int i = 0; i < 200; i++) {
          if (queue().acknowledge(stream, "jti-" + i).isPresent()) {
            removed++;
          }
        }
        return removed;
      }));

      assertThat(removedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
      assertThat(queue().stats(stream, T0)).isEqualTo(new QueueStats(0, 0, null));
    }
  }
}
