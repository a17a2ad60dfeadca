package io.ssfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ssfkit.testkit.conformance.TransmitterConformanceSuite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The proof that the conformance-parity suite can fail: it runs against the reference transmitter behind a
 * proxy that breaks three rules (a wrong {@code spec_version}, 200 instead of 404, no {@code WWW-Authenticate}
 * on 401), and exactly the tests of those rules fail while the rest still pass.
 */
class BrokenTransmitterConformanceTest {

  private static volatile URI proxyUrl = URI.create("http://localhost:1");

  private final HttpClient forward = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ExecutorService threads;
  private HttpServer proxy;
  private ReferenceTransmitter transmitter;

  /** The suite, pointed at the breaking proxy. Run only through the JUnit Platform by the test below. */
  static class BrokenSuite extends TransmitterConformanceSuite {
    @Override
    protected URI baseUrl() {
      return proxyUrl;
    }

    @Override
    protected String bearerToken() {
      return "conformance-a";
    }

    @Override
    protected String secondClientToken() {
      return "conformance-b";
    }

    @Override
    protected boolean requireHttps() {
      return false;
    }
  }

  @BeforeEach
  void start() throws Exception {
    threads = Executors.newFixedThreadPool(8);
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 50);
    proxy.setExecutor(threads);
    proxy.start();
    int port = proxy.getAddress().getPort();
    proxyUrl = URI.create("http://localhost:" + port);
    // The issuer (and so every endpoint in the metadata) is the proxy's URL.
    transmitter = ReferenceTransmitter.start(new String[] {"--dev", "--port", "0", "--issuer", proxyUrl.toString(),
        "--client", "conformance-a:client-a:org-a", "--client", "conformance-b:client-b:org-b"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.createContext("/", this::forwardBroken);
  }

  @AfterEach
  void stop() {
    proxy.stop(0);
    transmitter.close();
    threads.shutdownNow();
  }

  @Test
  void suiteWhenTransmitterBreaksThreeRulesThenExactlyTheirTestsFail() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenSuite.class)).execute()
        .testEvents();

    List<String> failed = events.failed().stream().map(BrokenTransmitterConformanceTest::method).toList();
    List<String> succeeded = events.succeeded().stream().map(BrokenTransmitterConformanceTest::method).toList();
    assertThat(failed).containsExactlyInAnyOrder(
        // spec_version
        "metadataWhenFetchedThenSpecVersionIs10",
        // 200 instead of 404 (the lifecycle test reads the stream after deleting it)
        "readWhenUnknownStreamThen404", "updateWhenUnknownStreamThen404", "replaceWhenUnknownStreamThen404",
        "deleteWhenUnknownStreamThen404", "statusWhenUnknownStreamThen404", "verifyWhenUnknownStreamThen404",
        "subjectWhenUnknownStreamThen404", "otherClientWhenTouchingTheStreamThenRefused",
        "streamWhenDrivenThroughItsLifecycleThenEveryStepAnswersAsSpecified",
        // 401 without WWW-Authenticate
        "createWhenInvalidTokenThen401", "createWhenNoTokenThen401", "readWhenInvalidTokenThen401",
        "updateWhenInvalidTokenThen401", "replaceWhenInvalidTokenThen401", "deleteWhenInvalidTokenThen401",
        "statusWhenInvalidTokenThen401", "pollWhenNoTokenThen401");
    assertThat(succeeded).contains(
        "metadataWhenFetchedThenIssuerIsConsistentWithTheUrl", "jwksWhenFetchedThenPublicKeysOnly",
        "createWhenBrokenJsonThen400", "subjectWhenAddedAndRemovedThen200And204",
        "verifyWhenPollStreamThenSignedVerificationSetIsOffered", "pollWhenAcknowledgeOnlyThenNoSetsAndAcknowledged",
        "verifyWhenPushStreamThenSignedVerificationSetArrivesWithState");
  }

  private static String method(Event event) {
    return event.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName()).orElseThrow();
  }

  /** Forwards to the transmitter, then breaks the answer. */
  private void forwardBroken(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      URI target = URI.create("http://127.0.0.1:" + transmitter.baseUrl().getPort()
          + exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(40))
          .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String name : Set.of("Authorization", "Content-Type", "Accept")) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          request.header(name, value);
        }
      }
      HttpResponse<String> response;
      try {
        response = forward.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int status = response.statusCode();
      String text = response.body().replace("\"spec_version\":\"1_0\"", "\"spec_version\":\"1_0-ID1\"");
      if (status == 404) {
        status = 200; // broken: an unknown stream looks found
        text = "{}";
      }
      String type = response.headers().firstValue("Content-Type").orElse(null);
      if (type != null) {
        exchange.getResponseHeaders().add("Content-Type", type);
      }
      // broken: no WWW-Authenticate challenge on 401
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }
}
