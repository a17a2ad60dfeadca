package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.DeliveryChannel;
import io.ssfkit.delivery.DeliveryResult;
import io.ssfkit.delivery.DeliveryResult.Delivered;
import io.ssfkit.delivery.DeliveryResult.Failed;
import io.ssfkit.delivery.DeliveryResult.Rejected;
import io.ssfkit.delivery.HostResolver;
import io.ssfkit.delivery.HttpPushChannel;
import io.ssfkit.delivery.PushTarget;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.testkit.ReceiverSimulator.Response;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link DeliveryChannelContract} against {@link HttpPushChannel} with the development URL policy (the
 * receiver is {@code http://127.0.0.1}), plus the channel's own settings and its SEC-1 address check.
 */
class HttpPushChannelContractTest extends DeliveryChannelContract {

  @Override
  protected DeliveryChannel newChannel(Duration requestTimeout) {
    return builder().requestTimeout(requestTimeout).build();
  }

  private static HttpPushChannel.Builder builder() {
    return HttpPushChannel.builder()
        .urlPolicy(ReceiverUrlPolicy.development())
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2));
  }

  /** Maps made-up names to addresses in memory; nothing is looked up in DNS. */
  private static HostResolver resolver(String host, String literal) {
    Map<String, String> table = Map.of(host, literal);
    return name -> {
      String address = table.get(name);
      if (address == null) {
        throw new UnknownHostException(name);
      }
      return List.of(InetAddress.getByName(address)); // a literal: parsed, never resolved
    };
  }

  /**
   * A channel whose policy knows the made-up name and whose requests go to the receiver as an HTTP proxy,
   * so even a channel that skipped the check would reach only 127.0.0.1 (and the receiver's ledger), and
   * the JDK client never resolves the name.
   */
  private HttpPushChannel proxiedThroughReceiver(HostResolver resolver) {
    return HttpPushChannel.builder()
        .urlPolicy(ReceiverUrlPolicy.builder().allowInsecure(true).resolver(resolver).build())
        .proxy(ProxySelector.of(receiver().address()))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Nested
  @DisplayName("PUSH-3 Accept-Language")
  class AcceptLanguage {

    @Test
    void deliverWhenAcceptLanguageConfiguredThenSent() {
      DeliveryChannel channel = builder().acceptLanguage("de-CH, en;q=0.5").build();

      await(channel.deliver(new PushTarget(receiver().endpoint(), null), TOKEN));

      assertThat(requests(1).get(0).headerValues("Accept-Language")).containsExactly("de-CH, en;q=0.5");
    }

    @Test
    void deliverWhenAcceptLanguageNotConfiguredThenNotSent() {
      deliver(null);

      assertThat(requests(1).get(0).headerValues("Accept-Language")).isEmpty();
    }
  }

  @Nested
  @DisplayName("PUSH-8 response body cap")
  class BodyCap {

    @Test
    void deliverWhenErrorBodyExceedsCapThenInvalidRequestWithoutReadingIt() {
      String huge = "{\"err\":\"invalid_key\",\"description\":\"" + "x".repeat(256 * 1024) + "\"}";
      receiver().script(Response.of(400).withBody("application/json", huge));

      assertThat(deliver(null)).isEqualTo(new Rejected(400, "invalid_request", null));
    }

    @Test
    void deliverWhenErrorBodyWithinRaisedCapThenParsed() {
      String large = "{\"err\":\"invalid_key\",\"description\":\"" + "x".repeat(20_000) + "\"}";
      receiver().script(Response.of(400).withBody("application/json", large));
      DeliveryChannel channel = builder().maxResponseBytes(32 * 1024).build();

      DeliveryResult result = await(channel.deliver(new PushTarget(receiver().endpoint(), null), TOKEN));

      assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("invalid_key"));
    }
  }

  @Nested
  @DisplayName("SEC-1 the endpoint's addresses are checked before sending")
  class AddressCheck {

    @Test
    void deliverWhenNameResolvesToForbiddenAddressThenFailedAndNoRequestReachesReceiver()
        throws InterruptedException {
      for (String address : List.of("10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1")) {
        HttpPushChannel channel = proxiedThroughReceiver(resolver("rebind.example.test", address));

        DeliveryResult result = await(channel.deliver(
            new PushTarget(URI.create("http://rebind.example.test/events"), "Bearer t"), TOKEN));

        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
          assertThat(failed.status()).isZero();
          assertThat(failed.retryable()).isFalse();
          assertThat(failed.reason()).startsWith("forbidden address: host rebind.example.test resolves to");
        });
      }
      assertThat(receiver().awaitRequests(1, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void deliverWhenNameResolvesToPublicAddressThenRequestReachesReceiver() throws InterruptedException {
      // The control for the test above: with an allowed address the same set-up does send. 93.184.216.34
      // exists only in the fake resolver; the request goes to the receiver acting as proxy.
      HttpPushChannel channel = proxiedThroughReceiver(resolver("rp.example.test", "93.184.216.34"));

      DeliveryResult result =
          await(channel.deliver(new PushTarget(URI.create("http://rp.example.test/events"), null), TOKEN));

      assertThat(result).isEqualTo(new Delivered(202));
      assertThat(requests(1).get(0).uri()).isEqualTo(URI.create("http://rp.example.test/events"));
    }

    @Test
    void deliverWhenStrictPolicyAndLoopbackReceiverThenFailedAndNoRequest() throws InterruptedException {
      DeliveryChannel strict = HttpPushChannel.builder().proxy(HttpClient.Builder.NO_PROXY).build();
      URI loopbackHttps = URI.create("https://127.0.0.1:" + receiver().endpoint().getPort() + "/events");

      assertThat(await(strict.deliver(new PushTarget(receiver().endpoint(), null), TOKEN)))
          .isEqualTo(new Failed(0, "forbidden address: scheme must be https, but was http", false, null));
      assertThat(await(strict.deliver(new PushTarget(loopbackHttps, null), TOKEN)))
          .isEqualTo(new Failed(0, "forbidden address: host 127.0.0.1 is a loopback address", false, null));
      assertThat(receiver().awaitRequests(1, Duration.ofMillis(300))).isEmpty();
    }
  }
}
