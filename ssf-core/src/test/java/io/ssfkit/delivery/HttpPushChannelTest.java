package io.ssfkit.delivery;

import static io.ssfkit.delivery.ReceiverUrlPolicyTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.delivery.DeliveryResult.Delivered;
import io.ssfkit.delivery.DeliveryResult.Failed;
import io.ssfkit.delivery.DeliveryResult.Rejected;
import io.ssfkit.delivery.ReceiverUrlPolicyTest.FakeResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The channel's classification and settings, without a receiver. Network traffic goes to 127.0.0.1 only; made-up
 * names are resolved in memory by {@link FakeResolver} and sent through a loopback proxy, so the JDK client
 * never resolves them either. The full HTTP behaviour is covered by {@code HttpPushChannelContractTest} in
 * ssf-testkit.
 */
class HttpPushChannelTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);
  private static final byte[] EMPTY = new byte[0];
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ0In0.c2lnbmF0dXJl";
  private static final String AUTHORIZATION = "Bearer s3cret-receiver-token";
  private static final InetAddress LOOPBACK = ip("127.0.0.1");

  private static HttpHeaders headers(String name, String value) {
    return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static DeliveryResult await(CompletionStage<DeliveryResult> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Nested
  @DisplayName("PUSH-4, PUSH-5, PUSH-6, PUSH-8 classification of answers")
  class Classification {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void classifyWhen2xxThenDelivered(int status) {
      assertThat(HttpPushChannel.classify(status, NO_HEADERS, EMPTY, NOW)).isEqualTo(new Delivered(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_request", "invalid_key", "invalid_issuer", "invalid_audience",
        "authentication_failed", "access_denied", "invalid_state", "vendor_specific"})
    void classifyWhen400WithErrThenRejectedWithCode(String err) {
      byte[] body = utf8("{\"err\":\"" + err + "\",\"description\":\"why\"}");

      assertThat(HttpPushChannel.classify(400, NO_HEADERS, body, NOW)).isEqualTo(new Rejected(400, err, "why"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Request", "{\"error\":\"invalid_request\"}", "{\"err\":\"x\""})
    void classifyWhen400WithoutReadableBodyThenInvalidRequest(String body) {
      assertThat(HttpPushChannel.classify(400, NO_HEADERS, utf8(body), NOW))
          .isEqualTo(new Rejected(400, "invalid_request", null));
    }

    @Test
    void classifyWhen401Or403ThenRejectedWithFixedCodeAndDescription() {
      byte[] body = utf8("{\"err\":\"invalid_key\",\"description\":\"token expired\"}");

      assertThat(HttpPushChannel.classify(401, NO_HEADERS, body, NOW))
          .isEqualTo(new Rejected(401, "authentication_failed", "token expired"));
      assertThat(HttpPushChannel.classify(403, NO_HEADERS, EMPTY, NOW))
          .isEqualTo(new Rejected(403, "access_denied", null));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 501, 502, 503, 504, 599})
    void classifyWhenTransientStatusThenFailedRetryable(int status) {
      assertThat(HttpPushChannel.classify(status, NO_HEADERS, EMPTY, NOW))
          .isEqualTo(new Failed(status, "receiver answered " + status, true, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void classifyWhenRedirectThenFailedRetryable(int status) {
      assertThat(HttpPushChannel.classify(status, headers("Location", "https://elsewhere.example/"), EMPTY, NOW))
          .isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo(status);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("redirects are not followed").doesNotContain("elsewhere");
          });
    }

    @ParameterizedTest
    @ValueSource(ints = {402, 404, 405, 409, 410, 411, 413, 415, 422, 431, 451})
    void classifyWhenOtherClientErrorThenFailedNotRetryable(int status) {
      assertThat(HttpPushChannel.classify(status, headers("Retry-After", "5"), EMPTY, NOW))
          .isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo(status);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.retryAfter()).isNull();
          });
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 600, 999})
    void classifyWhenUnexpectedStatusThenFailedNotRetryable(int status) {
      assertThat(HttpPushChannel.classify(status, NO_HEADERS, EMPTY, NOW))
          .isEqualTo(new Failed(status, "receiver answered an unexpected status " + status, false, null));
    }

    @Test
    void classifyWhen429WithRetryAfterSecondsThenDelay() {
      assertThat(HttpPushChannel.classify(429, headers("Retry-After", "120"), EMPTY, NOW))
          .isEqualTo(new Failed(429, "receiver answered 429", true, Duration.ofSeconds(120)));
    }

    @Test
    void classifyWhen503WithRetryAfterDateThenDelayFromClock() {
      String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));

      assertThat(HttpPushChannel.classify(503, headers("Retry-After", date), EMPTY, NOW))
          .isEqualTo(new Failed(503, "receiver answered 503", true, Duration.ofSeconds(90)));
    }
  }

  @Nested
  @DisplayName("PUSH-6 Retry-After")
  class RetryAfter {

    @Test
    void retryAfterWhenDeltaSecondsThenDuration() {
      assertThat(HttpPushChannel.retryAfter("0", NOW)).contains(Duration.ZERO);
      assertThat(HttpPushChannel.retryAfter(" 30 ", NOW)).contains(Duration.ofSeconds(30));
      assertThat(HttpPushChannel.retryAfter("3600", NOW)).contains(Duration.ofHours(1));
    }

    @Test
    void retryAfterWhenLongerThanAnHourThenCapped() {
      assertThat(HttpPushChannel.retryAfter("3601", NOW)).contains(HttpPushChannel.MAX_RETRY_AFTER);
      assertThat(HttpPushChannel.retryAfter("99999999999999999999999", NOW))
          .contains(HttpPushChannel.MAX_RETRY_AFTER);
      assertThat(HttpPushChannel.retryAfter("Fri, 01 Jan 2027 00:00:00 GMT", NOW))
          .contains(HttpPushChannel.MAX_RETRY_AFTER);
    }

    @Test
    void retryAfterWhenHttpDateThenDelayUntilIt() {
      // RFC 9110 section 5.6.7 IMF-fixdate.
      assertThat(HttpPushChannel.retryAfter("Thu, 01 Jan 2026 00:02:00 GMT", NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterWhenDateInPastThenZero() {
      assertThat(HttpPushChannel.retryAfter("Wed, 31 Dec 2025 23:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5", "1.5", "2026-01-01T00:02:00Z", "Thursday, 01-Jan-26 00:02:00 GMT"})
    void retryAfterWhenUnreadableThenEmpty(String value) {
      assertThat(HttpPushChannel.retryAfter(value, NOW)).isEmpty();
    }
  }

  @Nested
  @DisplayName("PUSH-7, AUTH-7, PUSH-8 settings")
  class Settings {

    @Test
    void buildWhenDefaultContextThenOnlyTls12And13WithHostNameCheck() {
      SSLParameters parameters = HttpPushChannel.builder().build().sslParameters();

      assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
      assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void buildWhenInjectedContextThenStillOnlyTls12And13() throws Exception {
      SSLContext context = SSLContext.getInstance("TLSv1.2");
      context.init(null, null, null);

      assertThat(HttpPushChannel.builder().sslContext(context).build().sslParameters().getProtocols())
          .containsOnly("TLSv1.3", "TLSv1.2").contains("TLSv1.2").doesNotContain("TLSv1.1", "TLSv1");
    }

    @Test
    void builderWhenInvalidSettingsThenIllegalArgument() {
      assertThatThrownBy(() -> HttpPushChannel.builder().connectTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
      assertThatThrownBy(() -> HttpPushChannel.builder().requestTimeout(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
      assertThatThrownBy(() -> HttpPushChannel.builder().maxResponseBytes(10))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResponseBytes");
    }

    @Test
    void toStringWhenRenderedThenNoSecretsAndSettings() {
      String text = HttpPushChannel.builder().requestTimeout(Duration.ofSeconds(3)).build().toString();

      assertThat(text).contains("requestTimeout=PT3S").contains("allowInsecure=false");
    }
  }

  @Nested
  @DisplayName("SEC-1 the URL policy is applied before anything is sent")
  class AddressCheck {

    @Test
    void deliverWhenLiteralIsForbiddenThenFailedAtOnceWithoutLookup() {
      FakeResolver resolver = new FakeResolver(Map.of());
      HttpPushChannel channel = HttpPushChannel.builder()
          .urlPolicy(ReceiverUrlPolicy.builder().resolver(resolver).build()).build();

      CompletionStage<DeliveryResult> stage =
          channel.deliver(new PushTarget(URI.create("https://169.254.169.254/latest"), AUTHORIZATION), TOKEN);

      assertThat(stage.toCompletableFuture()).isCompletedWithValueMatching(result -> result.equals(new Failed(0,
          "forbidden address: host 169.254.169.254 is a cloud metadata address", false, null)));
      assertThat(resolver.asked).isEmpty();
    }

    @Test
    void deliverWhenNameResolvesToForbiddenAddressThenFailedAndNothingReachesTheNetwork() throws Exception {
      try (ServerSocket proxy = new ServerSocket(0, 10, LOOPBACK)) {
        FakeResolver resolver = FakeResolver.of("rebind.example.test", ip("10.0.0.1"));
        HttpPushChannel channel = proxiedChannel(proxy, resolver);

        DeliveryResult result =
            await(channel.deliver(new PushTarget(URI.create("http://rebind.example.test/events"), null), TOKEN));

        assertThat(result).isEqualTo(new Failed(0,
            "forbidden address: host rebind.example.test resolves to 10.0.0.1, a private address", false, null));
        assertThat(resolver.asked).containsExactly("rebind.example.test");
        proxy.setSoTimeout(300);
        assertThatThrownBy(proxy::accept).as("no connection was opened").isInstanceOf(SocketTimeoutException.class);
      }
    }

    @Test
    void deliverWhenNameResolvesToPublicAddressThenRequestIsSent() throws Exception {
      // The control for the test above: the same set-up does send when the address is allowed. The request
      // goes to the loopback proxy, never to the public address, which exists only in the fake resolver.
      try (ServerSocket proxy = new ServerSocket(0, 10, LOOPBACK)) {
        HttpPushChannel channel =
            proxiedChannel(proxy, FakeResolver.of("rp.example.test", ip("93.184.216.34")));

        CompletionStage<DeliveryResult> stage =
            channel.deliver(new PushTarget(URI.create("http://rp.example.test/events"), AUTHORIZATION), TOKEN);
        proxy.setSoTimeout(5_000);
        try (Socket connection = proxy.accept()) {
          connection.setSoTimeout(5_000);
          assertThat(firstLine(connection.getInputStream())).isEqualTo("POST http://rp.example.test/events HTTP/1.1");
        }

        assertThat(await(stage)).isInstanceOfSatisfying(Failed.class, failed -> {
          assertThat(failed.status()).isZero();
          assertThat(failed.retryable()).isTrue();
          assertThat(failed.reason()).doesNotContain(AUTHORIZATION).doesNotContain("s3cret").doesNotContain(TOKEN);
        });
      }
    }

    @Test
    void deliverWhenNameDoesNotResolveThenFailedRetryable() throws Exception {
      try (ServerSocket proxy = new ServerSocket(0, 10, LOOPBACK)) {
        HttpPushChannel channel = proxiedChannel(proxy, new FakeResolver(Map.of()));

        assertThat(await(channel.deliver(new PushTarget(URI.create("http://gone.example.test/"), null), TOKEN)))
            .isEqualTo(new Failed(0, "host gone.example.test could not be resolved", true, null));
      }
    }

    @Test
    void deliverWhenAuthorizationHeaderHasLineBreakThenFailedWithoutEchoingIt() throws Exception {
      HttpPushChannel channel = HttpPushChannel.builder().urlPolicy(ReceiverUrlPolicy.development())
          .proxy(HttpClient.Builder.NO_PROXY).build();
      String bad = "Bearer s3cret\r\nX-Injected: yes";

      DeliveryResult result =
          await(channel.deliver(new PushTarget(URI.create("http://127.0.0.1:9/events"), bad), TOKEN));

      assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).doesNotContain("s3cret").doesNotContain("Injected");
      });
    }

    private HttpPushChannel proxiedChannel(ServerSocket proxy, HostResolver resolver) {
      return HttpPushChannel.builder()
          .urlPolicy(ReceiverUrlPolicy.builder().allowInsecure(true).resolver(resolver).build())
          .proxy(ProxySelector.of(new InetSocketAddress(LOOPBACK, proxy.getLocalPort())))
          .requestTimeout(Duration.ofSeconds(5))
          .build();
    }

    private String firstLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n' && line.size() < 1_000; b = in.read()) {
        line.write(b);
      }
      return line.toString(StandardCharsets.US_ASCII).strip();
    }
  }
}
