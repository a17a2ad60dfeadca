package io.ssfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference transmitter's rule engine: the demo, the development endpoints and --rules. */
class RevocationRulesTest {

  private static final String INACTIVE = "{\"identity\":{\"id\":\"id-1\",\"name\":\"Ann\",\"type\":\"IDENTITY\"},"
      + "\"changes\":[{\"attribute\":\"cloudLifecycleState\",\"oldValue\":\"active\",\"newValue\":\"inactive\"}]}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @ParameterizedTest(name = "--server {0}")
  @ValueSource(strings = {"jdk", "javalin"})
  @DisplayName("--demo tells the whole story and ends with a verified session-revoked SET, on either server")
  void demoWhenRunThenSetArrivesAndVerifies(String server) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = Demo.run(new String[] {"--demo", "--server", server},
        new PrintStream(out, true, StandardCharsets.UTF_8));

    String story = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).isZero();
    assertThat(story).contains("POST /ssf/v1/streams -> 201")
        .contains("\"matchedRules\" : [ \"lifecycle-inactive-or-terminated\" ]")
        .contains("https://schemas.openid.net/secevent/caep/event-type/session-revoked")
        .contains("\"format\" : \"email\"", "ann.smith@example.com")
        .contains("The signature verifies against GET /ssf/v1/jwks");
  }

  @ParameterizedTest(name = "--server {0}")
  @ValueSource(strings = {"jdk", "javalin"})
  @DisplayName("--dev serves /demo/identity-events/explain: which rules match and why a stream would not receive")
  void explainWhenDevThenRulesAndStreamsExplained(String server) throws Exception {
    try (ReferenceTransmitter t = ReferenceTransmitter.start(
        new String[] {"--port", "0", "--dev", "--client", "t:c:o", "--server", server}, quiet)) {
      HttpResponse<String> explanation = post(t, "/demo/identity-events/explain", INACTIVE);

      assertThat(explanation.statusCode()).isEqualTo(200);
      assertThat(explanation.body()).contains("lifecycle-inactive-or-terminated").contains("MATCHED");
      HttpResponse<String> broken = post(t, "/demo/identity-events", "{\"changes\":[]}");
      assertThat(broken.statusCode()).isEqualTo(400);
      assertThat(broken.body()).contains("identity");
      HttpResponse<String> get = http.send(HttpRequest.newBuilder(t.baseUrl().resolve("/demo/identity-events"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).contains("POST");
      assertThat(post(t, "/demo/identity-events/other", INACTIVE).statusCode()).as("no such endpoint")
          .isEqualTo(404);
    }
  }

  @Test
  void identityEventsWhenNotDevThenNotServed() throws Exception {
    try (ReferenceTransmitter t = ReferenceTransmitter.start(new String[] {"--port", "0", "--client", "t:c:o"}, quiet)) {
      assertThat(post(t, "/demo/identity-events", INACTIVE).statusCode()).isEqualTo(404);
    }
  }

  @Test
  @DisplayName("--rules loads a rule set; a change the rules do not cover publishes nothing")
  void rulesWhenFileGivenThenItReplacesTheDefault(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\"rules\":[{\"name\":\"contractors-only\",\"when\":{\"all\":[{\"profileIn\":"
        + "[\"Contractors\"]},{\"lifecycleEntered\":[\"inactive\"]}]},\"emit\":[{\"event\":\"session-revoked\"}]}]}");
    try (ReferenceTransmitter t = ReferenceTransmitter.start(
        new String[] {"--port", "0", "--dev", "--client", "t:c:o", "--rules", rules.toString()}, quiet)) {
      HttpResponse<String> outcome = post(t, "/demo/identity-events", INACTIVE);

      assertThat(outcome.statusCode()).isEqualTo(200);
      assertThat(outcome.body()).contains("\"matchedRules\":[]").contains("\"published\":[]");
    }
  }

  @ParameterizedTest(name = "--server {0}")
  @ValueSource(strings = {"jdk", "javalin"})
  @DisplayName("--dev serves PUT /demo/rules: the rule set is replaced at once, and an invalid one is refused "
      + "naming the field and changes nothing")
  void putRulesWhenDevThenReplacedAtomically(String server) throws Exception {
    try (ReferenceTransmitter t = ReferenceTransmitter.start(
        new String[] {"--port", "0", "--dev", "--client", "t:c:o", "--server", server}, quiet)) {
      HttpResponse<String> invalid = put(t, "{\"rules\":[{\"name\":\"r\",\"when\":{\"lifecycleEntered\":[]},"
          + "\"emit\":[{\"event\":\"session-revoked\"}]}]}");
      assertThat(invalid.statusCode()).isEqualTo(400);
      assertThat(invalid.body()).contains("rules[0].when.lifecycleEntered");
      assertThat(post(t, "/demo/identity-events/explain", INACTIVE).body()).as("the default rules still apply")
          .contains("lifecycle-inactive-or-terminated");

      HttpResponse<String> replaced = put(t, "{\"rules\":[{\"name\":\"contractors-only\",\"when\":{\"all\":"
          + "[{\"profileIn\":[\"Contractors\"]},{\"lifecycleEntered\":[\"inactive\"]}]},"
          + "\"emit\":[{\"event\":\"session-revoked\"}]}]}");

      assertThat(replaced.statusCode()).isEqualTo(200);
      assertThat(replaced.body()).isEqualTo(
          "{\"rules\":[\"contractors-only\"],\"replaced\":[\"lifecycle-inactive-or-terminated\"]}");
      HttpResponse<String> outcome = post(t, "/demo/identity-events", INACTIVE);
      assertThat(outcome.body()).contains("\"matchedRules\":[]").contains("\"published\":[]");
      assertThat(post(t, "/demo/rules", "{}").statusCode()).as("PUT only").isEqualTo(405);
    }
  }

  @Test
  void rulesWhenFileInvalidThenRefusedNamingTheField(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\"rules\":[{\"name\":\"r\",\"when\":{\"lifecycleEntered\":[]},"
        + "\"emit\":[{\"event\":\"session-revoked\"}]}]}");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReferenceTransmitter.start(
            new String[] {"--port", "0", "--rules", rules.toString()}, quiet))
        .withMessageContaining("lifecycleEntered");
  }

  private HttpResponse<String> put(ReferenceTransmitter t, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(t.baseUrl().resolve("/demo/rules")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(ReferenceTransmitter t, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(t.baseUrl().resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
