package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.DeliveryChannel;
import io.ssfkit.delivery.DeliveryResult;
import io.ssfkit.delivery.HttpPushChannel;
import io.ssfkit.delivery.PushTarget;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves that {@link DeliveryChannelContract} can fail: it runs the contract, through the JUnit Platform
 * {@link EngineTestKit}, against channels that are broken on purpose, and checks which groups catch them.
 */
class DeliveryChannelContractTest {

  private static final List<String> GROUPS = List.of("PUSH-1 request", "PUSH-2 authorization header",
      "PUSH-4 success", "PUSH-5 error codes", "PUSH-6 retryable answers", "PUSH-8 redirects and timeouts",
      "PUSH-6 network failures");

  @Test
  void contractWhenChannelIsCorrectThenEveryGroupRunsAndPasses() {
    Events tests = ContractRuns.run(AgainstHttpPushChannel.class);

    assertThat(tests.failed().count()).as(ContractRuns.describe(tests.failed())).isZero();
    assertThat(tests.started().count()).isGreaterThanOrEqualTo(30);
    assertThat(tests.started().stream().map(ContractRuns::group).distinct())
        .containsExactlyInAnyOrderElementsOf(GROUPS);
  }

  @Test
  void contractWhenChannelDropsAuthorizationThenOnlyHeaderTestsFail() {
    Events failed = ContractRuns.run(AgainstHeaderDroppingChannel.class).failed();

    assertThat(failed.stream().map(ContractRuns::method)).containsExactlyInAnyOrder(
        "deliverWhenHeaderSetThenSentVerbatimOnEveryRequest", "deliverWhenHeaderIsNotBearerThenSentVerbatim",
        "deliverWhenReceiverComesBackThenDeliveredWithSameRequest");
  }

  @Test
  void contractWhenChannelCallsEverythingDeliveredThenOutcomeTestsFail() {
    Events failed = ContractRuns.run(AgainstOptimisticChannel.class).failed();

    assertThat(failed.stream().map(ContractRuns::group).distinct()).containsExactlyInAnyOrder(
        "PUSH-4 success", "PUSH-5 error codes", "PUSH-6 retryable answers", "PUSH-8 redirects and timeouts",
        "PUSH-6 network failures");
  }

  /** The display name of the nested group, above any test factory. */

  private static DeliveryChannel httpChannel(Duration requestTimeout) {
    return HttpPushChannel.builder().urlPolicy(ReceiverUrlPolicy.development()).proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2)).requestTimeout(requestTimeout).build();
  }

  // The classes below run only through ContractRuns.run(...): their names do not end in Test, and surefire
  // skips nested classes, so the broken ones never fail the build on their own.

  /** The contract against the real channel, run through EngineTestKit to count its groups. */
  static class AgainstHttpPushChannel extends DeliveryChannelContract {
    @Override
    protected DeliveryChannel newChannel(Duration requestTimeout) {
      return httpChannel(requestTimeout);
    }
  }

  /** A channel that forgets the authorization header. */
  static class AgainstHeaderDroppingChannel extends DeliveryChannelContract {
    @Override
    protected DeliveryChannel newChannel(Duration requestTimeout) {
      DeliveryChannel real = httpChannel(requestTimeout);
      return (target, token) -> real.deliver(new PushTarget(target.endpointUrl(), null), token);
    }
  }

  /** A channel that reports every answer, even none, as delivered. */
  static class AgainstOptimisticChannel extends DeliveryChannelContract {
    @Override
    protected DeliveryChannel newChannel(Duration requestTimeout) {
      DeliveryChannel real = httpChannel(requestTimeout);
      return (target, token) -> real.deliver(target, token)
          .thenApply(result -> (DeliveryResult) new DeliveryResult.Delivered(202));
    }
  }
}
