package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.rules.ProcessedChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProcessedChanges} must have, the record that makes the rule engine's replays publish
 * nothing, as a JUnit 5 suite. Extend it in your test sources, implement {@link #newRecord()}, and run the
 * subclass like any other test class:
 *
 * <pre>{@code
 * class JdbcProcessedChangesContractTest extends ProcessedChangesContract {
 *   @Override
 *   protected ProcessedChanges newRecord() {
 *     return new JdbcProcessedChanges(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks that the first claim of a source event succeeds and every later one fails, that
 * {@link ProcessedChanges#contains} tells without claiming, that {@link ProcessedChanges#release} makes an event
 * claimable again, that organizations and events are independent even when their IDs concatenate alike, and that
 * of many concurrent claims of one event exactly one succeeds. It does not check eviction: a durable record keeps
 * everything, the in-memory one forgets the oldest. The concurrent test waits at most 30 seconds; none sleeps.
 */
public abstract class ProcessedChangesContract {

  private static final long TIMEOUT_SECONDS = 30;

  private @Nullable ProcessedChanges record;
  private @Nullable String org;

  /** Creates the suite; subclasses only implement {@link #newRecord()}. */
  protected ProcessedChangesContract() {}

  /**
   * Returns the record under test. Called once before each test.
   *
   * @return a new, empty record, or one that shares no organization with the record of any other test
   */
  protected abstract ProcessedChanges newRecord();

  /**
   * Returns an organization ID for a test to claim events under; each test asks for one or two.
   *
   * @return an organization ID no other test uses; by default a fresh random one
   */
  protected String newOrgId() {
    return "org-" + UUID.randomUUID();
  }

  /** Creates the record for the next test; runs before the {@code @BeforeEach} methods of subclasses. */
  @BeforeEach
  protected final void createRecordUnderTest() {
    record = Objects.requireNonNull(newRecord(), "newRecord() returned null");
    org = newOrgId();
  }

  private ProcessedChanges record() {
    return Objects.requireNonNull(record, "record");
  }

  private String org() {
    return Objects.requireNonNull(org, "org");
  }

  /** A source event is claimed once; {@code contains} only looks. */
  @Nested
  @DisplayName("Claim")
  class Claim {

    @Test
    @DisplayName("the first claim of a source event succeeds, every later one fails")
    void claimWhenClaimedBeforeThenFalse() {
      assertThat(record().claim(org(), "evt-1")).isTrue();

      assertThat(record().claim(org(), "evt-1")).isFalse();
      assertThat(record().claim(org(), "evt-1")).isFalse();
    }

    @Test
    @DisplayName("contains tells whether an event was claimed, and does not claim it")
    void containsWhenAskedThenDoesNotClaim() {
      assertThat(record().contains(org(), "evt-1")).isFalse();
      assertThat(record().contains(org(), "evt-1")).isFalse();
      assertThat(record().claim(org(), "evt-1")).as("contains claimed nothing").isTrue();
      assertThat(record().contains(org(), "evt-1")).isTrue();
    }

    @Test
    @DisplayName("other events, and the same event ID in another organization, are independent")
    void claimWhenOtherEventOrOrgThenIndependent() {
      String other = newOrgId();
      assertThat(record().claim(org(), "evt-1")).isTrue();

      assertThat(record().claim(org(), "evt-2")).isTrue();
      assertThat(record().contains(other, "evt-1")).isFalse();
      assertThat(record().claim(other, "evt-1")).isTrue();
    }

    @Test
    @DisplayName("pairs whose organization and event IDs concatenate alike are still different events")
    void claimWhenIdsConcatenateAlikeThenIndependent() {
      String org = org();
      assertThat(record().claim(org, "x:y")).isTrue();
      assertThat(record().claim(org + ":x", "y")).isTrue();
      assertThat(record().claim(org + "\u0000x", "y")).isTrue();
      assertThat(record().claim(org, "x\u0000y")).isTrue();
      assertThat(record().contains(org + "x", "y")).isFalse();
    }
  }

  /** Releasing makes an event claimable again, for a retry after a failed publication. */
  @Nested
  @DisplayName("Release")
  class Release {

    @Test
    @DisplayName("a released event can be claimed again, once")
    void releaseWhenClaimedThenClaimableOnce() {
      record().claim(org(), "evt-1");

      record().release(org(), "evt-1");

      assertThat(record().contains(org(), "evt-1")).isFalse();
      assertThat(record().claim(org(), "evt-1")).isTrue();
      assertThat(record().claim(org(), "evt-1")).isFalse();
    }

    @Test
    @DisplayName("releasing one event leaves the others claimed; releasing an unclaimed one changes nothing")
    void releaseWhenOtherOrUnclaimedThenOthersKept() {
      String other = newOrgId();
      record().claim(org(), "evt-1");
      record().claim(org(), "evt-2");
      record().claim(other, "evt-1");

      record().release(org(), "evt-1");
      record().release(org(), "evt-never");

      assertThat(record().contains(org(), "evt-2")).isTrue();
      assertThat(record().contains(other, "evt-1")).isTrue();
      assertThat(record().contains(org(), "evt-never")).isFalse();
    }
  }

  /** Claims are atomic. */
  @Nested
  @DisplayName("Concurrency")
  class Concurrency {

    @Test
    @DisplayName("of 8 threads claiming the same 200 events at once, exactly one wins each event")
    void claimWhenConcurrentThenExactlyOneWinsEach() throws Exception {
      int threads = 8;
      int events = 200;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<boolean[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          results.add(pool.submit(() -> {
            boolean[] won = new boolean[events];
            start.await();
            for (int e = 0; e < events; e++) {
              won[e] = record().claim(org(), "evt-" + e);
            }
            return won;
          }));
        }
        start.countDown();
        int[] winners = new int[events];
        for (Future<boolean[]> result : results) {
          boolean[] won = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          for (int e = 0; e < events; e++) {
            winners[e] += won[e] ? 1 : 0;
          }
        }
        assertThat(winners).as("winning claims per event").containsOnly(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
