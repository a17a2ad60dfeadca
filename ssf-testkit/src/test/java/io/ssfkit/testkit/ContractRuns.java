package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Collection;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs a contract suite against an implementation through the JUnit Platform, so that a test can assert
 * which of the contract's tests pass or fail (the proof that a contract catches a broken implementation).
 */
final class ContractRuns {

  private ContractRuns() {}

  /** Runs every test of a contract subclass and returns the test events. */
  static Events run(Class<?> contract) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
  }

  /** The name of the test method an event belongs to. */
  static String method(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .orElseThrow();
  }

  /** The display name of the {@code @Nested} group an event belongs to, above any parameterized container. */
  static String group(Event event) {
    TestDescriptor parent = event.getTestDescriptor().getParent().orElseThrow();
    while (parent.getSource().filter(ClassSource.class::isInstance).isEmpty()) {
      parent = parent.getParent().orElseThrow();
    }
    return parent.getDisplayName();
  }

  /**
   * Asserts that a run of a correct implementation started at least so many tests, every one of which passed,
   * and that they cover exactly the contract's {@code @Nested} groups.
   */
  static void assertEveryGroupPasses(Events tests, int atLeast, Collection<String> groups) {
    assertThat(tests.started().count()).isGreaterThanOrEqualTo(atLeast);
    assertThat(tests.failed().count()).as(describe(tests.failed())).isZero();
    assertThat(tests.succeeded().count()).isEqualTo(tests.started().count());
    assertThat(tests.started().stream().map(ContractRuns::group).distinct()).containsExactlyInAnyOrderElementsOf(groups);
  }

  /** The failed tests with their failure, for an assertion message. */
  static String describe(Events failed) {
    return failed.stream().map(e -> method(e) + ": " + e.getPayload()).toList().toString();
  }
}
