package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.METHOD_NOT_ALLOWED;
import static io.ssfkit.jackson.http.HttpAssertions.PAYLOAD_TOO_LARGE;
import static io.ssfkit.jackson.http.HttpAssertions.UNSUPPORTED_MEDIA_TYPE;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertErrorBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ERR-3, ERR-4 and the HTTP edge: 404 for unknown paths, 405 + Allow, 413, 415, unparseable bodies. */
class ProtocolErrorsTest {

  private static final int DEFAULT_LIMIT = 64 * 1024;

  /** Pads a valid body with trailing whitespace (still valid JSON) to exactly {@code size} bytes. */
  private static String padTo(String body, int size) {
    int length = body.getBytes(StandardCharsets.UTF_8).length;
    assertThat(length).isLessThanOrEqualTo(size);
    return body + " ".repeat(size - length);
  }

  private static SsfHttpResponse sendWithContentType(
      TestTransmitter t, ApiOperation op, String id, String contentType) {
    return t.send(op.request(op.path(id), ApiOperation.headers(TOKEN_A, contentType), op.body(id)));
  }

  /** Asserts that an operation succeeded: it answered its success status. */
  private static void assertSucceeded(ApiOperation op, SsfHttpResponse response) {
    assertThat(response.status()).as("%s answered %s", op, response.bodyAsString()).isEqualTo(op.successStatus());
  }

