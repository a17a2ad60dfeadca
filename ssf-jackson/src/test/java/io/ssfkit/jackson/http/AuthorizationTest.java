package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertForbidden;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertUnauthorized;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A_READ_ONLY;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_NO_SCOPE;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_READ_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AUTH-1, AUTH-3, AUTH-5, AUTH-6: 401, 403 and the token-in-query 400 on every authenticated operation. */
class AuthorizationTest {

  /** What a stream looks like from A's point of view, to prove a refused request changed nothing. */
  private static JsonNode snapshot(TestTransmitter t, String id) {
    JsonNode list = assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200);
    JsonNode status = id.equals("no-stream-needed")
        ? list
        : assertJson(t.send("GET", Paths.STATUS + "?stream_id=" + id, TOKEN_A, null), 200);
    return TestTransmitter.JSON.createArrayNode().add(list).add(status);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiOperation.class)
  @DisplayName("AUTH-1 / AUTH-3 without credentials every operation is 401 {\"error\"} with WWW-Authenticate: Bearer realm=\"ssf\" (no error code)")
  void operationWhenNoCredentialsThenUnauthorizedWithoutErrorCode(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);
    JsonNode before = snapshot(t, id);

    assertUnauthorized(op.send(t, null, id), false);

    assertThat(snapshot(t, id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiOperation.class)
  @DisplayName("AUTH-3 / AUTH-5 with an invalid bearer token every operation is 401 with error=\"invalid_token\"")
  void operationWhenInvalidTokenThenUnauthorizedInvalidToken(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);
    JsonNode before = snapshot(t, id);

    assertUnauthorized(op.send(t, "expired-or-forged", id), true);

    assertThat(snapshot(t, id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "Authorization: {0}")
  @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Digest username=\"a\"", "token-a"})
  @DisplayName("AUTH-5 / RFC 6750 3.1 credentials of another scheme are not a bearer token: 401 without an error code")
  void operationWhenOtherAuthSchemeThenUnauthorizedWithoutErrorCode(String authorization) {
    TestTransmitter t = TestTransmitter.create();

    SsfHttpResponse response = t.send(SsfHttpRequest.of("GET", Paths.STREAMS, Map.of("Authorization", authorization), ""));

    assertUnauthorized(response, false);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiOperation.class)
  @DisplayName("AUTH-3 a client without any SSF scope gets 403 on every operation, with error=\"insufficient_scope\"")
  void operationWhenNoScopeThenForbidden(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);
    JsonNode before = snapshot(t, id);

    assertForbidden(op.send(t, TOKEN_NO_SCOPE, id));

    assertThat(snapshot(t, id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.ssfkit.jackson.http.ApiOperation#writes")
  @DisplayName("AUTH-6 an ssf.read token gets 403 on POST, PATCH, PUT and DELETE, even on its client's own stream")
  void writeWhenReadOnlyScopeThenForbiddenAndNothingChanges(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);
    JsonNode before = snapshot(t, id);

    assertForbidden(op.send(t, TOKEN_A_READ_ONLY, id));
    assertForbidden(op.send(t, TOKEN_READ_ONLY, id));

    assertThat(snapshot(t, id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.ssfkit.jackson.http.ApiOperation#reads")
  @DisplayName("AUTH-6 an ssf.read token may GET: its client's stream, the list and the status")
  void readWhenReadOnlyScopeThenOk(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    SsfHttpResponse asReader = op.send(t, TOKEN_A_READ_ONLY, id);

    assertThat(assertJson(asReader, 200)).isEqualTo(assertJson(op.send(t, TOKEN_A, id), 200));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiOperation.class)
  @DisplayName("AUTH-5 an access_token query parameter is refused with 400 naming it, on every operation, even with a valid header")
  void operationWhenAccessTokenInQueryThenBadRequest(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);
    JsonNode before = snapshot(t, id);

    SsfHttpResponse withoutHeader = t.send(op.request(op.pathWith(id, "access_token=" + TOKEN_A),
        contentType(op, Map.of()), bodyOf(op, id)));
    SsfHttpResponse withHeader = t.send(op.request(op.pathWith(id, "access_token=" + TOKEN_A),
        contentType(op, Map.of("Authorization", "Bearer " + TOKEN_A)), bodyOf(op, id)));

    assertBadRequest(withoutHeader, "access_token");
    assertBadRequest(withHeader, "access_token");
    assertThat(snapshot(t, id)).isEqualTo(before);
  }

  private static Map<String, String> contentType(ApiOperation op, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (op.hasBody()) {
      all.put("Content-Type", "application/json");
    }
    return all;
  }

  private static String bodyOf(ApiOperation op, String id) {
    return op.hasBody() ? op.body(id) : "";
  }
}
