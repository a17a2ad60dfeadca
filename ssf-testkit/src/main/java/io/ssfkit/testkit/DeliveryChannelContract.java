package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ssfkit.delivery.DeliveryChannel;
import io.ssfkit.delivery.DeliveryResult;
import io.ssfkit.delivery.DeliveryResult.Delivered;
import io.ssfkit.delivery.DeliveryResult.Failed;
import io.ssfkit.delivery.DeliveryResult.Rejected;
import io.ssfkit.delivery.PushTarget;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import io.ssfkit.testkit.ReceiverSimulator.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour every push {@link DeliveryChannel} must have (RFC 8935, PUSH-1 to PUSH-8), as a JUnit 5
 * suite run against a real HTTP receiver on a loopback port. Extend it in your test sources and implement
 * {@link #newChannel(Duration)}:
 *
 * <pre>{@code
 * class MyChannelContractTest extends DeliveryChannelContract {
 *   @Override
 *   protected DeliveryChannel newChannel(Duration requestTimeout) {
 *     return HttpPushChannel.builder()
 *         .urlPolicy(ReceiverUrlPolicy.development())   // the receiver is http://127.0.0.1
 *         .requestTimeout(requestTimeout)
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * <p>Before each test the suite starts a {@link ReceiverSimulator} (see {@link #receiver()}) and asks for a
 * channel with a 5 second request timeout; the slow-receiver test asks for a second channel with a 300 ms
 * timeout. All traffic goes to {@code 127.0.0.1}. Every wait is bounded, and none sleeps: the suite waits on
 * the channel's stages and on the receiver's ledger.
 */
public abstract class DeliveryChannelContract {

  /** How long the suite waits for a stage or for requests before failing. */
  protected static final Duration WAIT = Duration.ofSeconds(15);

  /**
   * A compact JWS with the shape of a SET: three base64url parts, using every base64url character class.
   */
  protected static final String TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6InNlY2V2ZW50K2p3dCIsImtpZCI6ImsxIn0"
      + ".eyJpc3MiOiJodHRwczovL3RyLmV4YW1wbGUuY29tIiwianRpIjoiNGQzNTU5ZWMtNjc1MC00MjFlIn0"
      + ".Zm9vYmFy-_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofMillis(300);
  /** Long enough for a request that should not come to arrive if it was going to. */
  private static final Duration QUIET = Duration.ofMillis(200);
  private static final String SECRET = "Bearer 9f8e7d6c5b4a-secret";

  private @Nullable ReceiverSimulator receiver;
  private @Nullable DeliveryChannel channel;

  /** Creates the suite; subclasses only implement {@link #newChannel(Duration)}. */
  protected DeliveryChannelContract() {}

  /**
   * Returns a channel under test. It must be allowed to send plain HTTP to {@code 127.0.0.1} (the
   * receiver's {@link ReceiverSimulator#endpoint()}), and must give up waiting for an answer after about
   * {@code requestTimeout}. Called once before each test, and once more by the slow-receiver test.
   *
   * @param requestTimeout how long the channel waits for an answer
   * @return a channel; it may share resources with channels of other tests
   */
  protected abstract DeliveryChannel newChannel(Duration requestTimeout);

  /**
   * Starts the receiver and creates the channel for the next test; runs before the {@code @BeforeEach}
   * methods of subclasses.
   */
  @BeforeEach
  protected final void startReceiver() {
    receiver = ReceiverSimulator.start();
    channel = Objects.requireNonNull(newChannel(REQUEST_TIMEOUT), "newChannel returned null");
  }

  /** Stops the receiver after each test. */
  @AfterEach
  protected final void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  /**
   * Returns the receiver of the current test, for subclasses' own tests.
   *
   * @return the running receiver
   */
  protected final ReceiverSimulator receiver() {
    return Objects.requireNonNull(receiver, "receiver");
  }

  /**
   * Returns the channel of the current test, made by {@link #newChannel(Duration)} with a 5 second timeout.
   *
   * @return the channel
   */
  protected final DeliveryChannel channel() {
    return Objects.requireNonNull(channel, "channel");
  }

  /**
   * Waits for a stage of a channel, at most {@link #WAIT}.
   *
   * @param stage the stage {@link DeliveryChannel#deliver} returned
   * @return the result
   * @throws AssertionError if the stage fails, or does not complete in time
   */
  protected static DeliveryResult await(CompletionStage<DeliveryResult> stage) {
    CompletableFuture<DeliveryResult> future = new CompletableFuture<>();
    stage.whenComplete((result, error) -> {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(result);
      }
    });
    try {
      return Objects.requireNonNull(future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "null result");
    } catch (ExecutionException e) {
      throw new AssertionError("deliver completed exceptionally; expected outcomes are values", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("deliver did not complete within " + WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Delivers {@link #TOKEN} to the receiver with an authorization header and waits for the result.
   *
   * @param authorization the authorization header value, or null
   * @return the result
   */
  protected final DeliveryResult deliver(@Nullable String authorization) {
    return await(channel().deliver(new PushTarget(receiver().endpoint(), authorization), TOKEN));
  }

  /**
   * Waits for exactly {@code count} requests: until they arrived, then a little longer to see that no more
   * come.
   *
   * @param count the expected number of requests
   * @return the requests
   */
  protected final List<ReceivedRequest> requests(int count) {
    try {
      receiver().awaitRequests(count, WAIT);
      List<ReceivedRequest> requests = receiver().awaitRequests(count + 1, QUIET);
      assertThat(requests).as("requests received").hasSize(count);
      return requests;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void assertNoSecrets(DeliveryResult result) {
    assertThat(result.toString()).as("result %s", result.getClass().getSimpleName())
        .doesNotContain(SECRET).doesNotContain("9f8e7d6c5b4a").doesNotContain(TOKEN);
  }

  private static Failed failed(DeliveryResult result) {
    assertThat(result).isInstanceOf(Failed.class);
    return (Failed) result;
  }

  /** A port on 127.0.0.1 where nothing listens: bound by the system, then released. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PUSH-1: one POST per SET, both media types, the SET unchanged. */
  @Nested
  @DisplayName("PUSH-1 request")
  class Request {

    @Test
    void deliverWhenCalledThenOnePostWithMediaTypesAndExactBody() {
      assertThat(deliver(null)).isEqualTo(new Delivered(202));

      ReceivedRequest request = requests(1).get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.uri().getPath()).isEqualTo(receiver().endpoint().getPath());
      assertThat(request.headerValues("Content-Type")).containsExactly("application/secevent+jwt");
      assertThat(request.headerValues("Accept")).containsExactly("application/json");
      assertThat(request.body()).isEqualTo(TOKEN.getBytes(StandardCharsets.US_ASCII));
      assertThat(request.bodyText().split("\\.", -1)).hasSize(3);
    }

    @Test
    void deliverWhenSeveralSetsThenOneRequestEachInOrder() {
      List<String> tokens = List.of(TOKEN + "1", TOKEN + "2", TOKEN + "3");
      for (String token : tokens) {
        assertThat(await(channel().deliver(new PushTarget(receiver().endpoint(), null), token)))
            .isEqualTo(new Delivered(202));
      }

      assertThat(requests(3)).extracting(ReceivedRequest::bodyText).containsExactlyElementsOf(tokens);
    }

    @Test
    void deliverWhenEndpointHasQueryThenSentToThatUrl() {
      URI endpoint = URI.create(receiver().endpoint() + "?stream=s-1&x=%2F");

      assertThat(await(channel().deliver(new PushTarget(endpoint, null), TOKEN))).isEqualTo(new Delivered(202));

      assertThat(requests(1).get(0).uri().getRawQuery()).isEqualTo("stream=s-1&x=%2F");
    }
  }

  /** PUSH-2: the authorization header, verbatim on every request, or none. */
  @Nested
  @DisplayName("PUSH-2 authorization header")
  class Authorization {

    @Test
    void deliverWhenHeaderSetThenSentVerbatimOnEveryRequest() {
      String value = "Bearer abc.DEF-123_~+/=";
      deliver(value);
      deliver(value);

      assertThat(requests(2)).allSatisfy(request ->
          assertThat(request.headerValues("Authorization")).containsExactly(value));
    }

    @Test
    void deliverWhenHeaderIsNotBearerThenSentVerbatim() {
      String value = "Basic dXNlcjpwYXNzd29yZA==";
      deliver(value);

      assertThat(requests(1).get(0).headerValues("Authorization")).containsExactly(value);
    }

    @Test
    void deliverWhenNoHeaderThenNoAuthorizationSent() {
      deliver(null);

      assertThat(requests(1).get(0).headerValues("Authorization")).isEmpty();
    }
  }

  /** PUSH-4: 202, and any other 2xx, is a delivery. */
  @Nested
  @DisplayName("PUSH-4 success")
  class Success {

    @Test
    void deliverWhen202ThenDelivered() {
      receiver().script(Response.accepted());

      assertThat(deliver(SECRET)).isEqualTo(new Delivered(202));
    }

    @Test
    void deliverWhen200WithBodyThenDelivered() {
      receiver().script(Response.of(200).withBody("application/json", "{\"ok\":true}"));

      assertThat(deliver(SECRET)).isEqualTo(new Delivered(200));
    }

    @Test
    void deliverWhen204ThenDelivered() {
      receiver().script(Response.of(204));

      assertThat(deliver(SECRET)).isEqualTo(new Delivered(204));
    }
  }

  /** PUSH-5: a 400 carries an RFC 8935 error code. */
  @Nested
  @DisplayName("PUSH-5 error codes")
  class ErrorCodes {

    @TestFactory
    Stream<DynamicTest> deliverWhen400WithErrThenRejectedWithCodeAndDescription() {
      return Stream.of("invalid_request", "invalid_key", "invalid_issuer", "invalid_audience",
              "authentication_failed", "access_denied", "invalid_state", "some_vendor_code")
          .map(code -> dynamicTest(code, () -> {
            receiver().script(Response.error(code, "about " + code));

            assertThat(deliver(SECRET)).isEqualTo(new Rejected(400, code, "about " + code));
          }));
    }

    @Test
    void deliverWhen400WithoutDescriptionThenDescriptionNull() {
      receiver().script(Response.error("invalid_audience", null));

      assertThat(deliver(null)).isEqualTo(new Rejected(400, "invalid_audience", null));
    }

    @Test
    void deliverWhen400WithoutJsonThenInvalidRequest() {
      receiver().script(Response.of(400).withBody("text/html", "<h1>Bad Request</h1>"), Response.of(400));

      assertThat(deliver(null)).isEqualTo(new Rejected(400, "invalid_request", null));
      assertThat(deliver(null)).isEqualTo(new Rejected(400, "invalid_request", null));
    }

    @Test
    void deliverWhen401Or403ThenRejectedAsAuthenticationFailedOrAccessDenied() {
      receiver().script(Response.of(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""),
          Response.of(403));

      assertThat(deliver(SECRET)).isInstanceOfSatisfying(Rejected.class, rejected -> {
        assertThat(rejected.status()).isEqualTo(401);
        assertThat(rejected.code()).isEqualTo("authentication_failed");
      });
      assertThat(deliver(SECRET)).isInstanceOfSatisfying(Rejected.class, rejected -> {
        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.code()).isEqualTo("access_denied");
      });
    }
  }

  /** PUSH-6: answers that say "later" are retryable failures, with the receiver's delay. */
  @Nested
  @DisplayName("PUSH-6 retryable answers")
  class Retryable {

    @Test
    void deliverWhen429WithRetryAfterThenFailedRetryableWithDelay() {
      receiver().script(Response.of(429).withHeader("Retry-After", "30"));

      Failed failed = failed(deliver(SECRET));
      assertThat(failed.status()).isEqualTo(429);
      assertThat(failed.retryable()).isTrue();
      assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void deliverWhen503WithRetryAfterThenFailedRetryableWithDelay() {
      receiver().script(Response.of(503).withHeader("Retry-After", "120"));

      Failed failed = failed(deliver(SECRET));
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.retryable()).isTrue();
      assertThat(failed.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void deliverWhen500Or408ThenFailedRetryableWithoutDelay() {
      receiver().script(Response.of(500).withBody("text/plain", "oops"), Response.of(408));

      for (int status : new int[] {500, 408}) {
        Failed failed = failed(deliver(SECRET));
        assertThat(failed.status()).isEqualTo(status);
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.retryAfter()).isNull();
        assertNoSecrets(failed);
      }
    }

    @Test
    void deliverWhen404Or410ThenFailedNotRetryable() {
      receiver().script(Response.of(404), Response.of(410));

      for (int status : new int[] {404, 410}) {
        Failed failed = failed(deliver(null));
        assertThat(failed.status()).isEqualTo(status);
        assertThat(failed.retryable()).isFalse();
      }
    }
  }

  /** PUSH-8: no redirects, bounded waiting. */
  @Nested
  @DisplayName("PUSH-8 redirects and timeouts")
  class RedirectsAndTimeouts {

    @Test
    void deliverWhenRedirectedThenNotFollowedAndFailedRetryable() {
      String elsewhere = receiver().endpoint().resolve("/moved").toString();
      receiver().script(Response.of(302).withHeader("Location", elsewhere),
          Response.of(307).withHeader("Location", elsewhere));

      for (int status : new int[] {302, 307}) {
        Failed failed = failed(deliver(SECRET));
        assertThat(failed.status()).isEqualTo(status);
        assertThat(failed.retryable()).isTrue();
      }
      assertThat(requests(2)).extracting(request -> request.uri().getPath()).containsOnly("/events");
    }

    @Test
    void deliverWhenReceiverAnswersAfterRequestTimeoutThenFailedRetryableInTime() {
      DeliveryChannel impatient = newChannel(SHORT_REQUEST_TIMEOUT);
      receiver().script(Response.accepted().withDelay(Duration.ofSeconds(10)));
      long start = System.nanoTime();

      Failed failed = failed(await(impatient.deliver(new PushTarget(receiver().endpoint(), SECRET), TOKEN)));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(failed.status()).isZero();
      assertThat(failed.retryable()).isTrue();
      assertNoSecrets(failed);
    }

    @Test
    void deliverWhenReceiverAnswersSlowlyWithinTimeoutThenDelivered() {
      receiver().script(Response.accepted().withDelay(Duration.ofMillis(100)));

      assertThat(deliver(null)).isEqualTo(new Delivered(202));
    }
  }

  /** Network failures are retryable failures with status 0, and a receiver that recovers gets the SET. */
  @Nested
  @DisplayName("PUSH-6 network failures")
  class NetworkFailures {

    @Test
    void deliverWhenConnectionRefusedThenFailedRetryable() {
      URI nobody = URI.create("http://127.0.0.1:" + closedPort() + "/events");

      Failed failed = failed(await(channel().deliver(new PushTarget(nobody, SECRET), TOKEN)));

      assertThat(failed.status()).isZero();
      assertThat(failed.retryable()).isTrue();
      assertNoSecrets(failed);
    }

    @Test
    void deliverWhenConnectionDroppedThenFailedRetryable() {
      receiver().script(Response.drop());

      Failed failed = failed(deliver(SECRET));

      assertThat(failed.status()).isZero();
      assertThat(failed.retryable()).isTrue();
      assertNoSecrets(failed);
    }

    @Test
    void deliverWhenReceiverComesBackThenDeliveredWithSameRequest() {
      receiver().script(Response.drop(), Response.of(503), Response.accepted());

      assertThat(failed(deliver(SECRET)).retryable()).isTrue();
      assertThat(failed(deliver(SECRET)).retryable()).isTrue();
      assertThat(deliver(SECRET)).isEqualTo(new Delivered(202));

      assertThat(requests(3)).allSatisfy(request -> {
        assertThat(request.bodyText()).isEqualTo(TOKEN);
        assertThat(request.headerValues("Authorization")).containsExactly(SECRET);
      });
    }
  }
}
