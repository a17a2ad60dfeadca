package io.ssfkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.StreamStatusReport;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Jackson module: ServiceLoader registration and the wire shapes of the model types. */
class SsfJacksonModuleTest {

  private static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

  private static final ObjectMapper DISCOVERED = new ObjectMapper().findAndRegisterModules();

  private static StreamConfiguration.Builder stream() {
    return StreamConfiguration.builder()
        .streamId(StreamId.of("550e8400-e29b-41d4-a716-446655440000"))
        .owner(new StreamOwner("org-1", "client-a"))
        .issuer("https://tenant.sailpoint.com")
        .audience("https://receiver.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://receiver.example.com/ssf/events"),
            "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"))
        .eventsSupported(List.of(SESSION_REVOKED))
        .eventsRequested(List.of(SESSION_REVOKED))
        .eventsDelivered(List.of(SESSION_REVOKED))
        .createdAt(Instant.parse("2025-02-11T14:00:00Z"))
        .updatedAt(Instant.parse("2025-02-11T14:30:00Z"));
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @Test
  @DisplayName("STYLE 9 the module is registered in META-INF/services and found by ServiceLoader")
  void serviceLoaderWhenLoadingJacksonModulesThenFindsSsfJacksonModule() {
    List<Module> modules = new ArrayList<>();
    ServiceLoader.load(Module.class).forEach(modules::add);

    assertThat(modules).hasAtLeastOneElementOfType(SsfJacksonModule.class);
  }

  @Test
  @DisplayName("STYLE 9 ObjectMapper.findAndRegisterModules() picks the module up: model types get their wire form")
  void findAndRegisterModulesWhenCalledThenModelTypesUseWireForm() throws Exception {
    assertThat(DISCOVERED.writeValueAsString(StreamId.of("abc"))).isEqualTo("\"abc\"");
    assertThat(DISCOVERED.writeValueAsString(StreamStatus.PAUSED)).isEqualTo("\"paused\"");
    assertThat(DISCOVERED.readValue("\"disabled\"", StreamStatus.class)).isEqualTo(StreamStatus.DISABLED);
    assertThat(DISCOVERED.readTree(DISCOVERED.writeValueAsString(stream().build())).has("stream_id")).isTrue();
  }

  @Test
  @DisplayName("2.2 / 0.1 a stream is written as Streamconfigresponse, never with authorization_header")
  void writeWhenStreamConfigurationThenStreamconfigresponseWithoutSecret() throws Exception {
    String json = DISCOVERED.writeValueAsString(stream().description("Production event stream").build());

    JsonNode node = DISCOVERED.readTree(json);
    assertThat(keys(node)).containsExactly("stream_id", "iss", "aud", "delivery", "events_supported",
        "events_requested", "events_delivered", "description");
    assertThat(keys(node.get("delivery"))).containsExactly("method", "endpoint_url");
    assertThat(node.at("/delivery/method").asText()).isEqualTo("urn:ietf:rfc:8935");
    assertThat(node.get("aud").isTextual()).as("aud is a single string in the product API").isTrue();
    assertThat(json).doesNotContain("authorization_header").doesNotContain("eyJhbGci");
    assertThat(json).doesNotContain("updatedAt").doesNotContain("createdAt").doesNotContain("version")
        .doesNotContain("owner").doesNotContain("client-a");
  }

  @Test
  @DisplayName("2.2 optional members: no description when null, integer timeouts when set")
  void writeWhenOptionalMembersThenOmittedOrIntegers() throws Exception {
    JsonNode bare = DISCOVERED.readTree(DISCOVERED.writeValueAsString(stream().build()));
    assertThat(bare.has("description")).isFalse();
    assertThat(bare.has("inactivity_timeout")).isFalse();
    assertThat(bare.has("min_verification_interval")).isFalse();

    JsonNode full = DISCOVERED.readTree(DISCOVERED.writeValueAsString(
        stream().description("").inactivityTimeout(3600).minVerificationInterval(300).build()));
    assertThat(full.get("description").asText()).isEmpty();
    assertThat(full.get("inactivity_timeout").isInt()).isTrue();
    assertThat(full.get("inactivity_timeout").asInt()).isEqualTo(3600);
    assertThat(full.get("min_verification_interval").asInt()).isEqualTo(300);
  }

  @Test
  @DisplayName("CFG events_delivered is REQUIRED on a stream, so empty event lists are written as [] (DISC-11 covers metadata only)")
  void writeWhenEventListsEmptyThenEmptyArrays() throws Exception {
    JsonNode node = DISCOVERED.readTree(DISCOVERED.writeValueAsString(
        stream().eventsRequested(List.of()).eventsDelivered(List.of()).build()));

    assertThat(node.get("events_requested").isArray()).isTrue();
    assertThat(node.get("events_requested")).isEmpty();
    assertThat(node.get("events_delivered")).isEmpty();
  }

  @Test
  @DisplayName("3.1 Streamstatusresponse: stream_id, status, and reason only when there is one")
  void writeWhenStatusReportThenStreamstatusresponse() throws Exception {
    StreamId id = StreamId.of("s1");

    assertThat(DISCOVERED.writeValueAsString(new StreamStatusReport(id, StreamStatus.ENABLED, null)))
        .isEqualTo("{\"stream_id\":\"s1\",\"status\":\"enabled\"}");
    assertThat(DISCOVERED.writeValueAsString(new StreamStatusReport(id, StreamStatus.PAUSED, "manually paused")))
        .isEqualTo("{\"stream_id\":\"s1\",\"status\":\"paused\",\"reason\":\"manually paused\"}");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(StreamStatus.class)
  @DisplayName("STATUS-2 every status round-trips through its lower-case wire value")
  void readWhenStatusWireValueThenRoundTrips(StreamStatus status) throws Exception {
    String json = DISCOVERED.writeValueAsString(status);

    assertThat(json).isEqualTo("\"" + status.name().toLowerCase(java.util.Locale.ROOT) + "\"");
    assertThat(DISCOVERED.readValue(json, StreamStatus.class)).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"active\"", "\"ENABLED\"", "\"\"", "1", "true", "{}"})
  @DisplayName("18.3 any other status value is refused")
  void readWhenStatusUnknownThenRefused(String json) {
    assertThatThrownBy(() -> DISCOVERED.readValue(json, StreamStatus.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"a/b\"", "\"\"", "\"a b\"", "\"é\"", "5", "[]"})
  @DisplayName("CFG-1 a stream_id outside the RFC 3986 unreserved characters, or not a string, is refused")
  void readWhenStreamIdMalformedThenRefused(String json) {
    assertThatThrownBy(() -> DISCOVERED.readValue(json, StreamId.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  @DisplayName("SUBJ a subject round-trips as its JSON members")
  void readWhenSubjectThenRoundTrips() throws Exception {
    String json = "{\"format\":\"email\",\"email\":\"user@example.com\"}";

    SubjectIdentifier subject = DISCOVERED.readValue(json, SubjectIdentifier.class);

    assertThat(subject.format()).isEqualTo("email");
    assertThat(subject.toMap()).isEqualTo(Map.of("format", "email", "email", "user@example.com"));
    assertThat(DISCOVERED.readTree(DISCOVERED.writeValueAsString(subject))).isEqualTo(DISCOVERED.readTree(json));
  }

  @Test
  @DisplayName("3.4 / DISC-4 / DISC-11 metadata: spec_version is the string 1_0, absent endpoints and empty arrays are omitted")
  void writeWhenMetadataHasEmptyPartsThenOmitted() throws Exception {
    TransmitterMetadata metadata = new TransmitterMetadata(TransmitterMetadata.SPEC_VERSION_1_0,
        URI.create("https://tr.example.com"), null, List.of(), URI.create("https://tr.example.com/ssf/v1/streams"),
        null, null, null, null, List.of(), null);

    JsonNode node = DISCOVERED.readTree(DISCOVERED.writeValueAsString(metadata));

    assertThat(keys(node)).containsExactlyInAnyOrder("spec_version", "issuer", "configuration_endpoint");
    assertThat(node.get("spec_version").isTextual()).isTrue();
    assertThat(node.get("spec_version").asText()).isEqualTo("1_0");
  }

  @Test
  @DisplayName("3.4 / DISC-9 / DISC-10 metadata: authorization_schemes as spec_urn objects, default_subjects as ALL/NONE")
  void writeWhenMetadataCompleteThenAllMembers() throws Exception {
    TransmitterMetadata metadata = new TransmitterMetadata(TransmitterMetadata.SPEC_VERSION_1_0,
        URI.create("https://tr.example.com"), URI.create("https://tr.example.com/ssf/v1/jwks"),
        List.of("urn:ietf:rfc:8935"), URI.create("https://tr.example.com/ssf/v1/streams"),
        URI.create("https://tr.example.com/ssf/v1/streams/status"),
        URI.create("https://tr.example.com/ssf/v1/streams/subjects/add"),
        URI.create("https://tr.example.com/ssf/v1/streams/subjects/remove"),
        URI.create("https://tr.example.com/ssf/v1/streams/verify"),
        List.of("urn:ietf:rfc:6749", "urn:ietf:rfc:6750"), DefaultSubjects.NONE);

    JsonNode node = DISCOVERED.readTree(DISCOVERED.writeValueAsString(metadata));

    assertThat(keys(node)).containsExactlyInAnyOrder("spec_version", "issuer", "jwks_uri",
        "delivery_methods_supported", "configuration_endpoint", "status_endpoint", "add_subject_endpoint",
        "remove_subject_endpoint", "verification_endpoint", "authorization_schemes", "default_subjects");
    assertThat(node.get("authorization_schemes").toString())
        .isEqualTo("[{\"spec_urn\":\"urn:ietf:rfc:6749\"},{\"spec_urn\":\"urn:ietf:rfc:6750\"}]");
    assertThat(node.get("default_subjects").asText()).isEqualTo("NONE");
    assertThat(node.has("events_supported")).as("DISC-12: no top-level events_supported").isFalse();
  }

  @Test
  @DisplayName("ERR-3 SsfJackson.newObjectMapper() is strict: a number is not coerced to a string, duplicates are refused")
  void newObjectMapperWhenLooseInputThenRefused() {
    ObjectMapper strict = SsfJackson.newObjectMapper();

    assertThatThrownBy(() -> strict.readValue("{\"description\":5}", io.ssfkit.stream.CreateStreamRequest.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> strict.readValue("{\"description\":\"a\",\"description\":\"b\"}",
        io.ssfkit.stream.CreateStreamRequest.class))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  @DisplayName("STREAM-2 SsfJackson.newObjectMapper() reads snake_case and ignores unknown members")
  void newObjectMapperWhenSnakeCaseAndUnknownMembersThenRead() throws Exception {
    io.ssfkit.stream.CreateStreamRequest request = SsfJackson.newObjectMapper().readValue(
        "{\"events_requested\":[\"" + SESSION_REVOKED + "\"],\"unknown\":1,"
            + "\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"https://r.example.com/e\","
            + "\"authorization_header\":\"Bearer x\"}}",
        io.ssfkit.stream.CreateStreamRequest.class);

    assertThat(request.eventsRequested()).containsExactly(SESSION_REVOKED);
    assertThat(request.delivery().endpointUrl()).isEqualTo("https://r.example.com/e");
    assertThat(request.delivery().authorizationHeader()).isEqualTo("Bearer x");
  }
}
