package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.STREAM_KEYS;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.assertStreamShape;
import static io.ssfkit.jackson.http.TestTransmitter.CREATE_BODY;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.spi.StreamQuota;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /ssf/v1/streams ({@code getStreamV1}): 200 object or array, 400, 404 (the rest cross-cutting). */
class GetStreamTest {

  private static SsfHttpResponse get(TestTransmitter t, String query) {
    return t.send("GET", Paths.STREAMS + query, TOKEN_A, null);
  }

  private static String createAt(TestTransmitter t, String endpoint) {
    SsfHttpResponse response = t.send("POST", Paths.STREAMS, TOKEN_A,
        "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"" + endpoint + "\"}}");
    return assertJson(response, 201).get("stream_id").asText();
  }

  @Test
  @DisplayName("STREAM-7 GET with stream_id answers 200 with that stream as an object, equal to the create response")
  void getWhenStreamIdGivenThenSingleObject() {
    TestTransmitter t = TestTransmitter.create();
    JsonNode created = assertJson(t.send("POST", Paths.STREAMS, TOKEN_A, CREATE_BODY), 201);
    String id = created.get("stream_id").asText();

    JsonNode stream = assertJson(get(t, "?stream_id=" + id), 200);

    assertThat(stream.isObject()).isTrue();
    assertStreamShape(stream, STREAM_KEYS, false);
    assertThat(stream).isEqualTo(created);
  }

  @Test
  @DisplayName("STREAM-8 GET without stream_id answers an array: [] with no stream")
  void listWhenNoStreamThenEmptyArray() {
    TestTransmitter t = TestTransmitter.create();

    JsonNode list = assertJson(get(t, ""), 200);

    assertThat(list.isArray()).isTrue();
    assertThat(list).isEmpty();
  }

  @Test
  @DisplayName("STREAM-8 GET without stream_id answers an array even for exactly one stream")
  void listWhenOneStreamThenArrayOfOne() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode list = assertJson(get(t, ""), 200);

    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(1);
    assertStreamShape(list.get(0), STREAM_KEYS, false);
    assertThat(list.get(0).get("stream_id").asText()).isEqualTo(id);
  }

  @Test
  @DisplayName("STREAM-8 GET without stream_id answers every stream of the caller, oldest first")
  void listWhenTwoStreamsThenArrayOfBoth() {
    TestTransmitter t = TestTransmitter.create(b -> b.quota(new StreamQuota(2, 10)));
    String first = t.createPushStream(TOKEN_A);
    String second = createAt(t, "https://other-receiver.example.com/events");

    JsonNode list = assertJson(get(t, ""), 200);

    assertThat(ids(list)).containsExactly(first, second);
  }

  @ParameterizedTest(name = "aud={0} -> {1} stream(s)")
  @CsvSource({
      "other-receiver, 1",
      "https%3A%2F%2Fother-receiver.example.com, 1",
      "example.com, 2",
      "https://receiver.example.com, 1",
      "nomatch.example.org, 0",
  })
  @DisplayName("5 the aud query parameter is a contains (co) filter on the stream audience")
  void listWhenAudFilterThenOnlyStreamsWhoseAudContainsIt(String aud, int expected) {
    TestTransmitter t = TestTransmitter.create(b -> b.quota(new StreamQuota(2, 10)));
    createAt(t, "https://receiver.example.com/ssf/events");
    createAt(t, "https://other-receiver.example.com/events");

    JsonNode list = assertJson(get(t, "?aud=" + aud), 200);

    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(expected);
    String decoded = java.net.URLDecoder.decode(aud, java.nio.charset.StandardCharsets.UTF_8);
    list.forEach(stream -> assertThat(stream.get("aud").asText()).contains(decoded));
  }

  @Test
  @DisplayName("STREAM-7 an unknown stream_id is 404")
  void getWhenStreamUnknownThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertNotFound(get(t, "?stream_id=550e8400-e29b-41d4-a716-446655440000"));
  }

  @ParameterizedTest(name = "stream_id={0}")
  @ValueSource(strings = {"a%2Fb", "a%20b", "a%3Fb", "a%23b", "%C3%A9t%C3%A9", "a%3Bb", ""})
  @DisplayName("CFG-1 a malformed (reserved characters, empty) stream_id is 400 naming stream_id")
  void getWhenStreamIdMalformedThenBadRequest(String id) {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(get(t, "?stream_id=" + id), "stream_id");
  }

  @Test
  @DisplayName("ERR-3 a query that is not correctly percent-encoded is 400")
  void getWhenQueryBadlyEncodedThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();

    HttpAssertions.assertBadBody(get(t, "?stream_id=%zz"));
  }

  @Test
  @DisplayName("0.1 authorization_header is write-only: neither the single nor the list response carries it")
  void getWhenStreamHasAuthorizationHeaderThenNeverReturned() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    for (SsfHttpResponse response : List.of(get(t, "?stream_id=" + id), get(t, ""))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyAsString()).doesNotContain("authorization_header").doesNotContain("receiver-secret");
    }
  }

  @Test
  @DisplayName("2.9 updatedAt appears only on PATCH/PUT responses, never on GET, even after an update")
  void getWhenStreamWasUpdatedThenNoUpdatedAt() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertThat(t.send("PATCH", Paths.STREAMS, TOKEN_A,
        "{\"stream_id\":\"" + id + "\",\"description\":\"x\"}").status()).isEqualTo(200);

    assertStreamShape(assertJson(get(t, "?stream_id=" + id), 200), STREAM_KEYS, false);
    assertStreamShape(assertJson(get(t, ""), 200).get(0), STREAM_KEYS, false);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(s -> ids.add(s.get("stream_id").asText()));
    return ids;
  }
}
