package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.TestTransmitter.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The product API's response shapes, asserted in one place: {@code Errorresponsedto} for 400/403/404/405/409/
 * 413/415/500, {@code {"error"}} for 401, {@code {"message"}} for 429, {@code Streamconfigresponse} and
 * {@code Updatestreamconfigresponse} for streams, and the JSON headers of STREAM-16.
 */
final class HttpAssertions {

  static final String BAD_REQUEST = "400.1 Bad Request Content";
  static final String FORBIDDEN = "403 Forbidden";
  static final String NOT_FOUND = "404 Not found";
  static final String METHOD_NOT_ALLOWED = "405 Method Not Allowed";
  static final String CONFLICT = "409 Conflict";
  static final String PAYLOAD_TOO_LARGE = "413 Payload Too Large";
  static final String UNSUPPORTED_MEDIA_TYPE = "415 Unsupported Media Type";
  static final String INTERNAL_FAULT = "500.0 Internal Fault";
  static final String INTERNAL_FAULT_TEXT = "An internal fault occurred.";

  /** The members of a {@code Streamconfigresponse} as this transmitter fills it by default. */
  static final Set<String> STREAM_KEYS = Set.of(
      "stream_id", "iss", "aud", "delivery", "events_supported", "events_requested", "events_delivered",
      "description");

  private HttpAssertions() {}

  /** STREAM-16: every JSON response is {@code application/json} and {@code no-store}. */
  static void assertJsonHeaders(SsfHttpResponse response) {
    assertThat(response.header("Content-Type")).as("Content-Type").hasValue("application/json");
    assertThat(response.header("Cache-Control")).as("Cache-Control").hasValue("no-store");
  }

