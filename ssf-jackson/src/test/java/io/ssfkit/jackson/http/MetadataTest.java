package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.keys;
import static io.ssfkit.jackson.http.HttpAssertions.strings;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.jackson.http.ApiOperation.Paths;
import io.ssfkit.subject.DefaultSubjects;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /.well-known/v1/ssf-configuration ({@code getSSFConfigurationV1}) and the SSF 1.0 well-known path: 200, 404. */
class MetadataTest {

  private static SsfHttpResponse getAnonymously(TestTransmitter t, String path) {
    return t.send(SsfHttpRequest.of("GET", path, Map.of(), ""));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Paths.PRODUCT_METADATA, Paths.WELL_KNOWN_METADATA})
  @DisplayName("DISC-2 / DISC-9 metadata is served with 200 application/json without authentication")
  void getMetadataWhenAnonymousThenOk(String path) {
    TestTransmitter t = TestTransmitter.create();

    JsonNode metadata = assertJson(getAnonymously(t, path), 200);

    assertThat(keys(metadata)).containsExactlyInAnyOrder(
        "spec_version", "issuer", "delivery_methods_supported", "configuration_endpoint", "status_endpoint",
        "add_subject_endpoint", "remove_subject_endpoint", "authorization_schemes", "default_subjects");
    assertThat(metadata.get("issuer").asText()).isEqualTo("https://tr.example.com");
    assertThat(metadata.get("spec_version").isTextual()).as("spec_version is the string 1_0, not a number").isTrue();
    assertThat(metadata.get("spec_version").asText()).isEqualTo("1_0");
    assertThat(strings(metadata.get("delivery_methods_supported"))).containsExactly("urn:ietf:rfc:8935");
    assertThat(metadata.get("configuration_endpoint").asText()).isEqualTo("https://tr.example.com/ssf/v1/streams");
    assertThat(metadata.get("status_endpoint").asText()).isEqualTo("https://tr.example.com/ssf/v1/streams/status");
    assertThat(metadata.get("add_subject_endpoint").asText())
        .isEqualTo("https://tr.example.com/ssf/v1/streams/subjects/add");
    assertThat(metadata.get("remove_subject_endpoint").asText())
        .isEqualTo("https://tr.example.com/ssf/v1/streams/subjects/remove");
    assertThat(metadata.get("authorization_schemes").toString())
        .isEqualTo("[{\"spec_urn\":\"urn:ietf:rfc:6749\"},{\"spec_urn\":\"urn:ietf:rfc:6750\"}]");
    assertThat(metadata.get("default_subjects").asText()).isEqualTo("ALL");
  }

  @Test
  @DisplayName("DISC-7 endpoints that are not mounted (verification, jwks) are not advertised")
  void getMetadataWhenVerificationNotMountedThenNotAdvertised() {
    TestTransmitter t = TestTransmitter.create();

    JsonNode metadata = assertJson(getAnonymously(t, Paths.PRODUCT_METADATA), 200);

    assertThat(metadata.has("verification_endpoint")).isFalse();
    assertThat(metadata.has("jwks_uri")).isFalse();
    assertNotFound(t.send("POST", "/ssf/v1/streams/verify", TOKEN_A, "{}"));
    assertNotFound(getAnonymously(t, "/ssf/v1/jwks"));
  }

  @Test
  @DisplayName("DISC-7 every advertised endpoint is actually served (it does not answer 404)")
  void getMetadataWhenEndpointsAdvertisedThenEachIsServed() {
    TestTransmitter t = TestTransmitter.create();
    JsonNode metadata = assertJson(getAnonymously(t, Paths.PRODUCT_METADATA), 200);

    for (String member : new String[] {"configuration_endpoint", "status_endpoint"}) {
      String path = URI.create(metadata.get(member).asText()).getRawPath();
      assertThat(t.send("GET", path, TOKEN_A, null).status()).as(member).isIn(200, 400);
    }
    for (String member : new String[] {"add_subject_endpoint", "remove_subject_endpoint"}) {
      String path = URI.create(metadata.get(member).asText()).getRawPath();
      assertThat(t.send("POST", path, TOKEN_A, "{}").status()).as(member).isEqualTo(400);
    }
  }

  @Test
  @DisplayName("DISC-11 the metadata never holds an empty array")
  void getMetadataWhenSerializedThenNoEmptyArray() {
    TestTransmitter t = TestTransmitter.create();

    JsonNode metadata = assertJson(getAnonymously(t, Paths.PRODUCT_METADATA), 200);

    for (String member : keys(metadata)) {
      if (metadata.get(member).isArray()) {
        assertThat(metadata.get(member)).as(member).isNotEmpty();
      }
    }
  }

  @Test
  @DisplayName("DISC-10 default_subjects follows the configuration")
  void getMetadataWhenDefaultSubjectsNoneThenNone() {
    TestTransmitter t = TestTransmitter.create(b -> b.defaultSubjects(DefaultSubjects.NONE));

    assertThat(assertJson(getAnonymously(t, Paths.PRODUCT_METADATA), 200).get("default_subjects").asText())
        .isEqualTo("NONE");
  }

  @Test
  @DisplayName("DISC-9 the metadata is public: an invalid Authorization header does not turn it into a 401")
  void getMetadataWhenInvalidTokenSentThenStillOk() {
    TestTransmitter t = TestTransmitter.create();

    assertJson(t.send("GET", Paths.PRODUCT_METADATA, "not-a-valid-token", null), 200);
  }

  @ParameterizedTest(name = "issuer {0} -> {1}")
  @CsvSource({
      "https://tr.example.com, /.well-known/ssf-configuration",
      "https://tr.example.com/, /.well-known/ssf-configuration",
      "https://tr.example.com/tenant1, /.well-known/ssf-configuration/tenant1",
      "https://tr.example.com/tenant1/, /.well-known/ssf-configuration/tenant1",
      "https://tr.example.com/a/b, /.well-known/ssf-configuration/a/b",
      "https://tr.example.com:8443/tenant1, /.well-known/ssf-configuration/tenant1",
  })
  @DisplayName("DISC-1 the SSF 1.0 metadata is served at the well-known path followed by the issuer's path")
  void getMetadataWhenIssuerHasPathThenServedAtWellKnownPlusPath(String issuer, String wellKnown) {
    TestTransmitter t = TestTransmitter.create(b -> b.issuer(URI.create(issuer)));

    JsonNode metadata = assertJson(getAnonymously(t, wellKnown), 200);

    assertThat(metadata.get("issuer").asText()).isEqualTo(issuer);
    assertThat(assertJson(getAnonymously(t, Paths.PRODUCT_METADATA), 200)).isEqualTo(metadata);
  }

  @Test
  @DisplayName("DISC-1 / DISC-2 with issuer https://tr.example.com/tenant1 the path-less well-known URL is 404, and the API lives under /tenant1")
  void getMetadataWhenIssuerHasPathThenApiUnderThatPath() {
    TestTransmitter t = TestTransmitter.create(b -> b.issuer(URI.create("https://tr.example.com/tenant1")));

    assertNotFound(getAnonymously(t, Paths.WELL_KNOWN_METADATA));
    assertNotFound(getAnonymously(t, Paths.WELL_KNOWN_METADATA + "/other-tenant"));
    JsonNode metadata = assertJson(getAnonymously(t, Paths.WELL_KNOWN_METADATA + "/tenant1"), 200);
    assertThat(metadata.get("configuration_endpoint").asText())
        .isEqualTo("https://tr.example.com/tenant1/ssf/v1/streams");
    assertThat(metadata.get("status_endpoint").asText())
        .isEqualTo("https://tr.example.com/tenant1/ssf/v1/streams/status");

    JsonNode stream = assertJson(t.send("POST", "/tenant1/ssf/v1/streams", TOKEN_A, TestTransmitter.CREATE_BODY), 201);
    assertThat(stream.get("iss").asText()).isEqualTo("https://tr.example.com/tenant1");
    assertNotFound(t.send("GET", Paths.STREAMS, TOKEN_A, null));
  }
}