  // --- 404 -----------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /",
      "GET, /ssf/v1",
      "GET, /ssf/v1/streams/",
      "GET, /ssf/v1/stream",
      "GET, /SSF/V1/STREAMS",
      "POST, /ssf/v1/streams/verify",
      "GET, /ssf/v1/jwks",
      "GET, /.well-known/risc-configuration",
      "GET, /.well-known/ssf-configuration/unknown-tenant",
      "POST, /ssf/v1/streams/subjects",
      "DELETE, /ssf/v1/streams/status/x",
  })
  @DisplayName("DISC-2 / DISC-13 an unknown path is 404 with an Errorresponsedto, with or without credentials")
  void anyWhenPathUnknownThenNotFound(String method, String path) {
    TestTransmitter t = TestTransmitter.create();

    assertNotFound(t.send(method, path, TOKEN_A, method.equals("GET") ? null : "{}"));
    assertNotFound(t.send(method, path, null, null));
  }

  // --- 405 -----------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1} -> Allow: {2}")
  @CsvSource(delimiter = '|', value = {
      "PATCH|/ssf/v1/streams/status|GET, POST",
      "PUT|/ssf/v1/streams/status|GET, POST",
      "DELETE|/ssf/v1/streams/status|GET, POST",
      "GET|/ssf/v1/streams/subjects/add|POST",
      "DELETE|/ssf/v1/streams/subjects/remove|POST",
      "OPTIONS|/ssf/v1/streams|GET, POST, PATCH, PUT, DELETE",
      "TRACE|/ssf/v1/streams|GET, POST, PATCH, PUT, DELETE",
      "POST|/.well-known/v1/ssf-configuration|GET",
      "DELETE|/.well-known/ssf-configuration|GET",
  })
  @DisplayName("ERR-4 an unsupported method is 405 with an Errorresponsedto and an Allow header listing the methods")
  void anyWhenMethodNotAllowedThenMethodNotAllowedWithAllow(String method, String path, String allow) {
    TestTransmitter t = TestTransmitter.create();

    SsfHttpResponse response = t.send(method, path, TOKEN_A, "{}");

    assertErrorBody(response, 405, METHOD_NOT_ALLOWED);
    assertThat(response.header("Allow")).hasValue(allow);
  }

  // --- 413 -----------------------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("io.ssfkit.jackson.http.ApiOperation#withBody")
  @DisplayName("ERR-3 (impl) 413 a body over the default 64 KiB is refused; one of exactly 64 KiB is accepted")
  void operationWhenBodyOverDefaultLimitThenPayloadTooLarge(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);

    SsfHttpResponse tooLarge = t.send(op.method(), op.path(id), TOKEN_A, padTo(op.body(id), DEFAULT_LIMIT + 1));
    assertErrorBody(tooLarge, 413, PAYLOAD_TOO_LARGE);

    assertSucceeded(op, t.send(op.method(), op.path(id), TOKEN_A, padTo(op.body(id), DEFAULT_LIMIT)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("io.ssfkit.jackson.http.ApiOperation#withBody")
  @DisplayName("ERR-3 (impl) 413 the body limit is configurable with maxBodyBytes")
  void operationWhenBodyOverConfiguredLimitThenPayloadTooLarge(ApiOperation op) {
    TestTransmitter t = TestTransmitter.create(b -> b, h -> h.maxBodyBytes(400));
    String id = op.prepare(t);

    assertErrorBody(t.send(op.method(), op.path(id), TOKEN_A, padTo(op.body(id), 401)), 413, PAYLOAD_TOO_LARGE);
    assertSucceeded(op, t.send(op.method(), op.path(id), TOKEN_A, padTo(op.body(id), 400)));
  }

  // --- 415 and accepted media types ------------------------------------------------------------------

  static Stream<Arguments> bodyOperationsAndForeignTypes() {
    return ApiOperation.withBody().flatMap(op -> Stream.of(
        "text/xml", "application/xml", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data")
        .map(type -> Arguments.of(op, type)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("bodyOperationsAndForeignTypes")
  @DisplayName("ERR-3 a body declared as something other than JSON is 415 and changes nothing")
  void operationWhenContentTypeNotJsonThenUnsupportedMediaType(ApiOperation op, String contentType) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);
    JsonNode before = assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200);

    assertErrorBody(sendWithContentType(t, op, id, contentType), 415, UNSUPPORTED_MEDIA_TYPE);

    assertThat(assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200)).isEqualTo(before);
  }

  static Stream<Arguments> bodyOperationsAndJsonTypes() {
    return ApiOperation.withBody().flatMap(op -> Stream.of(
        "application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8", "<none>")
        .map(type -> Arguments.of(op, type)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("bodyOperationsAndJsonTypes")
  @DisplayName("ERR-3 application/json (any case, with parameters) and a missing Content-Type are accepted")
  void operationWhenContentTypeJsonOrMissingThenAccepted(ApiOperation op, String contentType) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);

    assertSucceeded(op, sendWithContentType(t, op, id, contentType.equals("<none>") ? null : contentType));
  }

  // --- 400 for bodies that are not one JSON object ------------------------------------------------------

  static Stream<Arguments> bodyOperationsAndBrokenBodies() {
    return ApiOperation.withBody().flatMap(op -> Stream.of(
        "[]", "{", "{\"stream_id\":", "not json", "null", "42", "\"text\"", "{}{}", "{\"a\":1,\"a\":2}")
        .map(body -> Arguments.of(op, body)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("bodyOperationsAndBrokenBodies")
  @DisplayName("STREAM-2 / ERR-3 a body that is not exactly one JSON object is 400 on every operation with a body")
  void operationWhenBodyNotAJsonObjectThenBadRequest(ApiOperation op, String body) {
    TestTransmitter t = TestTransmitter.create();
    String id = op.prepare(t);

    assertBadBody(t.send(op.method(), op.path(id), TOKEN_A, body));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "{\"description\":\"\u00c3\u0028\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"}}",
      "\u00ff\u00fe{}",
      "{\"description\":\"\u00ff\"}"})
  @DisplayName("ERR-3 a body that is not UTF-8 (RFC 8259 section 8.1) is 400, never 201 and never 500")
  void createWhenBodyNotUtf8ThenBadRequest(String latin1) {
    TestTransmitter t = TestTransmitter.create();
    // Each char of the parameter is one raw byte: 0xC3 0x28 is a broken UTF-8 sequence, 0xFF never occurs in UTF-8.
    byte[] body = latin1.getBytes(StandardCharsets.ISO_8859_1);

    SsfHttpResponse response = t.send(new SsfHttpRequest("POST", Paths.STREAMS, null,
        Map.of("Authorization", List.of("Bearer " + TOKEN_A), "Content-Type", List.of("application/json")), body));

    assertBadBody(response);
    assertThat(assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200)).isEmpty();
  }
}
