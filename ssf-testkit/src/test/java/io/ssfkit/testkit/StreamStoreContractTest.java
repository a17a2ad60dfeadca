package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.ssfkit.spi.StreamStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
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
    Events tests = run(AgainstInMemoryStore.class);

    assertThat(tests.started().count()).isGreaterThanOrEqualTo(40);
    assertThat(tests.failed().count()).as(describe(tests.failed())).isZero();
    assertThat(tests.succeeded().count()).isEqualTo(tests.started().count());
    assertThat(tests.started().stream().map(StreamStoreContractTest::group).distinct())
        .containsExactlyInAnyOrderElementsOf(GROUPS);
  }

  @Test
  void contractWhenStoreIgnoresExpectedVersionThenOptimisticConcurrencyTestsFail() {
    Events tests = run(AgainstLostUpdateStore.class);
    Events failed = tests.failed();

    assertThat(failed.count()).isGreaterThan(0);
    assertThat(failed.stream().map(StreamStoreContractTest::method))
        .contains(
            "updateWhenVersionIsStaleThenConcurrentUpdateAndStoredUnchanged",
            "updateWhenVersionIsAheadThenConcurrentUpdateAndStoredUnchanged",
            "updateWhenTwoChangesBasedOnSameReadThenSecondFails");
    assertThat(failed.stream().map(StreamStoreContractTest::group)).containsOnly("Optimistic concurrency");
    assertThat(tests.succeeded().count()).isGreaterThan(0);
  }

  @Test
  void contractWhenStoreIgnoresOwnerInFindThenScopingTestsFail() {
    Events tests = run(AgainstOwnerBlindStore.class);
    Events failed = tests.failed();

    assertThat(failed.stream().map(StreamStoreContractTest::method))
        .containsExactlyInAnyOrder(
            "findWhenAnotherClientOfSameOrgThenEmpty", "findWhenSameClientIdInAnotherOrgThenEmpty");
    assertThat(failed.stream().map(StreamStoreContractTest::group)).containsOnly("Lookup is scoped by owner");
  }

  private static Events run(Class<? extends StreamStoreContract> contract) {
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
