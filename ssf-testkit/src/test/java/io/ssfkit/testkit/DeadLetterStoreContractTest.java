package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.DeadLetterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that {@link DeadLetterStoreContract} can fail: it runs the contract, through the JUnit Platform
 * {@link EngineTestKit}, against the in-memory store and against a store that is broken on purpose.
 */
class DeadLetterStoreContractTest {

  @Test
  void contractWhenStoreIsCorrectThenEveryGroupRunsAndPasses() {
    Events tests = ContractRuns.run(AgainstInMemoryStore.class);

    ContractRuns.assertEveryGroupPasses(tests, 11, List.of("Add and list", "Take and purge", "Concurrency"));
  }

  @Test
  void contractWhenAddKeepsDuplicatesThenReplaceTestFails() {
    Events failed = ContractRuns.run(AgainstDuplicatingStore.class).failed();

    assertThat(failed.stream().map(ContractRuns::method))
        .containsExactly("addWhenSameStreamAndJtiThenReplacesLetter");
  }

  // The classes below run only through ContractRuns.run(...): their names do not end in Test, and surefire skips nested
  // classes, so the broken one never fails the build on its own.

  /** The contract against the real in-memory store, run through EngineTestKit to count its groups. */
  static class AgainstInMemoryStore extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
      return InMemoryDeadLetterStore.create();
    }
  }

  /** The contract against a store whose add never replaces. */
  static class AgainstDuplicatingStore extends DeadLetterStoreContract {
    @Override
    protected DeadLetterStore newStore() {
      return new DuplicatingDeadLetterStore();
    }
  }
}
