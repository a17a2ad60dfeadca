package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.CONFLICT;
import static io.ssfkit.jackson.http.HttpAssertions.STREAM_KEYS;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertErrorBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertStreamShape;
import static io.ssfkit.jackson.http.HttpAssertions.strings;
import static io.ssfkit.jackson.http.TestTransmitter.CREATE_BODY;
import static io.ssfkit.jackson.http.TestTransmitter.CREDENTIAL_CHANGE;
import static io.ssfkit.jackson.http.TestTransmitter.ISSUER;
import static io.ssfkit.jackson.http.TestTransmitter.SESSION_REVOKED;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_C;
import static io.ssfkit.jackson.http.TestTransmitter.org3Token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /ssf/v1/streams ({@code createStreamV1}): 201, 400, 409 (401/403/413/415/429/500 in the cross-cutting tests). */
class CreateStreamTest {

  private static String pushBody(String endpointUrl) {
    return "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"" + endpointUrl + "\"}}";
  }

  private static SsfHttpResponse create(TestTransmitter t, String token, String body) {
    return t.send("POST", Paths.STREAMS, token, body);
  }

  @Test
  @DisplayName("STREAM-1 create answers 201 with the full Streamconfigresponse and no updatedAt")
  void createWhenValidPushStreamThenCreatedWithFullConfiguration() {
    TestTransmitter t = TestTransmitter.create();

    JsonNode stream = assertJson(create(t, TOKEN_A, CREATE_BODY), 201);

    assertStreamShape(stream, STREAM_KEYS, false);
    assertThat(stream.get("stream_id").asText()).matches("[A-Za-z0-9._~-]+");
    assertThat(stream.get("iss").asText()).isEqualTo(ISSUER);
    assertThat(stream.get("aud").asText()).isEqualTo("https://receiver.example.com");
    assertThat(stream.at("/delivery/method").asText()).isEqualTo("urn:ietf:rfc:8935");
    assertThat(stream.at("/delivery/endpoint_url").asText()).isEqualTo("https://receiver.example.com/ssf/events");
    assertThat(strings(stream.get("events_supported"))).contains(SESSION_REVOKED, CREDENTIAL_CHANGE)
        .doesNotHaveDuplicates();
    assertThat(strings(stream.get("events_requested"))).containsExactly(SESSION_REVOKED);
    assertThat(strings(stream.get("events_delivered"))).containsExactly(SESSION_REVOKED);
    assertThat(stream.get("description").asText()).isEqualTo("Production event stream");
  }

  @Test
  @DisplayName("DISC-3 / STREAM-17 the stream's iss is byte-identical to the metadata issuer")
  void createWhenCreatedThenIssEqualsMetadataIssuer() {
    TestTransmitter t = TestTransmitter.create();

    JsonNode stream = assertJson(create(t, TOKEN_A, CREATE_BODY), 201);
    JsonNode metadata = assertJson(t.send("GET", Paths.PRODUCT_METADATA, null, null), 200);

    assertThat(stream.get("iss").asText()).isEqualTo(metadata.get("issuer").asText());
  }

  @Test
  @DisplayName("STREAM-6 a new stream is enabled")
  void createWhenCreatedThenStatusIsEnabled() {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    JsonNode status = assertJson(t.send("GET", Paths.STATUS + "?stream_id=" + id, TOKEN_A, null), 200);

    assertThat(status.get("status").asText()).isEqualTo("enabled");
  }

