package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.ssfkit.delivery.EventQueue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that {@link EventQueueContract} can fail: it runs the contract, through the JUnit Platform
 * {@link EngineTestKit}, against queues that are broken on purpose, and checks which tests catch them.
 */
class EventQueueContractTest {

  private static final String ENQUEUE = "Enqueue";
  private static final String PER_KEY = "Per-key order (PUSH-9)";
  private static final String LEASES = "Leases and at-least-once";
  private static final String ACK_RELEASE_PURGE = "Acknowledge, release, purge";
  private static final String POLL = "Poll order (OLDEST_FIRST)";
  private static final String STREAMS = "Streams are independent";
  private static final String SUBSCRIBERS = "Subscribers";
  private static final String CONCURRENCY = "Concurrency";
  private static final List<String> GROUPS =
      List.of(ENQUEUE, PER_KEY, LEASES, ACK_RELEASE_PURGE, POLL, STREAMS, SUBSCRIBERS, CONCURRENCY);

  @Test
  void contractWhenQueueIsCorrectThenEveryGroupRunsAndPasses() {
    Events tests = run(AgainstInMemoryQueue.class);

    assertThat(tests.started().count()).isGreaterThanOrEqualTo(55);
    assertThat(tests.failed().count()).as(describe(tests.failed())).isZero();
    assertThat(tests.succeeded().count()).isEqualTo(tests.started().count());
    assertThat(tests.started().stream().map(EventQueueContractTest::group).distinct())
        .containsExactlyInAnyOrderElementsOf(GROUPS);
  }

  @Test
  void contractWhenPerKeyHeadIgnoresKeysThenPerKeyOrderTestsFail() {
    Events tests = run(AgainstKeyBlindQueue.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(EventQueueContractTest::method))
        .contains(
            "claimPerKeyHeadWhenKeyHasSeveralEntriesThenOnlyOldestReturned",
            "claimPerKeyHeadWhenSeveralKeysThenOneHeadPerKeyOldestFirst",
            "claimPerKeyHeadWhenHeadIsLeasedThenLaterEntriesOfKeyWait",
            "claimPerKeyHeadWhenHeadIsNotDueThenLaterEntriesOfKeyWait",
            "claimPerKeyHeadWhenHeadReleasedThenItStaysHeadAndLaterEntriesWait",
            "claimPerKeyHeadWhenLaterEntryOfKeyIsLeasedThenHeadWaits",
            "claimPerKeyHeadWhenEachClaimIsAcknowledgedThenEveryKeyDeliveredInEnqueueOrder");
    // The concurrent test catches it too when two entries of one key happen to be in flight together, and
    // the stats test of a leased head sees the second entry of the key claimed as well.
    assertThat(failed.stream().map(EventQueueContractTest::group)).containsOnly(PER_KEY, CONCURRENCY, LEASES);
    assertThat(tests.succeeded().count()).isGreaterThan(0);
  }

  @Test
  void contractWhenLeasesNeverExpireThenAtLeastOnceTestsFail() {
    Events tests = run(AgainstEverlastingLeaseQueue.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(EventQueueContractTest::method))
        .containsExactlyInAnyOrder(
            "claimWhenLeaseExpiredThenIdenticalEntryOfferedAgain",
            "claimWhenExpiredLeaseWasRenewedThenNewLeaseRuns",
            "claimWhenLeaseIsLongerThenEntryHiddenForItsWholeLength",
            "claimPerKeyHeadWhenHeadLeaseExpiredThenHeadOfferedAgainBeforeLaterEntries",
            "claimOldestFirstWhenUnacknowledgedLeaseExpiredThenReofferedInPlaceWithIdenticalTokens",
            "releaseWhenJtiBelongsToAnotherStreamThenOwnerStreamUnchanged",
            "statsWhenEveryEntryClaimedThenNextDueIsTheLeaseEnd",
            "statsWhenHeadOfAKeyIsLeasedThenLaterEntriesOfThatKeyAreNotDue",
            "claimOldestFirstWhenClaimersRaceThenNoEntryClaimedTwiceWhileLeased");
    assertThat(failed.stream().map(EventQueueContractTest::group))
        .containsOnly(LEASES, PER_KEY, POLL, STREAMS, CONCURRENCY)
        .contains(LEASES);
  }

  @Test
  void contractWhenReleaseDropsEntryThenReleaseTestsFail() {
    Events tests = run(AgainstReleaseDropsQueue.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(EventQueueContractTest::method))
        .containsExactlyInAnyOrder(
            "releaseWhenClaimedThenOneMoreAttemptDueAtNotBeforeWithError",
            "releaseWhenRepeatedAfterEachClaimThenAttemptsCountEveryFailure",
            "releaseWhenNotBeforeHasPassedThenClaimableAtOnceThoughLeaseWouldRun",
            "claimPerKeyHeadWhenHeadReleasedThenItStaysHeadAndLaterEntriesWait",
            "statsWhenClaimedEntriesAcknowledgedOrReleasedThenNoLongerClaimed");
    assertThat(failed.stream().map(EventQueueContractTest::group))
        .containsOnly(ACK_RELEASE_PURGE, PER_KEY, LEASES)
        .contains(ACK_RELEASE_PURGE);
  }

  private static Events run(Class<? extends EventQueueContract> contract) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
  }

  private static String method(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .orElseThrow();
  }

  private static String group(Event event) {
    return event.getTestDescriptor().getParent().map(TestDescriptor::getDisplayName).orElseThrow();
  }

  private static String describe(Events failed) {
    return failed.stream().map(e -> method(e) + ": " + e.getPayload()).toList().toString();
  }

  // The classes below run only through run(...): their names do not end in Test, and surefire skips nested
  // classes, so the broken ones never fail the build on their own.

  /** The contract against the real in-memory queue, run through EngineTestKit to count its groups. */
  static class AgainstInMemoryQueue extends EventQueueContract {
    @Override
    protected EventQueue newQueue() {
      return InMemoryEventQueue.create();
    }
  }

  /** The contract against a queue whose per-key claims ignore the keys. */
  static class AgainstKeyBlindQueue extends EventQueueContract {
    @Override
    protected EventQueue newQueue() {
      return new KeyBlindEventQueue();
    }
  }

  /** The contract against a queue whose leases never expire. */
  static class AgainstEverlastingLeaseQueue extends EventQueueContract {
    @Override
    protected EventQueue newQueue() {
      return new EverlastingLeaseEventQueue();
    }
  }

  /** The contract against a queue that forgets released entries. */
  static class AgainstReleaseDropsQueue extends EventQueueContract {
    @Override
    protected EventQueue newQueue() {
      return new ReleaseDropsEventQueue();
    }
  }
}
