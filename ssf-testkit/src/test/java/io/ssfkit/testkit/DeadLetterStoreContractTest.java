package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.ssfkit.delivery.DeadLetterStore;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that {@link DeadLetterStoreContract} can fail: it runs the contract, through the JUnit Platform
 * {@link EngineTestKit}, against the in-memory store and against a store that is broken on purpose.
 */
class DeadLetterStoreContractTest {

  @Test
  void contractWhenStoreIsCorrectThenEveryGroupRunsAndPasses() {
    Events tests = run(AgainstInMemoryStore.class);

    assertThat(tests.started().count()).isGreaterThanOrEqualTo(11);
    assertThat(tests.failed().count()).as(describe(tests.failed())).isZero();
    assertThat(tests.succeeded().count()).isEqualTo(tests.started().count());
    assertThat(tests.started().stream().map(DeadLetterStoreContractTest::group).distinct())
        .containsExactlyInAnyOrder("Add and list", "Take and purge", "Concurrency");
  }

  @Test
  void contractWhenAddKeepsDuplicatesThenReplaceTestFails() {
    Events failed = run(AgainstDuplicatingStore.class).failed();

    assertThat(failed.stream().map(DeadLetterStoreContractTest::method))
        .containsExactly("addWhenSameStreamAndJtiThenReplacesLetter");
  }

  private static Events run(Class<? extends DeadLetterStoreContract> contract) {
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