  @Test
  @DisplayName("CFG-1 stream IDs are distinct and use only RFC 3986 unreserved characters")
  void createWhenManyStreamsThenIdsAreDistinctAndUnreserved() {
    TestTransmitter t = TestTransmitter.create(b -> b.quota(new StreamQuota(50, 50)));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ids.add(t.createPushStream(TOKEN_A));
    }
    assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9._~-]{16,}"));
  }

  @ParameterizedTest(name = "{0} -> aud {1}")
  @CsvSource({
      "https://receiver.example.com/ssf/events, https://receiver.example.com",
      "https://receiver.example.com, https://receiver.example.com",
      "https://receiver.example.com:8443/events, https://receiver.example.com:8443",
      "https://receiver.example.com:443/events, https://receiver.example.com",
      "https://Receiver.EXAMPLE.com/events, https://receiver.example.com",
      "https://receiver.example.com/events?tenant=1, https://receiver.example.com",
  })
  @DisplayName("CFG-2 aud is set by the transmitter: the (RFC 6454) origin of the push endpoint")
  void createWhenPushEndpointThenAudIsItsOrigin(String endpoint, String aud) {
    TestTransmitter t = TestTransmitter.create();

    JsonNode stream = assertJson(create(t, TOKEN_A, pushBody(endpoint)), 201);

    assertThat(stream.get("aud").asText()).isEqualTo(aud);
  }

  @Test
  @DisplayName("CFG-3 unknown event types are ignored: echoed in events_requested, absent from delivered and supported")
  void createWhenUnknownEventRequestedThenIgnored() {
    TestTransmitter t = TestTransmitter.create();
    String body = "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://receiver.example.com/e\"},"
        + "\"events_requested\":[\"urn:x:unknown\",\"" + SESSION_REVOKED + "\"]}";

    JsonNode stream = assertJson(create(t, TOKEN_A, body), 201);

    assertThat(strings(stream.get("events_requested"))).containsExactly("urn:x:unknown", SESSION_REVOKED);
    assertThat(strings(stream.get("events_delivered"))).containsExactly(SESSION_REVOKED);
    assertThat(strings(stream.get("events_supported"))).doesNotContain("urn:x:unknown");
  }

  @Test
  @DisplayName("18.7 without events_requested, events_delivered is []; description is optional")
  void createWhenOnlyDeliveryThenNothingDeliveredAndNoDescription() {
    TestTransmitter t = TestTransmitter.create();

    JsonNode stream = assertJson(create(t, TOKEN_A, pushBody("https://receiver.example.com/e")), 201);

    assertThat(strings(stream.get("events_requested"))).isEmpty();
    assertThat(strings(stream.get("events_delivered"))).isEmpty();
    assertThat(stream.has("description")).isFalse();
  }

  @Test
  @DisplayName("STREAM-2 / 18.23 transmitter properties in a create body are ignored; the ID is fresh")
  void createWhenBodyHasTransmitterPropertiesThenTheyAreIgnored() {
    TestTransmitter t = TestTransmitter.create();
    String body = """
        {"stream_id":"chosen-by-receiver","iss":"https://evil.example.com","aud":"https://evil.example.com",
         "audience":"https://evil.example.com",
         "events_supported":["urn:x:evil"],"events_delivered":["%s"],
         "inactivity_timeout":5,"min_verification_interval":1,
         "delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"https://receiver.example.com/e"}}"""
        .formatted(CREDENTIAL_CHANGE);

    JsonNode stream = assertJson(create(t, TOKEN_A, body), 201);

    assertThat(stream.get("stream_id").asText()).isNotEqualTo("chosen-by-receiver");
    assertThat(stream.get("iss").asText()).isEqualTo(ISSUER);
    assertThat(stream.get("aud").asText()).isEqualTo("https://receiver.example.com");
    assertThat(strings(stream.get("events_supported"))).doesNotContain("urn:x:evil");
    assertThat(strings(stream.get("events_delivered"))).isEmpty();
    assertThat(stream.has("inactivity_timeout")).isFalse();
    assertThat(stream.has("min_verification_interval")).isFalse();
  }

  @Test
  @DisplayName("STREAM-2 unknown members are ignored")
  void createWhenUnknownMembersThenIgnored() {
    TestTransmitter t = TestTransmitter.create();
    String body = "{\"x-extension\":{\"a\":[1,2]},\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
        + "\"endpoint_url\":\"https://receiver.example.com/e\",\"x-other\":true}}";

    assertJson(create(t, TOKEN_A, body), 201);
  }

  @Test
  @DisplayName("CFG-6 a description longer than the configured maximum is truncated to a prefix")
  void createWhenDescriptionTooLongThenTruncated() {
    TestTransmitter t = TestTransmitter.create(b -> b.descriptionMaxLength(10));
    String body = "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://receiver.example.com/e\"},"
        + "\"description\":\"0123456789abcdef\"}";

    JsonNode stream = assertJson(create(t, TOKEN_A, body), 201);

    assertThat(stream.get("description").asText()).isEqualTo("0123456789");
  }

  @Test
  @DisplayName("2.2 inactivity_timeout and min_verification_interval are reported as integers when configured")
  void createWhenTimeoutsConfiguredThenReportedAsIntegers() {
    TestTransmitter t = TestTransmitter.create(b -> b
        .inactivityTimeout(java.time.Duration.ofHours(1))
        .minVerificationInterval(java.time.Duration.ofMinutes(5)));

    JsonNode stream = assertJson(create(t, TOKEN_A, CREATE_BODY), 201);

    Set<String> keys = new HashSet<>(STREAM_KEYS);
    keys.addAll(List.of("inactivity_timeout", "min_verification_interval"));
    assertStreamShape(stream, keys, false);
    assertThat(stream.get("inactivity_timeout").isInt()).isTrue();
    assertThat(stream.get("inactivity_timeout").asInt()).isEqualTo(3600);
    assertThat(stream.get("min_verification_interval").asInt()).isEqualTo(300);
  }

  // --- 400 ---------------------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"{}", "", "{\"description\":\"no delivery\"}", "{\"delivery\":null}"})
  @DisplayName("STREAM-3 / 0.1 without delivery a push-only transmitter answers 400 naming delivery")
  void createWhenNoDeliveryOnPushOnlyTransmitterThenBadRequest(String body) {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(create(t, TOKEN_A, body), "delivery");
    assertThat(TestTransmitter.json(t.send("GET", Paths.STREAMS, TOKEN_A, null))).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"urn:x:unknown", "urn:ietf:rfc:8936", "https://schemas.openid.net/secevent/risc/delivery-method/push", ""})
  @DisplayName("STREAM-4 an unsupported delivery method (including poll on a push-only transmitter) is 400 naming delivery.method")
  void createWhenMethodUnsupportedThenBadRequest(String method) {
    TestTransmitter t = TestTransmitter.create();
    String body = "{\"delivery\":{\"method\":\"" + method + "\",\"endpoint_url\":\"https://receiver.example.com/e\"}}";

    assertBadRequest(create(t, TOKEN_A, body), "delivery.method");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "http://receiver.example.com/e", "receiver.example.com/e", "/relative", "ftp://receiver.example.com/e",
      "https://user:pw@receiver.example.com/e", "https://receiver.example.com/e#frag", "https://", "not a url"})
  @DisplayName("STREAM-4 / SEC-1 a push endpoint that is not an absolute https URL is 400 naming delivery.endpoint_url")
  void createWhenEndpointNotHttpsThenBadRequest(String endpoint) {
    TestTransmitter t = TestTransmitter.create();

    List<String> texts = assertBadRequest(create(t, TOKEN_A, pushBody(endpoint)), "delivery.endpoint_url");
    assertThat(String.join(" ", texts)).doesNotContain("pw@");
  }

  @Test
  @DisplayName("STREAM-4 a push stream without endpoint_url is 400 naming delivery.endpoint_url")
  void createWhenEndpointMissingThenBadRequest() {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(create(t, TOKEN_A, "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\"}}"), "delivery.endpoint_url");
  }

  @Test
  @DisplayName("STREAM-4 an http endpoint is accepted only with the development receiver URL policy")
  void createWhenHttpEndpointAndInsecureAllowedThenCreated() {
    TestTransmitter t = TestTransmitter.create(b -> b.receiverUrlPolicy(ReceiverUrlPolicy.development()));

    JsonNode stream = assertJson(create(t, TOKEN_A, pushBody("http://localhost:8081/events")), 201);

    assertThat(stream.at("/delivery/endpoint_url").asText()).isEqualTo("http://localhost:8081/events");
    assertThat(stream.get("aud").asText()).isEqualTo("http://localhost:8081");
  }

  @DisplayName("SEC-1 receiver URLs pointing at loopback, private, link-local, unique-local, multicast or metadata addresses are refused at create")
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://127.0.0.1/e", "https://localhost/e", "https://10.1.2.3/e", "https://172.16.0.1/e",
      "https://192.168.1.1/e", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/e", "https://[fd00::1]/e",
      "https://224.0.0.1/e", "https://[::1]/e", "https://[::ffff:127.0.0.1]/e", "https://100.64.0.1/e",
      "https://metadata.google.internal/computeMetadata/v1/"})
  void createWhenEndpointIsForbiddenAddressThenBadRequest(String url) {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(create(t, TOKEN_A, pushBody(url)), "delivery.endpoint_url");
  }

  @Test
  @DisplayName("SEC-1 the development policy accepts loopback but still refuses the cloud metadata address")
  void createWhenDevelopmentPolicyThenLoopbackAcceptedAndMetadataRefused() {
    TestTransmitter t = TestTransmitter.create(b -> b.receiverUrlPolicy(ReceiverUrlPolicy.development()));

    assertJson(create(t, TOKEN_A, pushBody("http://127.0.0.1:9/e")), 201);
    assertBadRequest(create(t, TestTransmitter.TOKEN_B, pushBody("http://169.254.169.254/latest")), "delivery.endpoint_url");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "{\"description\":5,\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"}}|description",
      "{\"events_requested\":\"x\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"}}|events_requested",
      "{\"events_requested\":[5],\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"}}|events_requested[0]",
      "{\"events_requested\":[\"\"],\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\"}}|events_requested[0]",
      "{\"delivery\":\"urn:ietf:rfc:8935\"}|delivery",
      "{\"delivery\":[]}|delivery",
      "{\"delivery\":{\"method\":8935,\"endpoint_url\":\"https://r.example.com/e\"}}|delivery.method",
      "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":true}}|delivery.endpoint_url",
      "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\",\"authorization_header\":7}}|delivery.authorization_header",
      "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\",\"authorization_header\":\"  \"}}|delivery.authorization_header",
  })
  @DisplayName("STREAM-2 / ERR-3 a wrong type or invalid value is 400 naming the field by its wire name")
  void createWhenFieldInvalidThenBadRequestNamingIt(String body, String field) {
    TestTransmitter t = TestTransmitter.create();

    assertBadRequest(create(t, TOKEN_A, body), field);
  }

  @Test
  @DisplayName("STREAM-2 / 4.1 every invalid field is reported in one response, one message each")
  void createWhenSeveralFieldsInvalidThenAllReportedAtOnce() {
    TestTransmitter t = TestTransmitter.create();
    String body = "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"http://r.example.com/e\","
        + "\"authorization_header\":\" \"}}";

    assertBadRequest(create(t, TOKEN_A, body), "delivery.endpoint_url", "delivery.authorization_header");
  }

  @Test
  @DisplayName("STYLE 6 / 2.8 a rejected authorization_header (a secret) is never echoed in the error")
  void createWhenAuthorizationHeaderInvalidThenValueNotEchoed() {
    TestTransmitter t = TestTransmitter.create();
    String body = "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\","
        + "\"authorization_header\":\"Bearer top-secret\\u0001\"}}";

    List<String> texts = assertBadRequest(create(t, TOKEN_A, body), "delivery.authorization_header");
    assertThat(String.join(" ", texts)).doesNotContain("top-secret");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"[]", "{\"delivery\":", "not json", "null", "\"text\"", "42", "{} {}",
      "{\"description\":\"a\",\"description\":\"b\"}"})
  @DisplayName("STREAM-2 / ERR-3 a body that is not one JSON object is 400")
  void createWhenBodyNotAJsonObjectThenBadRequest(String body) {
    TestTransmitter t = TestTransmitter.create();

    assertBadBody(create(t, TOKEN_A, body));
  }

  // --- 409 and quotas -------------------------------------------------------------------------------

  @Test
  @DisplayName("STREAM-5 / 0.1 one stream per client: a second create is 409 and creates nothing")
  void createWhenClientAlreadyHasStreamThenConflict() {
    TestTransmitter t = TestTransmitter.create();
    String first = t.createPushStream(TOKEN_A);

    assertErrorBody(create(t, TOKEN_A, CREATE_BODY), 409, CONFLICT);

    JsonNode list = assertJson(t.send("GET", Paths.STREAMS, TOKEN_A, null), 200);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("stream_id").asText()).isEqualTo(first);
  }

  @Test
  @DisplayName("STREAM-5 with a per-client limit of 2 the second create is 201 with a new ID, the third 409")
  void createWhenClientLimitIsTwoThenThirdIsConflict() {
    TestTransmitter t = TestTransmitter.create(b -> b.quota(new StreamQuota(2, 10)));

    String first = t.createPushStream(TOKEN_A);
    String second = t.createPushStream(TOKEN_A);

    assertThat(second).isNotEqualTo(first);
    assertErrorBody(create(t, TOKEN_A, CREATE_BODY), 409, CONFLICT);
  }

  @Test
  @DisplayName("0.1 the org quota (configured 2) is 400 saying the quota is reached; other orgs are unaffected")
  void createWhenOrgQuotaReachedThenBadRequest() {
    TestTransmitter t = TestTransmitter.create(b -> b.quota(new StreamQuota(1, 2)));
    t.createPushStream(org3Token(1));
    t.createPushStream(org3Token(2));

    assertErrorBody(create(t, org3Token(3), CREATE_BODY), 400, HttpAssertions.BAD_REQUEST, "quota");

    assertJson(create(t, TOKEN_C, CREATE_BODY), 201);
  }

  @Test
  @DisplayName("0.1 at most 10 streams per org by default: the 11th client gets 400; a delete frees a slot")
  void createWhenEleventhClientOfOrgThenBadRequestUntilOneIsDeleted() {
    TestTransmitter t = TestTransmitter.create();
    String firstId = null;
    for (int i = 1; i <= 10; i++) {
      String id = t.createPushStream(org3Token(i));
      firstId = firstId == null ? id : firstId;
    }

    assertErrorBody(create(t, org3Token(11), CREATE_BODY), 400, HttpAssertions.BAD_REQUEST, "quota");
    assertThat(t.store.list(new StreamOwner("org-3", "client-3-11"))).isEmpty();
    assertJson(create(t, TOKEN_C, CREATE_BODY), 201);

    assertThat(t.send("DELETE", Paths.STREAMS + "?stream_id=" + firstId, org3Token(1), null).status()).isEqualTo(204);
    assertJson(create(t, org3Token(11), CREATE_BODY), 201);
  }

  @Test
  @DisplayName("2.6 / 2.8 the authorization_header is stored for pushes (PUSH-2) but is write-only")
  void createWhenAuthorizationHeaderGivenThenStoredButNotReturned() {
    TestTransmitter t = TestTransmitter.create();

    SsfHttpResponse response = create(t, TOKEN_A, CREATE_BODY);
    String id = assertJson(response, 201).get("stream_id").asText();

    assertThat(response.bodyAsString()).doesNotContain("receiver-secret");
    assertThat(t.store.find(new StreamOwner("org-1", "client-a"), StreamId.of(id)).orElseThrow()
        .delivery().authorizationHeader()).isEqualTo("Bearer receiver-secret");
  }
}
