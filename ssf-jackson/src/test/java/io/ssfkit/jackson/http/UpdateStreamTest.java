package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.STREAM_KEYS;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.assertStreamShape;
import static io.ssfkit.jackson.http.HttpAssertions.strings;
import static io.ssfkit.jackson.http.TestTransmitter.CREDENTIAL_CHANGE;
import static io.ssfkit.jackson.http.TestTransmitter.JSON;
import static io.ssfkit.jackson.http.TestTransmitter.SESSION_REVOKED;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PATCH /ssf/v1/streams ({@code updateStreamConfigurationV1}): 200 with updatedAt, 400, 404. */
class UpdateStreamTest {

  private static final StreamOwner OWNER_A = new StreamOwner("org-1", "client-a");

  private static SsfHttpResponse patch(TestTransmitter t, String body) {
    return t.send("PATCH", Paths.STREAMS, TOKEN_A, body);
  }

  private static JsonNode read(TestTransmitter t, String id) {
    return assertJson(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null), 200);
  }

  private static StreamConfiguration stored(TestTransmitter t, String id) {
    return t.store.find(OWNER_A, StreamId.of(id)).orElseThrow();
  }

  @Test
  @DisplayName("STREAM-9 PATCH with description only changes it and keeps delivery and events; 200 with the whole stream")
  void patchWhenOnlyDescriptionThenOnlyDescriptionChanges() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    JsonNode before = read(t, id);

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"description\":\"Updated description\"}"), 200);

    assertStreamShape(updated, STREAM_KEYS, true);
    ObjectNode expected = before.deepCopy();
    expected.put("description", "Updated description");
    ObjectNode withoutUpdatedAt = updated.deepCopy();
    withoutUpdatedAt.remove("updatedAt");
    assertThat(withoutUpdatedAt).isEqualTo(expected);
    assertThat(read(t, id)).isEqualTo(expected);
    assertThat(stored(t, id).delivery().authorizationHeader()).isEqualTo("Bearer receiver-secret");
  }

  @Test
  @DisplayName("2.9 updatedAt is a camelCase ISO-8601 instant taken from the injected clock")
  void patchWhenClockAdvancedThenUpdatedAtIsClockTime() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    t.clock.set(Instant.parse("2026-02-11T14:30:00Z"));

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"description\":\"x\"}"), 200);

    assertThat(updated.get("updatedAt").isTextual()).isTrue();
    assertThat(updated.get("updatedAt").asText()).isEqualTo("2026-02-11T14:30:00Z");
    assertThat(updated.has("updated_at")).isFalse();

    t.clock.advance(Duration.ofMillis(1250));
    JsonNode again = assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"description\":\"y\"}"), 200);
    assertThat(Instant.parse(again.get("updatedAt").asText())).isEqualTo(Instant.parse("2026-02-11T14:30:01.250Z"));
  }

  @Test
  @DisplayName("CFG-4 PATCH events_requested recomputes events_delivered; unknown types are ignored")
  void patchWhenEventsRequestedThenDeliveredRecomputed() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"events_requested\":[\""
        + CREDENTIAL_CHANGE + "\",\"urn:x:unknown\"]}"), 200);

    assertThat(strings(updated.get("events_requested"))).containsExactly(CREDENTIAL_CHANGE, "urn:x:unknown");
    assertThat(strings(updated.get("events_delivered"))).containsExactly(CREDENTIAL_CHANGE);
    assertThat(updated.get("description").asText()).isEqualTo("Production event stream");
  }

  @Test
  @DisplayName("STREAM-12 PATCH events_requested [] is accepted and delivers nothing")
  void patchWhenEventsRequestedEmptyThenDeliveredEmpty() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"events_requested\":[]}"), 200);

    assertThat(strings(updated.get("events_requested"))).isEmpty();
    assertThat(strings(updated.get("events_delivered"))).isEmpty();
  }

  @Test
  @DisplayName("STREAM-14 / CFG-2 PATCH delivery.endpoint_url changes the endpoint only; method, header and aud stay")
  void patchWhenEndpointChangedThenOnlyEndpointChanges() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id
        + "\",\"delivery\":{\"endpoint_url\":\"https://other-receiver.example.com/ssf/events/v2\"}}"), 200);

    assertThat(updated.at("/delivery/endpoint_url").asText()).isEqualTo("https://other-receiver.example.com/ssf/events/v2");
    assertThat(updated.at("/delivery/method").asText()).isEqualTo("urn:ietf:rfc:8935");
    assertThat(updated.get("aud").asText()).isEqualTo("https://receiver.example.com");
    assertThat(stored(t, id).delivery().authorizationHeader()).isEqualTo("Bearer receiver-secret");
  }

  @Test
  @DisplayName("0.1 PATCH authorization_header with a value replaces it; it is never returned")
  void patchWhenAuthorizationHeaderGivenThenReplacedAndNotReturned() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    SsfHttpResponse response = patch(t, "{\"stream_id\":\"" + id
        + "\",\"delivery\":{\"authorization_header\":\"Bearer rotated-secret\"}}");

    assertStreamShape(assertJson(response, 200), STREAM_KEYS, true);
    assertThat(response.bodyAsString()).doesNotContain("rotated-secret");
    assertThat(stored(t, id).delivery().authorizationHeader()).isEqualTo("Bearer rotated-secret");
    assertThat(read(t, id).toString()).doesNotContain("rotated-secret").doesNotContain("authorization_header");
  }

  @Test
  @DisplayName("2.7 PATCH authorization_header \"\" removes it")
  void patchWhenAuthorizationHeaderEmptyThenRemoved() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"delivery\":{\"authorization_header\":\"\"}}"), 200);

    assertThat(stored(t, id).delivery().authorizationHeader()).isNull();
    assertThat(stored(t, id).delivery().endpointUrl().toString()).isEqualTo("https://receiver.example.com/ssf/events");
  }

  @Test
  @DisplayName("STREAM-10 echoing the current configuration (all T properties unchanged) is accepted")
  void patchWhenCurrentConfigurationEchoedThenAccepted() {
    TestTransmitter t = TestTransmitter.create(b -> b
        .inactivityTimeout(Duration.ofHours(1))
        .minVerificationInterval(Duration.ofMinutes(5)));
    String id = t.createPushStream(TOKEN_A);
    ObjectNode echo = read(t, id).deepCopy();
    echo.put("description", "echoed");

    JsonNode updated = assertJson(patch(t, echo.toString()), 200);

    assertThat(updated.get("description").asText()).isEqualTo("echoed");
    assertThat(updated.get("inactivity_timeout").asInt()).isEqualTo(3600);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "iss|\"https://evil.example.com\"",
      "aud|\"https://evil.example.com\"",
      "events_supported|[\"urn:x:other\"]",
      "events_delivered|[\"" + "https://schemas.openid.net/secevent/caep/event-type/credential-change" + "\"]",
      "inactivity_timeout|60",
      "min_verification_interval|1",
  })
  @DisplayName("STREAM-10 a changed transmitter property is 400 naming it; nothing changes")
  void patchWhenTransmitterPropertyChangedThenBadRequest(String field, String value) throws Exception {
    TestTransmitter t = TestTransmitter.create(b -> b
        .inactivityTimeout(Duration.ofHours(1))
        .minVerificationInterval(Duration.ofMinutes(5)));
    String id = t.createPushStream(TOKEN_A);
    JsonNode before = read(t, id);
    ObjectNode body = JSON.createObjectNode().put("stream_id", id).put("description", "changed");
    body.set(field, JSON.readTree(value));

    assertBadRequest(patch(t, body.toString()), field);

    assertThat(read(t, id)).isEqualTo(before);
  }

  @Test
  @DisplayName("STREAM-10 a present events_delivered is compared with the value before the update")
  void patchWhenEventsDeliveredEchoedWithNewRequestThenComparedWithPreviousValue() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id + "\",\"events_requested\":[\""
        + CREDENTIAL_CHANGE + "\"],\"events_delivered\":[\"" + SESSION_REVOKED + "\"]}"), 200);
    assertThat(strings(updated.get("events_delivered"))).containsExactly(CREDENTIAL_CHANGE);

    assertBadRequest(patch(t, "{\"stream_id\":\"" + id + "\",\"events_requested\":[\"" + SESSION_REVOKED
        + "\"],\"events_delivered\":[\"" + SESSION_REVOKED + "\"]}"), "events_delivered");
  }

  @Test
  @DisplayName("STREAM-10 every changed transmitter property is named in one response")
  void patchWhenSeveralFieldsInvalidThenAllReportedAtOnce() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(patch(t, "{\"stream_id\":\"" + id + "\",\"iss\":\"https://x.example.com\","
            + "\"aud\":\"https://x.example.com\",\"delivery\":{\"endpoint_url\":\"http://x.example.com/e\"}}"),
        "iss", "aud", "delivery.endpoint_url");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"description\":\"no id\"}|stream_id",
      "{\"stream_id\":null,\"description\":\"no id\"}|stream_id",
      "{\"stream_id\":5}|stream_id",
      "{\"stream_id\":\"a/b\"}|stream_id",
      "{\"stream_id\":\"ID\",\"description\":5}|description",
      "{\"stream_id\":\"ID\",\"events_requested\":\"x\"}|events_requested",
      "{\"stream_id\":\"ID\",\"events_requested\":[\"\"]}|events_requested[0]",
      "{\"stream_id\":\"ID\",\"delivery\":\"x\"}|delivery",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:x:unknown\"}}|delivery.method",
      "{\"stream_id\":\"ID\",\"delivery\":{\"method\":\"urn:ietf:rfc:8936\"}}|delivery.method",
      "{\"stream_id\":\"ID\",\"delivery\":{\"endpoint_url\":\"http://receiver.example.com/e\"}}|delivery.endpoint_url",
      "{\"stream_id\":\"ID\",\"delivery\":{\"endpoint_url\":\"\"}}|delivery.endpoint_url",
      "{\"stream_id\":\"ID\",\"delivery\":{\"authorization_header\":\" \"}}|delivery.authorization_header",
  })
  @DisplayName("STREAM-9 / ERR-3 a missing stream_id, a wrong type or an invalid value is 400 naming the field")
  void patchWhenFieldInvalidThenBadRequestNamingIt(String template, String field) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    JsonNode before = read(t, id);

    assertBadRequest(patch(t, template.replace("\"ID\"", "\"" + id + "\"")), field);

    assertThat(read(t, id)).isEqualTo(before);
  }

  @Test
  @DisplayName("18.1 stream_id only in the query (not in the body) is 400 naming stream_id")
  void patchWhenStreamIdOnlyInQueryThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(t.send("PATCH", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, "{\"description\":\"x\"}"),
        "stream_id");
  }

  @Test
  @DisplayName("18.1 a query stream_id that differs from the body is 400; an equal one is accepted")
  void patchWhenQueryStreamIdDiffersFromBodyThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    String body = "{\"stream_id\":\"" + id + "\",\"description\":\"x\"}";

    assertBadRequest(t.send("PATCH", Paths.STREAMS + "?stream_id=other", TOKEN_A, body), "stream_id");
    assertJson(t.send("PATCH", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, body), 200);
  }

  @Test
  @DisplayName("STREAM-9 an unknown stream is 404")
  void patchWhenStreamUnknownThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertNotFound(patch(t, "{\"stream_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"description\":\"x\"}"));
  }

  @Test
  @DisplayName("STREAM-9 a deleted stream is 404")
  void patchWhenStreamDeletedThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertThat(t.send("DELETE", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null).status()).isEqualTo(204);

    assertNotFound(patch(t, "{\"stream_id\":\"" + id + "\",\"description\":\"x\"}"));
  }

  @Test
  @DisplayName("STREAM-9 response members: the Streamconfigresponse plus updatedAt, with configured timeouts")
  void patchWhenTimeoutsConfiguredThenResponseHasThemAndUpdatedAt() {
    TestTransmitter t = TestTransmitter.create(b -> b.inactivityTimeout(Duration.ofHours(1)));
    String id = t.createPushStream(TOKEN_A);

    JsonNode updated = assertJson(patch(t, "{\"stream_id\":\"" + id + "\"}"), 200);

    Set<String> keys = new HashSet<>(STREAM_KEYS);
    keys.addAll(List.of("inactivity_timeout"));
    assertStreamShape(updated, keys, true);
  }
}
