package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.STREAM_KEYS;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.assertStreamShape;
import static io.ssfkit.jackson.http.HttpAssertions.strings;
import static io.ssfkit.jackson.http.TestTransmitter.CREDENTIAL_CHANGE;
import static io.ssfkit.jackson.http.TestTransmitter.JSON;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PUT /ssf/v1/streams ({@code setStreamConfigurationV1}): 200 with updatedAt, 400, 404. */
class ReplaceStreamTest {

  private static final StreamOwner OWNER_A = new StreamOwner("org-1", "client-a");
  private static final String DELIVERY_V2 =
      "{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://receiver.example.com/ssf/events/v2\"}";

  private static SsfHttpResponse put(TestTransmitter t, String body) {
    return t.send("PUT", Paths.STREAMS, TOKEN_A, body);
  }

  private static JsonNode read(TestTransmitter t, String id) {
    return assertJson(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null), 200);
  }

  @Test
  @DisplayName("STREAM-11 PUT replaces every receiver property and answers 200 with the stream plus updatedAt")
  void putWhenCompleteBodyThenEverythingReplaced() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    t.clock.set(Instant.parse("2026-02-11T14:35:00Z"));

    JsonNode replaced = assertJson(put(t, "{\"stream_id\":\"" + id + "\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
        + "\"endpoint_url\":\"https://receiver.example.com/ssf/events/v2\",\"authorization_header\":\"Bearer new\"},"
        + "\"events_requested\":[\"" + CREDENTIAL_CHANGE + "\"],\"description\":\"Replaced\"}"), 200);

    assertStreamShape(replaced, STREAM_KEYS, true);
    assertThat(replaced.get("stream_id").asText()).isEqualTo(id);
    assertThat(replaced.at("/delivery/endpoint_url").asText()).isEqualTo("https://receiver.example.com/ssf/events/v2");
    assertThat(strings(replaced.get("events_requested"))).containsExactly(CREDENTIAL_CHANGE);
    assertThat(strings(replaced.get("events_delivered"))).containsExactly(CREDENTIAL_CHANGE);
    assertThat(replaced.get("description").asText()).isEqualTo("Replaced");
    assertThat(replaced.get("updatedAt").asText()).isEqualTo("2026-02-11T14:35:00Z");
    assertThat(t.store.find(OWNER_A, StreamId.of(id)).orElseThrow().delivery().authorizationHeader())
        .isEqualTo("Bearer new");
    ObjectNode withoutUpdatedAt = replaced.deepCopy();
    withoutUpdatedAt.remove("updatedAt");
    assertThat(read(t, id)).isEqualTo(withoutUpdatedAt);
  }

  @Test
  @DisplayName("STREAM-11 PUT without description removes it; GET confirms")
  void putWhenDescriptionMissingThenRemoved() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode replaced = assertJson(put(t, "{\"stream_id\":\"" + id + "\",\"delivery\":" + DELIVERY_V2
        + ",\"events_requested\":[\"" + CREDENTIAL_CHANGE + "\"]}"), 200);

    assertThat(replaced.has("description")).isFalse();
    assertThat(read(t, id).has("description")).isFalse();
  }

  @Test
  @DisplayName("STREAM-11 PUT without events_requested leaves events_requested and events_delivered empty")
  void putWhenEventsRequestedMissingThenNothingDelivered() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode replaced = assertJson(put(t, "{\"stream_id\":\"" + id + "\",\"delivery\":" + DELIVERY_V2 + "}"), 200);

    assertThat(strings(replaced.get("events_requested"))).isEmpty();
    assertThat(strings(replaced.get("events_delivered"))).isEmpty();
    assertThat(strings(read(t, id).get("events_delivered"))).isEmpty();
  }

  @Test
  @DisplayName("STREAM-11 PUT without authorization_header removes the stored one")
  void putWhenAuthorizationHeaderMissingThenRemoved() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertJson(put(t, "{\"stream_id\":\"" + id + "\",\"delivery\":" + DELIVERY_V2 + "}"), 200);

    assertThat(t.store.find(OWNER_A, StreamId.of(id)).orElseThrow().delivery().authorizationHeader()).isNull();
  }

  @Test
  @DisplayName("CFG-2 PUT to an endpoint at another origin does not change aud")
  void putWhenEndpointAtOtherOriginThenAudUnchanged() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode replaced = assertJson(put(t, "{\"stream_id\":\"" + id + "\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
        + "\"endpoint_url\":\"https://other-receiver.example.com/events\"}}"), 200);

    assertThat(replaced.get("aud").asText()).isEqualTo("https://receiver.example.com");
  }

  @Test
  @DisplayName("STREAM-10 PUT echoing the current configuration with unchanged T properties is accepted")
  void putWhenCurrentConfigurationEchoedThenAccepted() {
    TestTransmitter t = TestTransmitter.create(b -> b.inactivityTimeout(Duration.ofHours(1)));
    String id = t.createPushStream(TOKEN_A);
    ObjectNode echo = read(t, id).deepCopy();

    JsonNode replaced = assertJson(put(t, echo.toString()), 200);

    ObjectNode withoutUpdatedAt = replaced.deepCopy();
    withoutUpdatedAt.remove("updatedAt");
    assertThat(withoutUpdatedAt).isEqualTo(echo);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "iss|\"https://evil.example.com\"",
      "aud|\"https://evil.example.com\"",
      "events_supported|[]",
      "events_delivered|[]",
      "inactivity_timeout|7200",
      "min_verification_interval|0",
  })
  @DisplayName("STREAM-10 PUT with a changed transmitter property is 400 naming it; nothing changes")
  void putWhenTransmitterPropertyChangedThenBadRequest(String field, String value) throws Exception {
    TestTransmitter t = TestTransmitter.create(b -> b
        .inactivityTimeout(Duration.ofHours(1))
        .minVerificationInterval(Duration.ofMinutes(5)));
    String id = t.createPushStream(TOKEN_A);
    JsonNode before = read(t, id);
    ObjectNode body = before.deepCopy();
    body.set(field, JSON.readTree(value));

    assertBadRequest(put(t, body.toString()), field);

    assertThat(read(t, id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"stream_id\":\"ID\"}|delivery",
      "{\"stream_id\":\"ID\",\"delivery\":null,\"description\":\"x\"}|delivery",
      "{\"delivery\":" + "{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"}" + "}|stream_id",
      "{\"stream_id\":\"ID\",\"delivery\":{\"endpoint_url\":\"https://r.example.com/e\"}}|delivery.method",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:x:unknown\",\"endpoint_url\":\"https://r.example.com/e\"}}|delivery.method",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\"}}|delivery.endpoint_url",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"http://r.example.com/e\"}}|delivery.endpoint_url",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"},\"description\":[]}|description",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"},\"events_requested\":{}}|events_requested",
  })
  @DisplayName("STREAM-11 / 0.1 a missing delivery or stream_id, a wrong type or an invalid value is 400 naming the field")
  void putWhenFieldInvalidThenBadRequestNamingIt(String template, String field) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    JsonNode before = read(t, id);

    assertBadRequest(put(t, template.replace("\"ID\"", "\"" + id + "\"")), field);

    assertThat(read(t, id)).isEqualTo(before);
  }

  @Test
  @DisplayName("STREAM-11 missing stream_id and missing delivery are both named in one response")
  void putWhenStreamIdAndDeliveryMissingThenBothReported() {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(put(t, "{\"description\":\"x\"}"), "stream_id", "delivery");
  }

  @Test
  @DisplayName("18.1 a query stream_id that differs from the body is 400 naming stream_id")
  void putWhenQueryStreamIdDiffersFromBodyThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(t.send("PUT", Paths.STREAMS + "?stream_id=other", TOKEN_A,
        "{\"stream_id\":\"" + id + "\",\"delivery\":" + DELIVERY_V2 + "}"), "stream_id");
  }

  @Test
  @DisplayName("STREAM-11 an unknown stream is 404")
  void putWhenStreamUnknownThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertNotFound(put(t, "{\"stream_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"delivery\":" + DELIVERY_V2 + "}"));
  }

  @Test
  @DisplayName("STREAM-11 the response has exactly the Streamconfigresponse members plus updatedAt")
  void putWhenMinimalBodyThenResponseShape() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode replaced = assertJson(put(t, "{\"stream_id\":\"" + id + "\",\"delivery\":" + DELIVERY_V2 + "}"), 200);

    Set<String> keys = new java.util.HashSet<>(STREAM_KEYS);
    keys.remove("description");
    assertStreamShape(replaced, keys, true);
  }
}
