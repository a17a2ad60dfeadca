package io.ssfkit.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.testkit.ReceiverSimulator;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The conformance-parity suite: checks over real HTTP, with {@link HttpClient}, what the OpenID Foundation
 * conformance suite's SSF transmitter test plans check, so that a host can prove in its own CI, without
 * MongoDB, Docker or Java 21, that its deployment of ssfkit (or any SSF 1.0 transmitter) conforms. Each test's
 * display name names the requirement IDs it checks (see {@code ssf-requirements.md}).
 *
 * <pre>{@code
 * class MyTransmitterConformanceTest extends TransmitterConformanceSuite {
 *   @Override protected URI baseUrl() { return URI.create("https://ssf.staging.example.com"); }
 *   @Override protected String bearerToken() { return System.getenv("SSF_TEST_TOKEN"); }
 * }
 * }</pre>
 *
 * <p>The groups:
 * <ul>
 *   <li><b>Metadata</b>: the well-known document (DISC-1 to DISC-9), its issuer, https endpoints, {@code
 *       spec_version}, authorization schemes, and a {@code jwks_uri} that serves public keys only (KEY-1 to
 *       KEY-3);
 *   <li><b>Stream control</b>: create, get, list, patch, put, status get and set, delete (STREAM, STATUS);
 *   <li><b>Negative</b>: broken JSON, an invalid or missing token and an unknown stream, for create, read,
 *       update, replace and delete, and another client's stream when {@link #secondClientToken()} is given;
 *   <li><b>Subjects</b>: add and remove (SUBJ-2, SUBJ-5, SUBJ-11);
 *   <li><b>Push</b>: verification over push to a {@link ReceiverSimulator} that verifies every SET against the
 *       transmitter's JWKS, with and without an {@code authorization_header} (VERIFY, PUSH-1, PUSH-2);
 *   <li><b>Poll</b>: verification over poll, poll-and-acknowledge, acknowledge-only with {@code maxEvents: 0}
 *       (POLL).
 * </ul>
 *
 * <p>The push tests register the simulator's endpoint, {@code http://127.0.0.1:<port>/events}, as the stream's
 * {@code endpoint_url}, so they need a transmitter that runs on the same machine as the tests and accepts
 * http and loopback receiver URLs (a development URL policy). A transmitter that refuses that URL with
 * {@code 400} skips them (a JUnit assumption), which production-like deployments do.
 *
 * <p>Every stream a test creates is deleted after it. Tests create streams with the token of
 * {@link #bearerToken()}; a transmitter that allows one stream per receiver (STREAM-5) therefore needs a client
 * with no stream of its own when the suite starts. Each test asks for at most one verification per stream, so
 * a {@code min_verification_interval} does not get in the way. Waits are bounded ({@link #timeout()}); no test
 * sleeps.
 */
public abstract class TransmitterConformanceSuite {

  /** The delivery method URI of push, RFC 8935. */
  protected static final String PUSH = "urn:ietf:rfc:8935";

  /** The delivery method URI of poll, RFC 8936. */
  protected static final String POLL = "urn:ietf:rfc:8936";

  /** The event type URI of verification (SSF 1.0 section 8.1.4). */
  protected static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";

  private static final String SESSION_REVOKED =
      "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
  private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<String> createdStreams = new ArrayList<>();
  private @Nullable HttpClient client;

  /** Creates the suite; subclasses implement {@link #baseUrl()} and {@link #bearerToken()}. */
  protected TransmitterConformanceSuite() {}

  /**
   * Returns the transmitter's issuer URL, such as {@code https://ssf.example.com} or
   * {@code https://ssf.example.com/tenant1}. The suite fetches the metadata from the well-known URL derived from
   * it (DISC-1), and expects the metadata's {@code issuer} to map to that same URL.
   *
   * @return the issuer URL
   */
  protected abstract URI baseUrl();

  /**
   * Returns a bearer token of a receiver allowed to manage streams ({@code ssf.manage}), sent as
   * {@code Authorization: Bearer <token>}.
   *
   * @return the token
   */
  protected abstract String bearerToken();

  /**
   * Returns the token of a second receiver, to check that one receiver cannot see or change another's streams
   * (AUTH-2); the tests that need it are skipped when it is null.
   *
   * @return the token, or null (the default)
   */
  protected @Nullable String secondClientToken() {
    return null;
  }

  /**
   * Tells whether the issuer and every endpoint in the metadata must be https URLs (DISC-3, DISC-5, DISC-7).
   * Keep it true for a real deployment; return false only for a local http transmitter, such as the
   * reference transmitter in development mode.
   *
   * @return true (the default) to require https
   */
  protected boolean requireHttps() {
    return true;
  }

  /**
   * Returns how long the suite waits for a SET to arrive at the push receiver or to be offered by the poll
   * endpoint, and how long one HTTP request may take.
   *
   * @return 30 seconds by default
   */
  protected Duration timeout() {
    return Duration.ofSeconds(30);
  }

  /**
   * Creates the HTTP client the suite sends its requests with; override it to trust a private CA, for
   * example with {@link HttpClient.Builder#sslContext}. Called once per test.
   *
   * @return a client that does not follow redirects
   */
  protected HttpClient newHttpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Returns the well-known metadata URL of an issuer (DISC-1): the issuer's scheme and authority, then
   * {@code /.well-known/ssf-configuration}, then the issuer's path without a trailing slash.
   *
   * @param issuer the issuer URL
   * @return the metadata URL
   */
  protected static URI metadataUrl(URI issuer) {
    String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority() + "/.well-known/ssf-configuration"
        + path);
  }

  /** Deletes the streams the test created, whatever its outcome. */
  @AfterEach
  void deleteCreatedStreams() {
    for (String id : List.copyOf(createdStreams)) {
      try {
        send("DELETE", withQuery(endpoint("configuration_endpoint"), id), bearerToken(), null);
      } catch (RuntimeException e) {
        // Best effort: the test's own outcome is what counts.
      }
    }
    createdStreams.clear();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Metadata

  /** The transmitter configuration metadata and the JWK Set (DISC, KEY). */
  @Nested
  @DisplayName("Metadata (DISC, KEY)")
  class Metadata {

    @Test
    @DisplayName("DISC-1, DISC-2, DISC-9: the well-known document answers 200 application/json without authentication")
    void metadataWhenFetchedWithoutTokenThen200Json() {
      Reply reply = send("GET", metadataUrl(baseUrl()), null, null);

      assertThat(reply.status()).as("status of GET %s", metadataUrl(baseUrl())).isEqualTo(200);
      assertThat(reply.contentType()).startsWith("application/json");
      assertThat(object(reply.body())).isNotEmpty();
    }

    @Test
    @DisplayName("DISC-3: issuer is present and maps to the URL the metadata was fetched from")
    void metadataWhenFetchedThenIssuerIsConsistentWithTheUrl() {
      String issuer = issuer();

      URI parsed = URI.create(issuer);
      assertThat(parsed.getRawQuery()).as("issuer query").isNull();
      assertThat(parsed.getRawFragment()).as("issuer fragment").isNull();
      assertThat(metadataUrl(parsed)).as("the metadata URL derived from issuer " + issuer)
          .isEqualTo(metadataUrl(baseUrl()));
      if (requireHttps()) {
        assertThat(parsed.getScheme()).as("issuer scheme").isEqualTo("https");
      }
    }

    @Test
    @DisplayName("DISC-4: spec_version is \"1_0\"")
    void metadataWhenFetchedThenSpecVersionIs10() {
      assertThat(metadata().get("spec_version")).isEqualTo("1_0");
    }

    @Test
    @DisplayName("DISC-5, DISC-7: jwks_uri and the configuration, status and verification endpoints are present")
    void metadataWhenFetchedThenRequiredEndpointsArePresent() {
      Map<String, Object> metadata = metadata();

      for (String name : List.of("jwks_uri", "configuration_endpoint", "status_endpoint",
          "verification_endpoint")) {
        assertThat(metadata.get(name)).as(name).isInstanceOf(String.class);
        assertThat(URI.create((String) metadata.get(name)).isAbsolute()).as(name + " is absolute").isTrue();
      }
    }

    @Test
    @DisplayName("DISC-5, DISC-7: every endpoint in the metadata is https (when requireHttps)")
    void metadataWhenHttpsRequiredThenEveryEndpointIsHttps() {
      assumeTrue(requireHttps(), "requireHttps() is false: the transmitter under test serves http");
      Map<String, Object> metadata = metadata();

      for (String name : List.of("jwks_uri", "configuration_endpoint", "status_endpoint", "add_subject_endpoint",
          "remove_subject_endpoint", "verification_endpoint")) {
        if (metadata.get(name) instanceof String url) {
          assertThat(URI.create(url).getScheme()).as(name).isEqualTo("https");
        }
      }
    }

    @Test
    @DisplayName("DISC-6: delivery_methods_supported lists push and/or poll only")
    void metadataWhenFetchedThenDeliveryMethodsAreKnown() {
      assertThat(metadata().get("delivery_methods_supported")).isInstanceOf(List.class);
      assertThat(list(metadata().get("delivery_methods_supported"))).isNotEmpty().isSubsetOf(PUSH, POLL);
    }

    @Test
    @DisplayName("DISC-9: authorization_schemes contains {\"spec_urn\":\"urn:ietf:rfc:6749\"}")
    void metadataWhenFetchedThenAuthorizationSchemesNameOAuth() {
      Object schemes = metadata().get("authorization_schemes");

      assertThat(schemes).isInstanceOf(List.class);
      assertThat(list(schemes)).allSatisfy(scheme -> assertThat(scheme).isInstanceOf(Map.class))
          .anySatisfy(scheme -> assertThat(map(scheme).get("spec_urn")).isEqualTo("urn:ietf:rfc:6749"));
    }

    @Test
    @DisplayName("KEY-1, KEY-2, KEY-3: jwks_uri serves a JWK Set of public keys with kty and kid")
    void jwksWhenFetchedThenPublicKeysOnly() throws ParseException {
      Reply reply = send("GET", endpoint("jwks_uri"), null, null);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.contentType()).matches("application/(jwk-set\\+)?json.*");
      Map<String, Object> jwks = object(reply.body());
      assertThat(jwks.get("keys")).isInstanceOf(List.class);
      List<Object> keys = list(jwks.get("keys"));
      assertThat(keys).isNotEmpty();
      for (Object key : keys) {
        Map<String, Object> jwk = map(key);
        assertThat(jwk).containsKeys("kty", "kid").doesNotContainKeys(PRIVATE_JWK_MEMBERS.toArray(String[]::new));
      }
      assertThat(JWKSet.parse(reply.body()).getKeys()).noneMatch(JWK::isPrivate);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Stream control

  /** The stream-control happy path (STREAM, STATUS). */
  @Nested
  @DisplayName("Stream control (STREAM, STATUS)")
  class StreamControl {

    @Test
    @DisplayName("STREAM-1, STREAM-6..9, STREAM-11, STREAM-15, STREAM-17, STATUS-1, STATUS-3: create, get, list,"
        + " patch, put, status get and set, delete")
    void streamWhenDrivenThroughItsLifecycleThenEveryStepAnswersAsSpecified() {
      String issuer = issuer();
      URI config = endpoint("configuration_endpoint");
      URI status = endpoint("status_endpoint");

      Reply create = send("POST", config, bearerToken(), json(Map.of(
          "delivery", Map.of("method", POLL),
          "events_requested", List.of(SESSION_REVOKED),
          "description", "created by the conformance suite")));
      assertThat(create.status()).as("create: %s", create).isEqualTo(201);
      assertThat(create.contentType()).startsWith("application/json");
      Map<String, Object> created = object(create.body());
      String id = remember(created);
      assertThat(created).containsKeys("stream_id", "iss", "aud", "delivery", "events_delivered");
      assertThat(created.get("iss")).as("iss").isEqualTo(issuer);
      assertThat(map(created.get("delivery")).get("method")).isEqualTo(POLL);
      assertThat(map(created.get("delivery")).get("endpoint_url")).as("the poll endpoint_url")
          .isInstanceOf(String.class);

      Reply get = send("GET", withQuery(config, id), bearerToken(), null);
      assertThat(get.status()).as("get: %s", get).isEqualTo(200);
      assertThat(object(get.body())).containsEntry("stream_id", id).containsEntry("iss", issuer);

      Reply all = send("GET", config, bearerToken(), null);
      assertThat(all.status()).as("list: %s", all).isEqualTo(200);
      assertThat(array(all.body())).as("GET without stream_id answers an array")
          .anySatisfy(stream -> assertThat(map(stream).get("stream_id")).isEqualTo(id));

      Reply patch = send("PATCH", config, bearerToken(), json(Map.of(
          "stream_id", id, "description", "patched by the conformance suite")));
      assertThat(patch.status()).as("patch: %s", patch).isIn(200, 202);
      Map<String, Object> patched = object(send("GET", withQuery(config, id), bearerToken(), null).body());
      assertThat(patched).containsEntry("description", "patched by the conformance suite")
          .containsEntry("iss", issuer);
      assertThat(patched.get("delivery")).as("PATCH keeps what it does not name").isEqualTo(created.get("delivery"));
      assertThat(patched.get("events_requested")).isEqualTo(created.get("events_requested"));

      Map<String, Object> replacement = new LinkedHashMap<>();
      replacement.put("stream_id", id);
      replacement.put("delivery", patched.get("delivery"));
      replacement.put("events_requested", List.of(SESSION_REVOKED));
      replacement.put("description", "replaced by the conformance suite");
      Reply put = send("PUT", config, bearerToken(), json(replacement));
      assertThat(put.status()).as("put: %s", put).isIn(200, 202);
      assertThat(object(send("GET", withQuery(config, id), bearerToken(), null).body()))
          .containsEntry("description", "replaced by the conformance suite").containsEntry("stream_id", id);

      Reply enabled = send("GET", withQuery(status, id), bearerToken(), null);
      assertThat(enabled.status()).as("status get: %s", enabled).isEqualTo(200);
      assertThat(object(enabled.body())).containsEntry("stream_id", id).containsEntry("status", "enabled");

      Reply pause = send("POST", status, bearerToken(), json(Map.of(
          "stream_id", id, "status", "paused", "reason", "paused by the conformance suite")));
      assertThat(pause.status()).as("status set: %s", pause).isIn(200, 202);
      if (pause.status() == 200) {
        assertThat(object(pause.body())).containsEntry("stream_id", id).containsEntry("status", "paused");
        assertThat(object(send("GET", withQuery(status, id), bearerToken(), null).body()))
            .containsEntry("status", "paused");
      }
      Reply enable = send("POST", status, bearerToken(), json(Map.of("stream_id", id, "status", "enabled")));
      assertThat(enable.status()).as("status set: %s", enable).isIn(200, 202);

      Reply delete = send("DELETE", withQuery(config, id), bearerToken(), null);
      assertThat(delete.status()).as("delete: %s", delete).isEqualTo(204);
      assertThat(delete.body()).isEmpty();
      assertThat(send("GET", withQuery(config, id), bearerToken(), null).status()).as("get after delete")
          .isEqualTo(404);
      createdStreams.remove(id);
    }

    @Test
    @DisplayName("STREAM-3: a create without delivery gets a poll stream")
    void createWhenNoDeliveryThenPoll() {
      Reply create = send("POST", endpoint("configuration_endpoint"), bearerToken(),
          json(Map.of("events_requested", List.of(SESSION_REVOKED))));

      assertThat(create.status()).as("create: %s", create).isEqualTo(201);
      Map<String, Object> created = object(create.body());
      remember(created);
      assertThat(map(created.get("delivery")).get("method")).isEqualTo(POLL);
    }

    @Test
    @DisplayName("STATUS-2: an unknown status value is 400")
    void statusWhenUnknownValueThen400() {
      String id = createPollStream();

      assertThat(send("POST", endpoint("status_endpoint"), bearerToken(),
          json(Map.of("stream_id", id, "status", "active"))).status()).isEqualTo(400);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Negative tests

  /** Broken input, invalid tokens and unknown streams for every operation (STREAM, AUTH, ERR). */
  @Nested
  @DisplayName("Negative (STREAM, AUTH)")
  class Negative {

    private static final String BROKEN_JSON = "{\"delivery\": {\"method\": ";

    @Test
    @DisplayName("STREAM-2: create with broken JSON is 400")
    void createWhenBrokenJsonThen400() {
      assertThat(send("POST", endpoint("configuration_endpoint"), bearerToken(), BROKEN_JSON).status())
          .isEqualTo(400);
    }

    @Test
    @DisplayName("STREAM-9: update with broken JSON is 400")
    void updateWhenBrokenJsonThen400() {
      createPollStream();
      assertThat(send("PATCH", endpoint("configuration_endpoint"), bearerToken(), BROKEN_JSON).status())
          .isEqualTo(400);
    }

    @Test
    @DisplayName("STREAM-11: replace with broken JSON is 400")
    void replaceWhenBrokenJsonThen400() {
      createPollStream();
      assertThat(send("PUT", endpoint("configuration_endpoint"), bearerToken(), BROKEN_JSON).status())
          .isEqualTo(400);
    }

    @Test
    @DisplayName("STATUS-3: status update with broken JSON is 400")
    void statusUpdateWhenBrokenJsonThen400() {
      assertThat(send("POST", endpoint("status_endpoint"), bearerToken(), BROKEN_JSON).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("AUTH-1, AUTH-3: create with an invalid token is 401 with a challenge")
    void createWhenInvalidTokenThen401() {
      assertUnauthorized(send("POST", endpoint("configuration_endpoint"), invalidToken(),
          json(Map.of("delivery", Map.of("method", POLL)))));
    }

    @Test
    @DisplayName("AUTH-1, AUTH-3: create without a token is 401 with a challenge")
    void createWhenNoTokenThen401() {
      assertUnauthorized(send("POST", endpoint("configuration_endpoint"), null,
          json(Map.of("delivery", Map.of("method", POLL)))));
    }

    @Test
    @DisplayName("AUTH-1, AUTH-3: read with an invalid token is 401")
    void readWhenInvalidTokenThen401() {
      String id = createPollStream();
      assertUnauthorized(send("GET", withQuery(endpoint("configuration_endpoint"), id), invalidToken(), null));
    }

    @Test
    @DisplayName("AUTH-1, AUTH-3: update with an invalid token is 401")
    void updateWhenInvalidTokenThen401() {
      String id = createPollStream();
      assertUnauthorized(send("PATCH", endpoint("configuration_endpoint"), invalidToken(),
          json(Map.of("stream_id", id, "description", "x"))));
    }

    @Test
    @DisplayName("AUTH-1, AUTH-3: replace with an invalid token is 401")
    void replaceWhenInvalidTokenThen401() {
      String id = createPollStream();
      assertUnauthorized(send("PUT", endpoint("configuration_endpoint"), invalidToken(),
          json(Map.of("stream_id", id, "delivery", Map.of("method", POLL)))));
    }

    @Test
    @DisplayName("AUTH-1, AUTH-3: delete with an invalid token is 401, and the stream survives")
    void deleteWhenInvalidTokenThen401() {
      String id = createPollStream();
      assertUnauthorized(send("DELETE", withQuery(endpoint("configuration_endpoint"), id), invalidToken(), null));
      assertThat(send("GET", withQuery(endpoint("configuration_endpoint"), id), bearerToken(), null).status())
          .isEqualTo(200);
    }

    @Test
    @DisplayName("AUTH-1: status read and update with an invalid token are 401")
    void statusWhenInvalidTokenThen401() {
      String id = createPollStream();
      assertUnauthorized(send("GET", withQuery(endpoint("status_endpoint"), id), invalidToken(), null));
      assertUnauthorized(send("POST", endpoint("status_endpoint"), invalidToken(),
          json(Map.of("stream_id", id, "status", "paused"))));
    }

    @Test
    @DisplayName("STREAM-7: read of an unknown stream is 404")
    void readWhenUnknownStreamThen404() {
      assertThat(send("GET", withQuery(endpoint("configuration_endpoint"), unknownId()), bearerToken(), null)
          .status()).isEqualTo(404);
    }

    @Test
    @DisplayName("STREAM-9: update of an unknown stream is 404")
    void updateWhenUnknownStreamThen404() {
      assertThat(send("PATCH", endpoint("configuration_endpoint"), bearerToken(),
          json(Map.of("stream_id", unknownId(), "description", "x"))).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("STREAM-11: replace of an unknown stream is 404")
    void replaceWhenUnknownStreamThen404() {
      assertThat(send("PUT", endpoint("configuration_endpoint"), bearerToken(),
          json(Map.of("stream_id", unknownId(), "delivery", Map.of("method", POLL)))).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("STREAM-15: delete of an unknown stream is 404")
    void deleteWhenUnknownStreamThen404() {
      assertThat(send("DELETE", withQuery(endpoint("configuration_endpoint"), unknownId()), bearerToken(), null)
          .status()).isEqualTo(404);
    }

    @Test
    @DisplayName("STATUS-1, STATUS-3: status read and update of an unknown stream are 404")
    void statusWhenUnknownStreamThen404() {
      String unknown = unknownId();
      assertThat(send("GET", withQuery(endpoint("status_endpoint"), unknown), bearerToken(), null).status())
          .isEqualTo(404);
      assertThat(send("POST", endpoint("status_endpoint"), bearerToken(),
          json(Map.of("stream_id", unknown, "status", "paused"))).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("VERIFY-1: verification of an unknown stream is 404")
    void verifyWhenUnknownStreamThen404() {
      assertThat(send("POST", endpoint("verification_endpoint"), bearerToken(),
          json(Map.of("stream_id", unknownId()))).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("AUTH-2: another receiver can neither read, update nor delete the stream (403 or 404)")
    void otherClientWhenTouchingTheStreamThenRefused() {
      String other = secondClientToken();
      assumeTrue(other != null, "secondClientToken() is not configured");
      String id = createPollStream();
      URI config = endpoint("configuration_endpoint");

      assertThat(send("GET", withQuery(config, id), other, null).status()).as("read").isIn(403, 404);
      assertThat(send("PATCH", config, other, json(Map.of("stream_id", id, "description", "x"))).status())
          .as("update").isIn(403, 404);
      assertThat(send("GET", withQuery(endpoint("status_endpoint"), id), other, null).status()).as("status")
          .isIn(403, 404);
      assertThat(send("DELETE", withQuery(config, id), other, null).status()).as("delete").isIn(403, 404);
      assertThat(send("GET", withQuery(config, id), bearerToken(), null).status()).as("the owner still reads it")
          .isEqualTo(200);
    }

    private void assertUnauthorized(Reply reply) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(401);
      assertThat(reply.response().headers().firstValue("WWW-Authenticate")).as("WWW-Authenticate").isPresent();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Subjects

  /** Adding and removing subjects (SUBJ). */
  @Nested
  @DisplayName("Subjects (SUBJ)")
  class Subjects {

    @Test
    @DisplayName("SUBJ-2, SUBJ-5: add answers 200 and remove answers 204")
    void subjectWhenAddedAndRemovedThen200And204() {
      String id = createPollStream();
      Map<String, Object> subject = Map.of("format", "email", "email", "conformance@example.com");

      Reply add = send("POST", endpoint("add_subject_endpoint"), bearerToken(),
          json(Map.of("stream_id", id, "subject", subject, "verified", true)));
      assertThat(add.status()).as("add: %s", add).isEqualTo(200);

      Reply remove = send("POST", endpoint("remove_subject_endpoint"), bearerToken(),
          json(Map.of("stream_id", id, "subject", subject)));
      assertThat(remove.status()).as("remove: %s", remove).isEqualTo(204);
      assertThat(remove.body()).isEmpty();
    }

    @Test
    @DisplayName("SUBJ-11: a subject missing its format's member is 400")
    void subjectWhenMalformedThen400() {
      String id = createPollStream();

      assertThat(send("POST", endpoint("add_subject_endpoint"), bearerToken(),
          json(Map.of("stream_id", id, "subject", Map.of("format", "email")))).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("SUBJ-2: adding a subject to an unknown stream is 404")
    void subjectWhenUnknownStreamThen404() {
      assertThat(send("POST", endpoint("add_subject_endpoint"), bearerToken(), json(Map.of(
          "stream_id", unknownId(), "subject", Map.of("format", "email", "email", "a@example.com")))).status())
          .isEqualTo(404);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Push

  /** Verification over push to a verifying {@link ReceiverSimulator} (VERIFY, PUSH, SET). */
  @Nested
  @DisplayName("Push delivery (PUSH, VERIFY, SET)")
  class Push {

    @Test
    @DisplayName("VERIFY-1, VERIFY-2, PUSH-1, PUSH-2, SET-1..9: a requested verification is pushed, signed,"
        + " with the state, and the authorization_header")
    void verifyWhenPushStreamThenSignedVerificationSetArrivesWithState() throws Exception {
      AtomicReference<String> audience = new AtomicReference<>("");
      try (ReceiverSimulator receiver = verifyingReceiver(audience)) {
        Map<String, Object> stream = createPushStream(receiver, "Bearer conformance-push-secret");
        String id = (String) stream.get("stream_id");
        audience.set(firstAudience(stream));
        String state = "state-" + unknownId();

        Reply verify = send("POST", endpoint("verification_endpoint"), bearerToken(),
            json(Map.of("stream_id", id, "state", state)));
        assertThat(verify.status()).as("verify: %s", verify).isEqualTo(204);

        ReceivedRequest request = awaitVerification(receiver);
        assertThat(request.rejection()).as("the receiver's verification of the SET").isEmpty();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/secevent+jwt"));
        assertThat(request.header("Authorization")).contains("Bearer conformance-push-secret");
        assertVerificationSet(SignedJWT.parse(request.bodyText().trim()).getJWTClaimsSet(), id, state);
      }
    }

    @Test
    @DisplayName("PUSH-2: without authorization_header, SETs are pushed without an Authorization header")
    void verifyWhenNoAuthorizationHeaderThenPushHasNone() throws Exception {
      AtomicReference<String> audience = new AtomicReference<>("");
      try (ReceiverSimulator receiver = verifyingReceiver(audience)) {
        Map<String, Object> stream = createPushStream(receiver, null);
        String id = (String) stream.get("stream_id");
        audience.set(firstAudience(stream));

        assertThat(send("POST", endpoint("verification_endpoint"), bearerToken(),
            json(Map.of("stream_id", id))).status()).isEqualTo(204);

        ReceivedRequest request = awaitVerification(receiver);
        assertThat(request.rejection()).as("the receiver's verification of the SET").isEmpty();
        assertThat(request.headerValues("Authorization")).isEmpty();
      }
    }

    private ReceiverSimulator verifyingReceiver(AtomicReference<String> audience) {
      return ReceiverSimulator.builder().verifyWith(endpoint("jwks_uri"), issuer(), audience::get)
          .jwksClient(newHttpClient()).start();
    }

    private Map<String, Object> createPushStream(ReceiverSimulator receiver, @Nullable String authorization) {
      Map<String, Object> delivery = new LinkedHashMap<>();
      delivery.put("method", PUSH);
      delivery.put("endpoint_url", receiver.endpoint().toString());
      if (authorization != null) {
        delivery.put("authorization_header", authorization);
      }
      Reply create = send("POST", endpoint("configuration_endpoint"), bearerToken(), json(Map.of(
          "delivery", delivery, "events_requested", List.of(SESSION_REVOKED))));
      assumeTrue(create.status() != 400 || !create.body().contains("endpoint_url"),
          () -> "the transmitter refuses the loopback push URL " + receiver.endpoint()
              + " (run it with a development URL policy to run the push tests): " + create);
      assertThat(create.status()).as("create: %s", create).isEqualTo(201);
      Map<String, Object> stream = object(create.body());
      remember(stream);
      return stream;
    }

    private ReceivedRequest awaitVerification(ReceiverSimulator receiver) throws Exception {
      long deadline = System.nanoTime() + timeout().toNanos();
      for (int count = 1; count <= 20; count++) {
        long left = deadline - System.nanoTime();
        List<ReceivedRequest> requests = receiver.awaitRequests(count, Duration.ofNanos(Math.max(left, 0)));
        for (ReceivedRequest request : requests) {
          if (request.bodyText().contains(".") && eventTypes(request.bodyText()).contains(VERIFICATION)) {
            return request;
          }
        }
        if (requests.size() < count) {
          break;
        }
      }
      return fail("no verification SET arrived at " + receiver.endpoint() + " within " + timeout() + "; received "
          + receiver.requests());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Poll

  /** Verification over poll, poll-and-acknowledge, acknowledge-only (POLL, VERIFY). */
  @Nested
  @DisplayName("Poll delivery (POLL, VERIFY)")
  class Poll {

    @Test
    @DisplayName("VERIFY-1, VERIFY-2, POLL-2, POLL-3, SET-1..9: a requested verification is offered by the poll"
        + " endpoint, signed, with the state")
    void verifyWhenPollStreamThenSignedVerificationSetIsOffered() throws Exception {
      Offered offered = requestAndPollVerification("state-" + unknownId());

      assertThat(offered.claims().getJWTID()).isEqualTo(offered.jti());
    }

    @Test
    @DisplayName("POLL-6: an acknowledged SET is not offered again (poll and acknowledge)")
    void pollWhenAcknowledgedWithAPollThenNotOfferedAgain() throws Exception {
      Offered offered = requestAndPollVerification(null);

      Reply ackAndPoll = send("POST", offered.pollUrl(), bearerToken(),
          json(Map.of("ack", List.of(offered.jti()), "returnImmediately", true)));
      assertThat(ackAndPoll.status()).as("poll: %s", ackAndPoll).isEqualTo(200);
      assertThat(map(object(ackAndPoll.body()).get("sets"))).doesNotContainKey(offered.jti());

      Reply again = poll(offered.pollUrl(), true);
      assertThat(map(object(again.body()).get("sets"))).doesNotContainKey(offered.jti());
    }

    @Test
    @DisplayName("POLL-4, POLL-6: acknowledge-only (maxEvents 0) answers no SETs and acknowledges")
    void pollWhenAcknowledgeOnlyThenNoSetsAndAcknowledged() throws Exception {
      Offered offered = requestAndPollVerification(null);

      Reply ackOnly = send("POST", offered.pollUrl(), bearerToken(),
          json(Map.of("ack", List.of(offered.jti()), "maxEvents", 0, "returnImmediately", true)));
      assertThat(ackOnly.status()).as("poll: %s", ackOnly).isEqualTo(200);
      assertThat(object(ackOnly.body()).get("sets")).as("sets").isInstanceOf(Map.class);
      assertThat(map(object(ackOnly.body()).get("sets"))).isEmpty();

      Reply again = poll(offered.pollUrl(), true);
      assertThat(map(object(again.body()).get("sets"))).doesNotContainKey(offered.jti());
    }

    @Test
    @DisplayName("AUTH-4: polling without a token is 401 with a challenge")
    void pollWhenNoTokenThen401() {
      String id = createPollStream();
      URI pollUrl = pollUrl(id);

      Reply reply = send("POST", pollUrl, null, json(Map.of("returnImmediately", true)));
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.response().headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private Offered requestAndPollVerification(@Nullable String state) throws Exception {
      String id = createPollStream();
      URI pollUrl = pollUrl(id);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("stream_id", id);
      if (state != null) {
        request.put("state", state);
      }
      Reply verify = send("POST", endpoint("verification_endpoint"), bearerToken(), json(request));
      assertThat(verify.status()).as("verify: %s", verify).isEqualTo(204);

      // First as the conformance suite does (returnImmediately); if the transmitter queues the SET
      // asynchronously and it is not there yet, a long poll waits for it on the transmitter's side.
      for (boolean immediately : new boolean[] {true, false}) {
        Reply reply = poll(pollUrl, immediately);
        Map<String, Object> sets = map(object(reply.body()).get("sets"));
        for (Map.Entry<String, Object> entry : sets.entrySet()) {
          assertThat(entry.getValue()).as("sets[%s]", entry.getKey()).isInstanceOf(String.class);
          SignedJWT jwt = SignedJWT.parse((String) entry.getValue());
          JWTClaimsSet claims = jwt.getJWTClaimsSet();
          if (claims.getJSONObjectClaim("events") != null
              && claims.getJSONObjectClaim("events").containsKey(VERIFICATION)) {
            assertSigned(jwt);
            assertThat(claims.getAudience()).as("aud").contains(firstAudience(stream(id)));
            assertVerificationSet(claims, id, state);
            return new Offered(pollUrl, entry.getKey(), claims);
          }
        }
      }
      return fail("the poll endpoint " + pollUrl + " offered no verification SET within " + timeout());
    }

    private Reply poll(URI pollUrl, boolean returnImmediately) {
      Reply reply = send("POST", pollUrl, bearerToken(),
          json(Map.of("maxEvents", 10, "returnImmediately", returnImmediately)));
      assertThat(reply.status()).as("poll: %s", reply).isEqualTo(200);
      assertThat(reply.contentType()).startsWith("application/json");
      assertThat(object(reply.body()).get("sets")).as("sets").isInstanceOf(Map.class);
      return reply;
    }
  }

  /** A SET the poll endpoint offered. */
  private record Offered(URI pollUrl, String jti, JWTClaimsSet claims) {}

  // ---------------------------------------------------------------------------------------------------------
  // Shared checks

  private void assertVerificationSet(JWTClaimsSet claims, String streamId, @Nullable String state)
      throws ParseException {
    assertThat(claims.getIssuer()).as("iss").isEqualTo(issuer());
    assertThat(claims.getIssueTime()).as("iat").isNotNull();
    assertThat(claims.getJWTID()).as("jti").isNotBlank();
    assertThat(claims.getClaims()).as("claims").doesNotContainKeys("sub", "exp");
    assertThat(claims.getJSONObjectClaim("sub_id")).as("sub_id")
        .isEqualTo(Map.of("format", "opaque", "id", streamId));
    Map<String, Object> events = claims.getJSONObjectClaim("events");
    assertThat(events).as("events").containsOnlyKeys(VERIFICATION);
    Map<String, Object> payload = map(events.get(VERIFICATION));
    if (state == null) {
      assertThat(payload).as("verification payload").doesNotContainKey("state");
    } else {
      assertThat(payload).as("verification payload").containsEntry("state", state);
    }
  }

  private void assertSigned(SignedJWT jwt) {
    assertThat(jwt.getHeader().getType()).as("typ").isNotNull();
    assertThat(jwt.getHeader().getType().getType().toLowerCase(Locale.ROOT)).as("typ")
        .isIn("secevent+jwt", "application/secevent+jwt");
    String kid = jwt.getHeader().getKeyID();
    assertThat(kid).as("kid").isNotNull();
    JWKSet keys;
    try {
      keys = JWKSet.parse(send("GET", endpoint("jwks_uri"), null, null).body());
    } catch (ParseException e) {
      throw new AssertionError("jwks_uri does not serve a JWK Set", e);
    }
    JWK key = keys.getKeyByKeyId(kid);
    assertThat(key).as("the key %s in the JWK Set", kid).isInstanceOf(AsymmetricJWK.class);
    try {
      JWSVerifier verifier = new DefaultJWSVerifierFactory()
          .createJWSVerifier(jwt.getHeader(), ((AsymmetricJWK) key).toPublicKey());
      assertThat(jwt.verify(verifier)).as("the signature verifies with key " + kid).isTrue();
    } catch (JOSEException e) {
      throw new AssertionError("cannot verify with key " + kid, e);
    }
  }

  private List<String> eventTypes(String compact) {
    try {
      Map<String, Object> events = SignedJWT.parse(compact.trim()).getJWTClaimsSet().getJSONObjectClaim("events");
      return events == null ? List.of() : List.copyOf(events.keySet());
    } catch (ParseException e) {
      return List.of();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP and JSON

  private Map<String, Object> metadata() {
    Reply reply = send("GET", metadataUrl(baseUrl()), null, null);
    assertThat(reply.status()).as("GET %s: %s", metadataUrl(baseUrl()), reply).isEqualTo(200);
    return object(reply.body());
  }

  private String issuer() {
    Object issuer = metadata().get("issuer");
    assertThat(issuer).as("metadata issuer").isInstanceOf(String.class);
    return (String) issuer;
  }

  private URI endpoint(String name) {
    Object url = metadata().get(name);
    assertThat(url).as("metadata %s", name).isInstanceOf(String.class);
    return URI.create((String) url);
  }

  private String createPollStream() {
    Reply create = send("POST", endpoint("configuration_endpoint"), bearerToken(), json(Map.of(
        "delivery", Map.of("method", POLL), "events_requested", List.of(SESSION_REVOKED))));
    assertThat(create.status()).as("create: %s", create).isEqualTo(201);
    return remember(object(create.body()));
  }

  private Map<String, Object> stream(String id) {
    Reply get = send("GET", withQuery(endpoint("configuration_endpoint"), id), bearerToken(), null);
    assertThat(get.status()).as("get: %s", get).isEqualTo(200);
    return object(get.body());
  }

  private URI pollUrl(String id) {
    Map<String, Object> delivery = map(stream(id).get("delivery"));
    assertThat(delivery.get("method")).isEqualTo(POLL);
    assertThat(delivery.get("endpoint_url")).as("the poll endpoint_url").isInstanceOf(String.class);
    URI url = URI.create((String) delivery.get("endpoint_url"));
    if (requireHttps()) {
      assertThat(url.getScheme()).as("the poll endpoint_url scheme").isEqualTo("https");
    }
    return url;
  }

  private String remember(Map<String, Object> stream) {
    assertThat(stream.get("stream_id")).as("stream_id").isInstanceOf(String.class);
    String id = (String) stream.get("stream_id");
    createdStreams.add(id);
    return id;
  }

  private static String firstAudience(Map<String, Object> stream) {
    Object aud = stream.get("aud");
    if (aud instanceof List<?> values && !values.isEmpty() && values.get(0) instanceof String first) {
      return first;
    }
    assertThat(aud).as("aud").isInstanceOf(String.class);
    return (String) aud;
  }

  private static URI withQuery(URI endpoint, String streamId) {
    String separator = endpoint.getRawQuery() == null ? "?" : "&";
    return URI.create(endpoint + separator + "stream_id=" + URLEncoder.encode(streamId, StandardCharsets.UTF_8));
  }

  private static String unknownId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "unknown-" + HexFormat.of().formatHex(bytes);
  }

  private static String invalidToken() {
    return "invalid-" + unknownId();
  }

  private Reply send(String method, URI uri, @Nullable String token, @Nullable String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout().plusSeconds(10))
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpClient http = client;
    if (http == null) {
      http = newHttpClient();
      client = http;
    }
    try {
      return new Reply(method, uri, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new AssertionError(method + " " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + uri + " was interrupted", e);
    }
  }

  private static String json(Map<String, ?> value) {
    return JSONObjectUtils.toJSONString(value);
  }

  private static Map<String, Object> object(String json) {
    try {
      return JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + abbreviate(json), e);
    }
  }

  private static List<Object> array(String json) {
    try {
      return JSONArrayUtils.parse(json);
    } catch (ParseException e) {
      throw new AssertionError("not a JSON array: " + abbreviate(json), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(@Nullable Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  /** An HTTP answer, rendered with its request line for assertion messages. */
  private record Reply(String method, URI uri, HttpResponse<String> response) {

    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    @Override
    public String toString() {
      return method + " " + uri + " -> " + response.statusCode() + " " + abbreviate(response.body());
    }
  }
}
