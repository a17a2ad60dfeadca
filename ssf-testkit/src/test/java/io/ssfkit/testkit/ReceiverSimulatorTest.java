package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import io.ssfkit.testkit.ReceiverSimulator.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator, driven by the JDK client over loopback. */
class ReceiverSimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .version(HttpClient.Version.HTTP_1_1).build();
  private final ReceiverSimulator receiver = ReceiverSimulator.start();

  @AfterEach
  void close() {
    receiver.close();
  }

  private CompletableFuture<HttpResponse<String>> post(String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(receiver.endpoint()).timeout(WAIT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void endpointWhenStartedThenLoopbackEventsPath() {
    assertThat(receiver.endpoint().getScheme()).isEqualTo("http");
    assertThat(receiver.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(receiver.endpoint().getPath()).isEqualTo("/events");
    assertThat(receiver.endpoint().getPort()).isEqualTo(receiver.address().getPort()).isPositive();
  }

  @Test
  void requestWhenNothingScriptedThen202AndRecorded() throws Exception {
    HttpResponse<String> response = get(post("a.b.c", "Authorization", "Bearer x", "X-Two", "1", "X-Two", "2"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
    ReceivedRequest request = receiver.awaitRequests(1, WAIT).get(0);
    assertThat(request.number()).isEqualTo(1);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri().getPath()).isEqualTo("/events");
    assertThat(request.bodyText()).isEqualTo("a.b.c");
    assertThat(request.header("authorization")).contains("Bearer x");
    assertThat(request.headerValues("x-two")).containsExactly("1", "2");
    assertThat(request.header("X-Missing")).isEmpty();
    assertThat(request.toString()).doesNotContain("Bearer x");
  }

  @Test
  void requestWhenScriptedThenResponsesInOrder() throws Exception {
    receiver.script(Response.error("invalid_audience", "aud \"x\" unknown"),
        Response.of(429).withHeader("Retry-After", "7"));

    HttpResponse<String> first = get(post("1"));
    HttpResponse<String> second = get(post("2"));
    HttpResponse<String> third = get(post("3"));

    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(first.body()).isEqualTo("{\"err\":\"invalid_audience\",\"description\":\"aud \\\"x\\\" unknown\"}");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).contains("7");
    assertThat(third.statusCode()).isEqualTo(202);
    assertThat(receiver.requests()).extracting(ReceivedRequest::bodyText).containsExactly("1", "2", "3");
  }

  @Test
  void requestWhenDelayedThenAnsweredAfterDelay() throws Exception {
    receiver.script(Response.accepted().withDelay(Duration.ofMillis(200)));
    long start = System.nanoTime();

    HttpResponse<String> response = get(post("x"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void requestWhenDroppedThenClientSeesIoErrorAndRequestIsRecorded() throws Exception {
    receiver.script(Response.drop());

    assertThatThrownBy(() -> get(post("x"))).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void awaitRequestsWhenTooFewThenReturnsWhatArrivedAfterTimeout() throws Exception {
    get(post("only"));

    List<ReceivedRequest> requests = receiver.awaitRequests(2, Duration.ofMillis(100));

    assertThat(requests).hasSize(1);
  }

  @Test
  void receivedRequestWhenBodyChangedByCallerThenLedgerUnchanged() throws Exception {
    get(post("abc"));
    ReceivedRequest request = receiver.requests().get(0);

    request.body()[0] = 'X';

    assertThat(request.bodyText()).isEqualTo("abc");
    assertThat(request).isEqualTo(receiver.requests().get(0));
  }

  @Test
  void closeWhenCalledThenConnectionsRefused() throws Exception {
    URI endpoint = receiver.endpoint();
    receiver.close();

    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(WAIT)
        .POST(HttpRequest.BodyPublishers.ofString("x")).build();
    assertThatThrownBy(() -> get(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void responseWhenInvalidArgumentsThenIllegalArgument() {
    assertThatThrownBy(() -> Response.of(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Response.accepted().withDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
