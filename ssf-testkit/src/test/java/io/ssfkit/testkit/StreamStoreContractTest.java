package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.spi.StreamStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that {@link StreamStoreContract} can fail: it runs the contract, through the JUnit Platform
 * {@link EngineTestKit}, against stores that are broken on purpose, and checks which tests catch them.
 */
class StreamStoreContractTest {

  private static final List<String> GROUPS =
      List.of("Insert and quotas", "Lookup is scoped by owner", "Internal lookups (delivery and fan-out)",
          "Optimistic concurrency", "Delete", "Subjects");

  @Test
  void contractWhenStoreIsCorrectThenEveryGroupRunsAndPasses() {
    Events tests = ContractRuns.run(AgainstInMemoryStore.class);

    ContractRuns.assertEveryGroupPasses(tests, 40, GROUPS);
  }

  @Test
  void contractWhenStoreIgnoresExpectedVersionThenOptimisticConcurrencyTestsFail() {
    Events tests = ContractRuns.run(AgainstLostUpdateStore.class);
    Events failed = tests.failed();

    assertThat(failed.count()).isGreaterThan(0);
    assertThat(failed.stream().map(ContractRuns::method))
        .contains(
            "updateWhenVersionIsStaleThenConcurrentUpdateAndStoredUnchanged",
            "updateWhenVersionIsAheadThenConcurrentUpdateAndStoredUnchanged",
            "updateWhenTwoChangesBasedOnSameReadThenSecondFails");
    assertThat(failed.stream().map(ContractRuns::group)).containsOnly("Optimistic concurrency");
    assertThat(tests.succeeded().count()).isGreaterThan(0);
  }

  @Test
  void contractWhenStoreIgnoresOwnerInFindThenScopingTestsFail() {
    Events tests = ContractRuns.run(AgainstOwnerBlindStore.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(ContractRuns::method))
        .containsExactlyInAnyOrder(
            "findWhenAnotherClientOfSameOrgThenEmpty", "findWhenSameClientIdInAnotherOrgThenEmpty");
    assertThat(failed.stream().map(ContractRuns::group)).containsOnly("Lookup is scoped by owner");
  }

  // The classes below run only through ContractRuns.run(...): their names do not end in Test, and surefire skips nested
  // classes, so the broken ones never fail the build on their own.

  /** The contract against the real in-memory store, run through EngineTestKit to count its groups. */
  static class AgainstInMemoryStore extends StreamStoreContract {
    @Override
    protected StreamStore newStore() {
      return InMemoryStreamStore.create();
    }
  }

  /** The contract against a store that loses updates. */
  static class AgainstLostUpdateStore extends StreamStoreContract {
    @Override
    protected StreamStore newStore() {
      return new LostUpdateStreamStore();
    }
  }

  /** The contract against a store whose find ignores the owner. */
  static class AgainstOwnerBlindStore extends StreamStoreContract {
    @Override
    protected StreamStore newStore() {
      return new OwnerBlindStreamStore();
    }
  }
}