  /** Asserts the status and the JSON headers, and returns the parsed body. */
  static JsonNode assertJson(SsfHttpResponse response, int status) {
    assertThat(response.status()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertJsonHeaders(response);
    return json(response);
  }

  /** Asserts a response without a body (204 of delete/remove, 200 of add subject). */
  static void assertNoBody(SsfHttpResponse response, int status) {
    assertThat(response.status()).as("status of %s", response.bodyAsString()).isEqualTo(status);
    assertThat(response.body()).as("body").isEmpty();
    assertThat(response.header("Content-Type")).as("Content-Type of an empty body").isEmpty();
  }

  /**
   * Asserts an {@code Errorresponsedto}: exactly {@code detailCode}, {@code trackingId} and {@code messages},
   * each message exactly {@code locale: en-US}, {@code localeOrigin: DEFAULT} and a {@code text}; and that
   * some text contains each of {@code textContains}.
   *
   * @return the message texts
   */
  static List<String> assertErrorBody(
      SsfHttpResponse response, int status, String detailCode, String... textContains) {
    JsonNode body = assertJson(response, status);
    assertThat(keys(body)).as("members of %s", body).containsExactlyInAnyOrder("detailCode", "trackingId", "messages");
    assertThat(body.get("detailCode").isTextual()).isTrue();
    assertThat(body.get("detailCode").asText()).isEqualTo(detailCode);
    assertThat(body.get("trackingId").isTextual()).as("trackingId is a string").isTrue();
    assertThat(body.get("trackingId").asText()).as("trackingId").isNotBlank();
    JsonNode messages = body.get("messages");
    assertThat(messages.isArray()).as("messages is an array").isTrue();
    assertThat(messages).as("messages").isNotEmpty();
    List<String> texts = new ArrayList<>();
    for (JsonNode message : messages) {
      assertThat(keys(message)).as("members of %s", message)
          .containsExactlyInAnyOrder("locale", "localeOrigin", "text");
      assertThat(message.get("locale").asText()).isEqualTo("en-US");
      assertThat(message.get("localeOrigin").asText()).isEqualTo("DEFAULT");
      assertThat(message.get("text").isTextual()).as("text is a string").isTrue();
      assertThat(message.get("text").asText()).isNotBlank();
      texts.add(message.get("text").asText());
    }
    for (String expected : textContains) {
      assertThat(texts).as("message texts").anySatisfy(text -> assertThat(text).contains(expected));
    }
    return texts;
  }

  /**
   * Asserts a 400 that names exactly the given fields by wire name, one message each ({@code "field: ..."}).
   *
   * @return the message texts
   */
  static List<String> assertBadRequest(SsfHttpResponse response, String... fields) {
    List<String> texts = assertErrorBody(response, 400, BAD_REQUEST);
    List<String> named = texts.stream()
        .map(text -> text.contains(": ") ? text.substring(0, text.indexOf(": ")) : "")
        .toList();
    assertThat(named).as("fields named by %s", texts).containsExactlyInAnyOrder(fields);
    return texts;
  }

  /** Asserts a 400 about the body as a whole (not about one field). */
  static List<String> assertBadBody(SsfHttpResponse response) {
    return assertErrorBody(response, 400, BAD_REQUEST);
  }

  static void assertNotFound(SsfHttpResponse response) {
    assertErrorBody(response, 404, NOT_FOUND);
  }

  /**
   * Asserts a 401: the body is exactly {@code {"error": "<text>"}} and the RFC 6750 challenge carries
   * {@code error="invalid_token"} only when a bearer token was presented (RFC 6750 section 3.1).
   */
  static void assertUnauthorized(SsfHttpResponse response, boolean bearerTokenPresented) {
    JsonNode body = assertJson(response, 401);
    assertThat(keys(body)).as("members of %s", body).containsExactly("error");
    assertThat(body.get("error").isTextual()).isTrue();
    assertThat(body.get("error").asText()).isNotBlank();
    String challenge = response.header("WWW-Authenticate").orElseThrow(
        () -> new AssertionError("a 401 needs a WWW-Authenticate challenge (RFC 9110 section 15.5.2)"));
    if (bearerTokenPresented) {
      assertThat(challenge).startsWith("Bearer realm=\"ssf\"").contains("error=\"invalid_token\"");
    } else {
      assertThat(challenge).isEqualTo("Bearer realm=\"ssf\"");
    }
  }

  /** Asserts a 403: an {@code Errorresponsedto} with an RFC 6750 {@code insufficient_scope} challenge. */
  static void assertForbidden(SsfHttpResponse response) {
    assertErrorBody(response, 403, FORBIDDEN);
    assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(challenge ->
        assertThat(challenge).startsWith("Bearer ").contains("error=\"insufficient_scope\""));
  }

  /**
   * Asserts a 429: the body is exactly {@code {"message": " Rate Limit Exceeded "}} and {@code Retry-After}
   * is a whole number of seconds, at least 1.
   *
   * @return the Retry-After seconds
   */
  static long assertRateLimited(SsfHttpResponse response) {
    JsonNode body = assertJson(response, 429);
    assertThat(keys(body)).as("members of %s", body).containsExactly("message");
    assertThat(body.get("message").asText()).isEqualTo(" Rate Limit Exceeded ");
    String retryAfter = response.header("Retry-After").orElseThrow(
        () -> new AssertionError("a 429 needs Retry-After (ERR-2)"));
    assertThat(retryAfter).matches("[1-9][0-9]*");
    return Long.parseLong(retryAfter);
  }

  /** Asserts a 500 that says only that an internal fault occurred, with a tracking ID. */
  static String assertInternalFault(SsfHttpResponse response) {
    List<String> texts = assertErrorBody(response, 500, INTERNAL_FAULT);
    assertThat(texts).containsExactly(INTERNAL_FAULT_TEXT);
    return json(response).get("trackingId").asText();
  }

  /**
   * Asserts a {@code Streamconfigresponse} (with {@code updatedAt} for PATCH and PUT, the product API's
   * {@code Updatestreamconfigresponse}): the expected members, a delivery of exactly {@code method} and
   * {@code endpoint_url} (never {@code authorization_header}), string arrays for the event lists.
   */
  static void assertStreamShape(JsonNode stream, Set<String> expectedKeys, boolean updatedAt) {
    Set<String> expected = new LinkedHashSet<>(expectedKeys);
    if (updatedAt) {
      expected.add("updatedAt");
    }
    assertThat(keys(stream)).as("members of %s", stream).containsExactlyInAnyOrderElementsOf(expected);
    for (String key : List.of("stream_id", "iss", "aud")) {
      assertThat(stream.get(key).isTextual()).as("%s is a string", key).isTrue();
    }
    assertThat(keys(stream.get("delivery"))).as("delivery members")
        .containsExactlyInAnyOrder("method", "endpoint_url");
    for (String key : List.of("events_supported", "events_requested", "events_delivered")) {
      assertThat(stream.get(key).isArray()).as("%s is an array", key).isTrue();
      stream.get(key).forEach(e -> assertThat(e.isTextual()).as("%s holds strings", key).isTrue());
    }
    assertThat(stream.toString()).doesNotContain("authorization_header").doesNotContain("receiver-secret");
  }

  static Set<String> keys(JsonNode node) {
    Set<String> keys = new LinkedHashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
