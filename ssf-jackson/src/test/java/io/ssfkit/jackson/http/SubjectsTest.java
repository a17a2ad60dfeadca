package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertNoBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /ssf/v1/streams/subjects/add and /remove (SSF 1.0 section 8.1.3): 200 / 204, 400, 404. */
class SubjectsTest {

  private static final StreamOwner OWNER_A = new StreamOwner("org-1", "client-a");
  private static final SubjectIdentifier EMAIL =
      SubjectIdentifier.fromMap(Map.of("format", "email", "email", "user@example.com"));

  private static String body(String id, String subject) {
    return "{\"stream_id\":\"" + id + "\",\"subject\":" + subject + "}";
  }

  private static Optional<SubjectMembership> membership(TestTransmitter t, String id) {
    return t.store.findSubject(OWNER_A, StreamId.of(id), EMAIL);
  }

  @Test
  @DisplayName("SUBJ-2 / SUBJ-3 add answers an empty 200; the subject is included, verified by default")
  void addWhenValidThenOkWithEmptyBody() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertNoBody(t.send("POST", Paths.ADD_SUBJECT, TOKEN_A, body(id, Paths.EMAIL_SUBJECT)), 200);

    assertThat(membership(t, id)).hasValueSatisfying(m -> {
      assertThat(m.included()).isTrue();
      assertThat(m.verified()).isTrue();
    });
  }

  @Test
  @DisplayName("SUBJ-3 add with verified false stores the flag")
  void addWhenVerifiedFalseThenStored() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertNoBody(t.send("POST", Paths.ADD_SUBJECT, TOKEN_A,
        "{\"stream_id\":\"" + id + "\",\"subject\":" + Paths.EMAIL_SUBJECT + ",\"verified\":false}"), 200);

    assertThat(membership(t, id)).hasValueSatisfying(m -> assertThat(m.verified()).isFalse());
  }

  @Test
  @DisplayName("SUBJ-5 remove answers an empty 204, and removing again answers 204 too")
  void removeWhenRepeatedThenNoContentEachTime() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertNoBody(t.send("POST", Paths.ADD_SUBJECT, TOKEN_A, body(id, Paths.EMAIL_SUBJECT)), 200);

    assertNoBody(t.send("POST", Paths.REMOVE_SUBJECT, TOKEN_A, body(id, Paths.EMAIL_SUBJECT)), 204);
    assertNoBody(t.send("POST", Paths.REMOVE_SUBJECT, TOKEN_A, body(id, Paths.EMAIL_SUBJECT)), 204);

    assertThat(membership(t, id)).hasValueSatisfying(m -> assertThat(m.included()).isFalse());
  }

  @Test
  @DisplayName("SUBJ-6 removing a subject never added answers exactly like removing a known one")
  void removeWhenSubjectUnknownThenSameAnswerAsKnown() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    assertNoBody(t.send("POST", Paths.ADD_SUBJECT, TOKEN_A, body(id, Paths.EMAIL_SUBJECT)), 200);

    SsfHttpResponse known = t.send("POST", Paths.REMOVE_SUBJECT, TOKEN_A, body(id, Paths.EMAIL_SUBJECT));
    SsfHttpResponse unknown = t.send("POST", Paths.REMOVE_SUBJECT, TOKEN_A,
        body(id, "{\"format\":\"email\",\"email\":\"nobody@example.com\"}"));

    assertThat(unknown).isEqualTo(known);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Paths.ADD_SUBJECT, Paths.REMOVE_SUBJECT})
  @DisplayName("SUBJ-9 the stream's own opaque subject may be added or removed, answering as usual, changing nothing")
  void addOrRemoveWhenOwnOpaqueSubjectThenUsualAnswer(String path) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertNoBody(t.send("POST", path, TOKEN_A, body(id, "{\"format\":\"opaque\",\"id\":\"" + id + "\"}")),
        path.equals(Paths.ADD_SUBJECT) ? 200 : 204);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Paths.ADD_SUBJECT, Paths.REMOVE_SUBJECT})
  @DisplayName("SUBJ-2 / SUBJ-5 an unknown stream is 404")
  void addOrRemoveWhenStreamUnknownThenNotFound(String path) {
    TestTransmitter t = TestTransmitter.create();
    t.createPushStream(TOKEN_A);

    assertNotFound(t.send("POST", path, TOKEN_A, body("550e8400-e29b-41d4-a716-446655440000", Paths.EMAIL_SUBJECT)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      Paths.ADD_SUBJECT + "|{\"stream_id\":\"ID\"}|subject",
      Paths.REMOVE_SUBJECT + "|{\"stream_id\":\"ID\"}|subject",
      Paths.ADD_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":null}|subject",
      Paths.ADD_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":{\"email\":\"user@example.com\"}}|subject.format",
      Paths.REMOVE_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":{\"email\":\"user@example.com\"}}|subject.format",
      Paths.ADD_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":{\"format\":5,\"email\":\"user@example.com\"}}|subject.format",
      Paths.REMOVE_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":{\"format\":[\"email\"]}}|subject.format",
      Paths.ADD_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":\"user@example.com\"}|subject",
      Paths.REMOVE_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":[]}|subject",
      Paths.ADD_SUBJECT + "|{\"subject\":{\"format\":\"email\",\"email\":\"user@example.com\"}}|stream_id",
      Paths.REMOVE_SUBJECT + "|{\"subject\":{\"format\":\"email\",\"email\":\"user@example.com\"}}|stream_id",
      Paths.ADD_SUBJECT + "|{\"stream_id\":\"ID\",\"subject\":{\"format\":\"email\",\"email\":\"user@example.com\"},\"verified\":\"yes\"}|verified",
  })
  @DisplayName("SUBJ-2 / SUBJ-11 a missing or malformed subject or stream_id is 400 naming the field")
  void addOrRemoveWhenFieldInvalidThenBadRequest(String path, String template, String field) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    assertBadRequest(t.send("POST", path, TOKEN_A, template.replace("\"ID\"", "\"" + id + "\"")), field);

    assertThat(membership(t, id)).isEmpty();
  }
}
