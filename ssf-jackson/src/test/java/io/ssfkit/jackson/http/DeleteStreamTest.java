package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNoBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DELETE /ssf/v1/streams?stream_id= ({@code deleteStreamV1}): 204, 400, 404. */
class DeleteStreamTest {

  private static SsfHttpResponse delete(TestTransmitter t, String query) {
    return t.send("DELETE", Paths.STREAMS + query, TOKEN_A, null);
  }

  @Test
  @DisplayName("STREAM-15 DELETE answers 204 with no body; afterwards GET, status and the list no longer show it")
  void deleteWhenStreamExistsThenNoContentAndGone() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertThat(t.send("POST", Paths.ADD_SUBJECT, TOKEN_A,
        "{\"stream_id\":\"" + id + "\",\"subject\":" + Paths.EMAIL_SUBJECT + "}").status()).isEqualTo(200);

    assertNoBody(delete(t, "?stream_id=" + id), 204);

    assertNotFound(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null));
    assertNotFound(t.send("GET", Paths.STATUS + "?stream_id=" + id, TOKEN_A, null));
    assertThat(assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200)).isEmpty();
    assertThat(t.store.findSubject(new StreamOwner("org-1", "client-a"), StreamId.of(id),
        SubjectIdentifier.fromMap(Map.of("format", "email", "email", "user@example.com")))).isEmpty();
  }

  @Test
  @DisplayName("STREAM-5 / STREAM-15 after DELETE the client may create a new stream, with a new ID")
  void deleteWhenStreamDeletedThenClientMayCreateAgain() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertNoBody(delete(t, "?stream_id=" + id), 204);

    assertThat(t.createPushStream(TOKEN_A)).isNotEqualTo(id);
  }

  @Test
  @DisplayName("STREAM-15 deleting twice: the second DELETE is 404")
  void deleteWhenAlreadyDeletedThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertNoBody(delete(t, "?stream_id=" + id), 204);

    assertNotFound(delete(t, "?stream_id=" + id));
  }

  @Test
  @DisplayName("STREAM-15 an unknown stream is 404 and the caller's own stream survives")
  void deleteWhenStreamUnknownThenNotFound() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertNotFound(delete(t, "?stream_id=550e8400-e29b-41d4-a716-446655440000"));

    assertJson(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null), 200);
  }

  @ParameterizedTest(name = "query \"{0}\"")
  @ValueSource(strings = {"", "?stream_id=", "?streamId=abc", "?stream_id=a%2Fb", "?stream_id=a%20b"})
  @DisplayName("STREAM-15 / 18.25 a missing, empty or malformed stream_id is 400 naming stream_id; nothing is deleted")
  void deleteWhenStreamIdMissingOrMalformedThenBadRequest(String query) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(delete(t, query), "stream_id");

    assertJson(t.send("GET", Paths.STREAMS + "?stream_id=" + id, TOKEN_A, null), 200);
  }

  @Test
  @DisplayName("18.1 stream_id in a DELETE body instead of the query is 400 (the query parameter is required)")
  void deleteWhenStreamIdOnlyInBodyThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(t.send("DELETE", Paths.STREAMS, TOKEN_A, "{\"stream_id\":\"" + id + "\"}"), "stream_id");
  }
}
