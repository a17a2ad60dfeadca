package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.keys;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET and POST /ssf/v1/streams/status ({@code getStreamStatusV1}, {@code updateStreamStatusV1}): 200, 400, 404. */
class StreamStatusTest {

  private static final String UNKNOWN_ID = "550e8400-e29b-41d4-a716-446655440000";

  private static SsfHttpResponse getStatus(TestTransmitter t, String query) {
    return t.send("GET", Paths.STATUS + query, TOKEN_A, null);
  }

  private static SsfHttpResponse postStatus(TestTransmitter t, String body) {
    return t.send("POST", Paths.STATUS, TOKEN_A, body);
  }

  /** 3.1 Streamstatusresponse: stream_id and status strings, reason an optional string, nothing else. */
  private static JsonNode assertStatusShape(JsonNode status, String id, String expectedStatus) {
    assertThat(keys(status)).contains("stream_id", "status").isSubsetOf("stream_id", "status", "reason");
    assertThat(status.get("stream_id").asText()).isEqualTo(id);
    assertThat(status.get("status").isTextual()).isTrue();
    assertThat(status.get("status").asText()).isEqualTo(expectedStatus);
    if (status.has("reason")) {
      assertThat(status.get("reason").isTextual()).as("reason is a string").isTrue();
    }
    return status;
  }

  @Test
  @DisplayName("STATUS-1 / STREAM-6 GET status of a new stream answers 200 {stream_id, status: enabled}")
  void getStatusWhenNewStreamThenEnabled() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode status = assertStatusShape(assertJson(getStatus(t, "?stream_id=" + id), 200), id, "enabled");

    assertThat(status.path("reason").asText("")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"paused", "disabled", "enabled"})
  @DisplayName("STATUS-2 / STATUS-3 POST each status with a reason answers 200 echoing it; GET then shows it")
  void postStatusWhenValidThenEchoedAndVisibleOnGet(String value) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode updated = assertJson(postStatus(t, "{\"stream_id\":\"" + id + "\",\"status\":\"" + value
        + "\",\"reason\":\"manually " + value + "\"}"), 200);

    assertStatusShape(updated, id, value);
    assertThat(updated.get("reason").asText()).isEqualTo("manually " + value);
    JsonNode read = assertStatusShape(assertJson(getStatus(t, "?stream_id=" + id), 200), id, value);
    assertThat(read).isEqualTo(updated);
  }

  @Test
  @DisplayName("STATUS-2 a status change without a reason drops the previous reason (it would no longer explain the state)")
  void postStatusWhenNoReasonThenPreviousReasonGone() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertJson(postStatus(t, "{\"stream_id\":\"" + id + "\",\"status\":\"paused\",\"reason\":\"maintenance\"}"), 200);

    JsonNode updated = assertJson(postStatus(t, "{\"stream_id\":\"" + id + "\",\"status\":\"enabled\"}"), 200);

    assertStatusShape(updated, id, "enabled");
    assertThat(updated.path("reason").asText("")).isEmpty();
  }

  @Test
  @DisplayName("STATUS-3 a status change does not touch the stream configuration")
  void postStatusWhenChangedThenConfigurationUnchanged() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    JsonNode before = assertJson(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null), 200);

    assertJson(postStatus(t, "{\"stream_id\":\"" + id + "\",\"status\":\"disabled\"}"), 200);

    assertThat(assertJson(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null), 200)).isEqualTo(before);
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(strings = {"\"active\"", "\"Enabled\"", "\"PAUSED\"", "\"\"", "5", "true", "null", "[\"enabled\"]",
      "{\"value\":\"enabled\"}"})
  @DisplayName("18.3 / STATUS-2 / ERR-3 a status other than enabled, paused, disabled is 400 naming status")
  void postStatusWhenStatusInvalidThenBadRequest(String value) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(postStatus(t, "{\"stream_id\":\"" + id + "\",\"status\":" + value + "}"), "status");

    assertStatusShape(assertJson(getStatus(t, "?stream_id=" + id), 200), id, "enabled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"stream_id\":\"ID\"}|status",
      "{\"status\":\"paused\"}|stream_id",
      "{\"stream_id\":7,\"status\":\"paused\"}|stream_id",
      "{\"stream_id\":\"ID\",\"status\":\"paused\",\"reason\":5}|reason",
  })
  @DisplayName("STATUS-3 a missing stream_id or status, or a wrong type, is 400 naming the field")
  void postStatusWhenFieldInvalidThenBadRequest(String template, String field) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(postStatus(t, template.replace("\"ID\"", "\"" + id + "\"")), field);
  }

  @Test
  @DisplayName("STATUS-3 a body missing both stream_id and status names both in one response")
  void postStatusWhenEmptyBodyThenBothFieldsReported() {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(postStatus(t, "{}"), "stream_id", "status");
  }

  @Test
  @DisplayName("18.1 a query stream_id that differs from the body is 400 naming stream_id")
  void postStatusWhenQueryStreamIdDiffersThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(t.send("POST", Paths.STATUS + "?stream_id=other", TOKEN_A,
        "{\"stream_id\":\"" + id + "\",\"status\":\"paused\"}"), "stream_id");
  }

  @ParameterizedTest(name = "query \"{0}\"")
  @ValueSource(strings = {"", "?stream_id=", "?stream_id=a%2Fb"})
  @DisplayName("STATUS-1 / 18.25 GET status without a (valid) stream_id is 400 naming stream_id")
  void getStatusWhenStreamIdMissingThenBadRequest(String query) {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertBadRequest(getStatus(t, query), "stream_id");
  }

  @Test
  @DisplayName("STATUS-1 GET status of an unknown stream is 404")
  void getStatusWhenStreamUnknownThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertNotFound(getStatus(t, "?stream_id=" + UNKNOWN_ID));
  }

  @Test
  @DisplayName("STATUS-3 POST status of an unknown stream is 404")
  void postStatusWhenStreamUnknownThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertNotFound(postStatus(t, "{\"stream_id\":\"" + UNKNOWN_ID + "\",\"status\":\"paused\"}"));
  }
}
