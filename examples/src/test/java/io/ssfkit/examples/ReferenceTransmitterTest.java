package io.ssfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.Publication;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.ReceiverSimulator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reference transmitter over real HTTP on loopback: the README's walk-through, as a test. */
class ReferenceTransmitterTest {

  private static final Pattern STREAM_ID = Pattern.compile("\"stream_id\":\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private ReferenceTransmitter transmitter;

  @BeforeEach
  void start() throws Exception {
    transmitter = ReferenceTransmitter.start(
        new String[] {"--port", "0", "--client", "token-a:client-a:org-1", "--client", "token-b:client-b:org-1"},
        new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    transmitter.close();
  }

  @Test
  void startWhenListeningThenPrintsTheListeningLine() {
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("ssfkit transmitter listening on " + transmitter.baseUrl());
    assertThat(transmitter.baseUrl().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("the README walk-through: discover, create, get, list, patch, put, status, subjects, delete")
  void walkThroughWhenDrivenOverHttpThenEveryOperationAnswersAsTheProductApiSays() throws Exception {
    Response metadata = send("GET", "/.well-known/ssf-configuration", null, null);
    assertThat(metadata.status).isEqualTo(200);
    assertThat(metadata.body).contains("\"spec_version\":\"1_0\"")
        .contains("\"configuration_endpoint\":\"http://localhost:" + transmitter.baseUrl().getPort());
    assertThat(send("GET", "/.well-known/v1/ssf-configuration", null, null).status).isEqualTo(200);

    Response created = send("POST", "/ssf/v1/streams", "token-a", """
        {"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"https://receiver.example.com/ssf/events",
                     "authorization_header":"Bearer receiver-secret"},
         "events_requested":["https://schemas.openid.net/secevent/caep/event-type/session-revoked"],
         "description":"Production event stream"}""");
    assertThat(created.status).isEqualTo(201);
    assertThat(created.body).doesNotContain("receiver-secret").contains("\"aud\":\"https://receiver.example.com\"");
    Matcher m = STREAM_ID.matcher(created.body);
    assertThat(m.find()).isTrue();
    String id = m.group(1);

    assertThat(send("GET", "/ssf/v1/streams?stream_id=" + id, "token-a", null).status).isEqualTo(200);
    Response list = send("GET", "/ssf/v1/streams", "token-a", null);
    assertThat(list.body).startsWith("[").contains(id);
    Response patched = send("PATCH", "/ssf/v1/streams", "token-a",
        "{\"stream_id\":\"" + id + "\",\"description\":\"Updated description\"}");
    assertThat(patched.status).isEqualTo(200);
    assertThat(patched.body).contains("\"description\":\"Updated description\"").contains("\"updatedAt\":");
    Response replaced = send("PUT", "/ssf/v1/streams", "token-a", "{\"stream_id\":\"" + id + "\",\"delivery\":"
        + "{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://receiver.example.com/ssf/events/v2\"}}");
    assertThat(replaced.status).isEqualTo(200);
    assertThat(replaced.body).contains("/ssf/events/v2").doesNotContain("\"description\"");
    Response paused = send("POST", "/ssf/v1/streams/status", "token-a",
        "{\"stream_id\":\"" + id + "\",\"status\":\"paused\",\"reason\":\"manually paused\"}");
    assertThat(paused.body).isEqualTo(
        "{\"stream_id\":\"" + id + "\",\"status\":\"paused\",\"reason\":\"manually paused\"}");
    assertThat(send("GET", "/ssf/v1/streams/status?stream_id=" + id, "token-a", null).body).contains("paused");
    String subject = "{\"stream_id\":\"" + id + "\",\"subject\":{\"format\":\"email\",\"email\":\"user@example.com\"}}";
    assertThat(send("POST", "/ssf/v1/streams/subjects/add", "token-a", subject).status).isEqualTo(200);
    assertThat(send("POST", "/ssf/v1/streams/subjects/remove", "token-a", subject).status).isEqualTo(204);
    assertThat(send("GET", "/ssf/v1/streams?stream_id=" + id, "token-b", null).status).isEqualTo(404);
    assertThat(send("GET", "/ssf/v1/streams", null, null).status).isEqualTo(401);
    Response deleted = send("DELETE", "/ssf/v1/streams?stream_id=" + id, "token-a", null);
    assertThat(deleted.status).isEqualTo(204);
    assertThat(deleted.body).isEmpty();
    assertThat(send("GET", "/ssf/v1/streams?stream_id=" + id, "token-a", null).status).isEqualTo(404);
  }

  @Test
  @DisplayName("STREAM-4 without --dev an http receiver URL is refused; with --dev it is accepted")
  void createWhenHttpReceiverThenRefusedUnlessDev() throws Exception {
    String body = "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"http://127.0.0.1:9/e\"}}";
    Response refused = send("POST", "/ssf/v1/streams", "token-a", body);
    assertThat(refused.status).isEqualTo(400);
    assertThat(refused.body).contains("delivery.endpoint_url");

    try (ReferenceTransmitter dev = ReferenceTransmitter.start(
        new String[] {"--port", "0", "--dev", "--client", "t:c:o"}, new PrintStream(new ByteArrayOutputStream(),
            true, StandardCharsets.UTF_8))) {
      HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(dev.baseUrl().resolve("/ssf/v1/streams"))
          .header("Authorization", "Bearer t").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("DISC-5 KEY-1 the transmitter signs: metadata links the JWKS, served without a token; --dev delivers a signed SET to a loopback receiver")
  void publishWhenDevAndLoopbackReceiverThenSignedSetArrives() throws Exception {
    Response metadata = send("GET", "/.well-known/ssf-configuration", null, null);
    assertThat(metadata.body).contains("\"jwks_uri\":\"http://localhost:" + transmitter.baseUrl().getPort()
        + "/ssf/v1/jwks\"").contains("\"verification_endpoint\"").contains("urn:ietf:rfc:8936");
    Response jwks = send("GET", "/ssf/v1/jwks", null, null);
    assertThat(jwks.status).isEqualTo(200);
    assertThat(jwks.body).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");

    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        ReferenceTransmitter dev = ReferenceTransmitter.start(new String[] {"--port", "0", "--dev", "--client",
            "t:c:o"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(dev.baseUrl().resolve("/ssf/v1/streams"))
          .header("Authorization", "Bearer t").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
              + "\"endpoint_url\":\"" + receiver.endpoint() + "\"},\"events_requested\":["
              + "\"https://schemas.openid.net/secevent/caep/event-type/session-revoked\"]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);

      dev.service().publish(Publication.of("o", SubjectIdentifier.email("user@example.com"),
          new CaepEvent.SessionRevoked(CaepCommon.NONE)));

      List<ReceiverSimulator.ReceivedRequest> received = receiver.awaitRequests(1, Duration.ofSeconds(10));
      assertThat(received).hasSize(1);
      assertThat(received.get(0).header("Content-Type")).contains("application/secevent+jwt");
      assertThat(received.get(0).bodyText().split("\\.")).hasSize(3);
    }
  }

  @Test
  void startWhenNoClientGivenThenTwoDemoClientsArePrinted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReferenceTransmitter demo = ReferenceTransmitter.start(
        new String[] {"--port", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      Matcher token = Pattern.compile("demo-client-1 \\(org demo-org\\): Authorization: Bearer (\\S+)").matcher(printed);
      assertThat(token.find()).isTrue();
      assertThat(printed).contains("demo-client-2");
      HttpResponse<String> list = http.send(HttpRequest.newBuilder(demo.baseUrl().resolve("/ssf/v1/streams"))
          .header("Authorization", "Bearer " + token.group(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body()).isEqualTo("[]");
    }
  }

  @Test
  void startWhenOptionsInvalidThenRefusedWithAClearMessage() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatIllegalArgumentException().isThrownBy(() -> ReferenceTransmitter.start(new String[] {"--bogus"}, out))
        .withMessageContaining("unknown option --bogus");
    assertThatIllegalArgumentException().isThrownBy(() -> ReferenceTransmitter.start(new String[] {"--port"}, out))
        .withMessageContaining("--port needs a value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReferenceTransmitter.start(new String[] {"--port", "70000"}, out))
        .withMessageContaining("0 to 65535");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReferenceTransmitter.start(new String[] {"--client", "only-token"}, out))
        .withMessageContaining("TOKEN:CLIENT_ID:ORG_ID");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReferenceTransmitter.start(
            new String[] {"--port", "0", "--issuer", "http://tr.example.com"}, out))
        .withMessageContaining("issuer");
  }

  private record Response(int status, String body) {}

  private Response send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(transmitter.baseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
