package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.DeadLetterStore;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeadLetterStore} must have, as a JUnit 5 suite. Extend it in your test
 * sources, implement {@link #newStore()}, and run the subclass like any other test class:
 *
 * <pre>{@code
 * class JdbcDeadLetterStoreContractTest extends DeadLetterStoreContract {
 *   @Override
 *   protected DeadLetterStore newStore() {
 *     return new JdbcDeadLetterStore(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks that {@link DeadLetterStore#add} replaces a letter with the same stream and jti, that
 * {@link DeadLetterStore#list} returns a stream's letters oldest {@link DeadLetter#deadAt()} first within
 * its limit, that {@link DeadLetterStore#take} and {@link DeadLetterStore#purge} remove, that streams are
 * independent, and that concurrent adds lose nothing. The concurrent test waits at most 30 seconds; none
 * sleeps.
 */
public abstract class DeadLetterStoreContract {

  private static final long TIMEOUT_SECONDS = 30;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private @Nullable DeadLetterStore store;

  /** Creates the suite; subclasses only implement {@link #newStore()}. */
  protected DeadLetterStoreContract() {}

  /**
   * Returns the store under test. Called once before each test.
   *
   * @return a new, empty store, or one that shares no streams with the store of any other test
   */
  protected abstract DeadLetterStore newStore();

  /**
   * Returns a stream ID for a test to keep dead letters under; each test asks for one or two. Override it
   * when the store needs its streams to exist elsewhere first, for example because of a foreign key.
   *
   * @return a stream ID no other test uses; by default a fresh random one
   */
  protected StreamId newStreamId() {
    return StreamId.random();
  }

  /**
   * Creates the store for the next test; runs before the {@code @BeforeEach} methods of subclasses.
   */
  @BeforeEach
  protected final void createStoreUnderTest() {
    store = Objects.requireNonNull(newStore(), "newStore() returned null");
  }

  private DeadLetterStore store() {
    return Objects.requireNonNull(store, "store");
  }

  /** A letter for a SET given up after five attempts, {@code deadSeconds} after T0. */
  private static DeadLetter letter(StreamId stream, String jti, long deadSeconds, String reason) {
    QueuedSet entry = new QueuedSet(
        stream, jti, "eyJhbGciOiJSUzI1NiJ9." + jti + ".c2lnbmF0dXJl", "alice", T0, 5, T0.plusSeconds(deadSeconds),
        "HTTP 503");
    return new DeadLetter(entry, reason, T0.plusSeconds(deadSeconds));
  }

  private DeadLetter add(StreamId stream, String jti, long deadSeconds) {
    DeadLetter letter = letter(stream, jti, deadSeconds, "retry budget spent");
    store().add(letter);
    return letter;
  }

  /** Letters are kept per stream and jti, and listed oldest first. */
  @Nested
  @DisplayName("Add and list")
  class AddAndList {

    @Test
    void listWhenLettersAddedThenReturnsThemExactly() {
      StreamId stream = newStreamId();
      DeadLetter first = add(stream, "jti-1", 1);
      DeadLetter second = add(stream, "jti-2", 2);

      assertThat(store().list(stream, 10)).containsExactly(first, second);
    }

    @Test
    void listWhenAddedOutOfOrderThenOldestDeadAtFirst() {
      StreamId stream = newStreamId();
      DeadLetter late = add(stream, "jti-1", 30);
      DeadLetter early = add(stream, "jti-2", 10);
      DeadLetter middle = add(stream, "jti-3", 20);

      assertThat(store().list(stream, 10)).containsExactly(early, middle, late);
    }

    @Test
    void listWhenMoreThanLimitThenOldestUpToLimit() {
      StreamId stream = newStreamId();
      DeadLetter first = add(stream, "jti-1", 1);
      DeadLetter second = add(stream, "jti-2", 2);
      add(stream, "jti-3", 3);

      assertThat(store().list(stream, 2)).containsExactly(first, second);
      assertThat(store().list(stream, 0)).isEmpty();
    }

    @Test
    void addWhenSameStreamAndJtiThenReplacesLetter() {
      StreamId stream = newStreamId();
      add(stream, "jti-1", 1);
      DeadLetter other = add(stream, "jti-2", 2);
      DeadLetter replacement = letter(stream, "jti-1", 3, "access_denied");

      store().add(replacement);

      assertThat(store().list(stream, 10)).containsExactly(other, replacement);
    }

    @Test
    void listWhenStreamHasNoLettersThenEmpty() {
      assertThat(store().list(newStreamId(), 10)).isEmpty();
    }

    @Test
    void listWhenAnotherStreamHasLettersThenOnlyOwn() {
      StreamId first = newStreamId();
      StreamId second = newStreamId();
      DeadLetter own = add(first, "jti-1", 1);
      DeadLetter sameJti = add(second, "jti-1", 2);

      assertThat(store().list(first, 10)).containsExactly(own);
      assertThat(store().list(second, 10)).containsExactly(sameJti);
    }
  }

  /** Taking and purging remove letters for good; unknown ones are ignored. */
  @Nested
  @DisplayName("Take and purge")
  class TakeAndPurge {

    @Test
    void takeWhenPresentThenReturnsAndRemovesIt() {
      StreamId stream = newStreamId();
      DeadLetter taken = add(stream, "jti-1", 1);
      DeadLetter kept = add(stream, "jti-2", 2);

      assertThat(store().take(stream, "jti-1")).contains(taken);

      assertThat(store().take(stream, "jti-1")).isEmpty();
      assertThat(store().list(stream, 10)).containsExactly(kept);
    }

    @Test
    void takeWhenJtiOrStreamUnknownThenEmptyAndNothingRemoved() {
      StreamId stream = newStreamId();
      DeadLetter kept = add(stream, "jti-1", 1);

      assertThat(store().take(stream, "jti-unknown")).isEmpty();
      assertThat(store().take(newStreamId(), "jti-1")).isEmpty();
      assertThat(store().list(stream, 10)).containsExactly(kept);
    }

    @Test
    void purgeWhenLettersPresentThenRemovesAllAndReturnsCount() {
      StreamId stream = newStreamId();
      StreamId other = newStreamId();
      add(stream, "jti-1", 1);
      add(stream, "jti-2", 2);
      DeadLetter kept = add(other, "jti-1", 3);

      assertThat(store().purge(stream)).isEqualTo(2);

      assertThat(store().list(stream, 10)).isEmpty();
      assertThat(store().take(stream, "jti-1")).isEmpty();
      assertThat(store().list(other, 10)).containsExactly(kept);
    }

    @Test
    void purgeWhenRepeatedOrStreamUnknownThenZero() {
      StreamId stream = newStreamId();
      add(stream, "jti-1", 1);
      store().purge(stream);

      assertThat(store().purge(stream)).isZero();
      assertThat(store().purge(newStreamId())).isZero();
    }
  }

  /** Concurrent adds are all kept. */
  @Nested
  @DisplayName("Concurrency")
  class Concurrency {

    @Test
    void addWhenThreadsAddConcurrentlyThenEveryLetterKept() throws Exception {
      StreamId stream = newStreamId();
      int threads = 8;
      int perThread = 50;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
              throw new TimeoutException("start gate never opened");
            }
            for (int i = 0; i < perThread; i++) {
              add(stream, "jti-" + thread + "-" + i, i);
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
      } finally {
        // Not asserted: a failure here would hide the one that made the threads stick. Bounded either way.
        pool.shutdownNow();
        pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }

      assertThat(store().list(stream, 1_000))
          .hasSize(threads * perThread)
          .extracting(letter -> letter.entry().jti())
          .doesNotHaveDuplicates();
    }
  }
}
