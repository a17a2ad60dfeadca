package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.EventQueue;
import java.util.List;
import org.junit.jupiter.api.Test;
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
    Events tests = ContractRuns.run(AgainstInMemoryQueue.class);

    ContractRuns.assertEveryGroupPasses(tests, 55, GROUPS);
  }

  @Test
  void contractWhenPerKeyHeadIgnoresKeysThenPerKeyOrderTestsFail() {
    Events tests = ContractRuns.run(AgainstKeyBlindQueue.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(ContractRuns::method))
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
    assertThat(failed.stream().map(ContractRuns::group)).containsOnly(PER_KEY, CONCURRENCY, LEASES);
    assertThat(tests.succeeded().count()).isGreaterThan(0);
  }

  @Test
  void contractWhenLeasesNeverExpireThenAtLeastOnceTestsFail() {
    Events tests = ContractRuns.run(AgainstEverlastingLeaseQueue.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(ContractRuns::method))
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
    assertThat(failed.stream().map(ContractRuns::group))
        .containsOnly(LEASES, PER_KEY, POLL, STREAMS, CONCURRENCY)
        .contains(LEASES);
  }

  @Test
  void contractWhenReleaseDropsEntryThenReleaseTestsFail() {
    Events tests = ContractRuns.run(AgainstReleaseDropsQueue.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(ContractRuns::method))
        .containsExactlyInAnyOrder(
            "releaseWhenClaimedThenOneMoreAttemptDueAtNotBeforeWithError",
            "releaseWhenRepeatedAfterEachClaimThenAttemptsCountEveryFailure",
            "releaseWhenNotBeforeHasPassedThenClaimableAtOnceThoughLeaseWouldRun",
            "claimPerKeyHeadWhenHeadReleasedThenItStaysHeadAndLaterEntriesWait",
            "statsWhenClaimedEntriesAcknowledgedOrReleasedThenNoLongerClaimed");
    assertThat(failed.stream().map(ContractRuns::group))
        .containsOnly(ACK_RELEASE_PURGE, PER_KEY, LEASES)
        .contains(ACK_RELEASE_PURGE);
  }

  // The classes below run only through ContractRuns.run(...): their names do not end in Test, and surefire skips nested
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
