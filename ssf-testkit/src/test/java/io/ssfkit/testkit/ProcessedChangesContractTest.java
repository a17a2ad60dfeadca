package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.rules.ProcessedChanges;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that {@link ProcessedChangesContract} can fail: it runs the contract, through the JUnit Platform
 * {@link org.junit.platform.testkit.engine.EngineTestKit}, against the in-memory record and against records broken
 * on purpose.
 */
class ProcessedChangesContractTest {

  @Test
  void contractWhenRecordIsCorrectThenEveryGroupRunsAndPasses() {
    Events tests = ContractRuns.run(AgainstInMemoryRecord.class);

    ContractRuns.assertEveryGroupPasses(tests, 7, List.of("Claim", "Release", "Concurrency"));
  }

  @Test
  void contractWhenKeysAreJoinedWithASeparatorThenCollisionTestFails() {
    Events failed = ContractRuns.run(AgainstJoinedKeys.class).failed();

    assertThat(failed.stream().map(ContractRuns::method)).containsExactly("claimWhenIdsConcatenateAlikeThenIndependent");
  }

  @Test
  void contractWhenReleaseIsIgnoredThenReleaseTestFails() {
    Events failed = ContractRuns.run(AgainstForgetfulRelease.class).failed();

    assertThat(failed.stream().map(ContractRuns::method)).containsExactly("releaseWhenClaimedThenClaimableOnce");
  }

  @Test
  void contractWhenClaimChecksThenActsThenConcurrencyTestFails() {
    Events failed = ContractRuns.run(AgainstRacyClaims.class).failed();

    assertThat(failed.stream().map(ContractRuns::method)).containsExactly("claimWhenConcurrentThenExactlyOneWinsEach");
  }

  // The classes below run only through ContractRuns.run(...): their names do not end in Test, and surefire skips nested
  // classes, so the broken ones never fail the build on their own.

  /** The contract against the real in-memory record. */
  static class AgainstInMemoryRecord extends ProcessedChangesContract {
    @Override
    protected ProcessedChanges newRecord() {
      return ProcessedChanges.inMemory(ProcessedChanges.DEFAULT_CAPACITY);
    }
  }

  /** The contract against a record keyed by {@code org + ":" + event}, so that ("a:b", "c") is ("a", "b:c"). */
  static class AgainstJoinedKeys extends ProcessedChangesContract {
    @Override
    protected ProcessedChanges newRecord() {
      return new SetRecord() {
        @Override
        String key(String orgId, String sourceEventId) {
          return orgId + ":" + sourceEventId;
        }
      };
    }
  }

  /** The contract against a record whose release does nothing. */
  static class AgainstForgetfulRelease extends ProcessedChangesContract {
    @Override
    protected ProcessedChanges newRecord() {
      return new SetRecord() {
        @Override
        public void release(String orgId, String sourceEventId) {}
      };
    }
  }

  /**
   * The contract against a record that checks, then records: a claim that finds an event unclaimed waits (at most
   * 100 ms) for a second claim of the same event to find it unclaimed too, so that two concurrent claims both win.
   */
  static class AgainstRacyClaims extends ProcessedChangesContract {
    @Override
    protected ProcessedChanges newRecord() {
      Map<String, CountDownLatch> races = new ConcurrentHashMap<>();
      return new SetRecord() {
        @Override
        public boolean claim(String orgId, String sourceEventId) {
          String key = key(orgId, sourceEventId);
          if (claimed.contains(key)) {
            return false;
          }
          CountDownLatch race = races.computeIfAbsent(key, k -> new CountDownLatch(2));
          race.countDown();
          try {
            race.await(100, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          claimed.add(key);
          return true;
        }
      };
    }
  }

  /** A correct record over a concurrent set, for the broken ones to change one thing of. */
  private static class SetRecord implements ProcessedChanges {
    final Set<String> claimed = ConcurrentHashMap.newKeySet();

    String key(String orgId, String sourceEventId) {
      return orgId.length() + ":" + orgId + sourceEventId;
    }

    @Override
    public boolean claim(String orgId, String sourceEventId) {
      return claimed.add(key(orgId, sourceEventId));
    }

    @Override
    public void release(String orgId, String sourceEventId) {
      claimed.remove(key(orgId, sourceEventId));
    }

    @Override
    public boolean contains(String orgId, String sourceEventId) {
      return claimed.contains(key(orgId, sourceEventId));
    }
  }
}
