package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.ssfkit.event.SecurityEventToken;
import io.ssfkit.event.SsfEvent;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import io.ssfkit.testkit.ReceiverSimulator.Rejection;
import io.ssfkit.testkit.ReceiverSimulator.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's opt-in verification: each rule breaks in its own test, against a JWK Set served over HTTP. */
class ReceiverSimulatorVerificationTest {

  private static final String ISSUER = "https://tr.example.com";
  private static final String AUDIENCE = "https://rp.example.com";
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static RSAKey rsa;
  private static RSAKey other;

  private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .version(HttpClient.Version.HTTP_1_1).build();
  private final MutableClock clock = MutableClock.at(NOW);
  private final AtomicReference<String> jwks = new AtomicReference<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private HttpServer jwksServer;
  private ReceiverSimulator receiver;

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
    other = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  @BeforeEach
  void start() throws Exception {
    jwks.set(new JWKSet(rsa.toPublicJWK()).toString());
    jwksServer = HttpServer.create(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 10);
    jwksServer.createContext("/jwks", exchange -> {
      try (exchange) {
        jwksFetches.incrementAndGet();
        byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    jwksServer.start();
    URI jwksUri = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
    receiver = ReceiverSimulator.builder().verifyWith(jwksUri, ISSUER, AUDIENCE).clock(clock).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
    jwksServer.stop(0);
  }

  private HttpResponse<String> push(String set) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(receiver.endpoint()).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/secevent+jwt").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(set)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Claims of a valid SET, for the tests that break one rule by hand. */
  private static JWTClaimsSet.Builder validClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(Date.from(NOW))
        .jwtID(SecurityEventToken.newJti())
        .claim("sub_id", Map.of("format", "email", "email", "user@example.com"))
        .claim("events", Map.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked",
            Map.of("event_timestamp", NOW.getEpochSecond())));
  }

  private static String sign(RSAKey key, JOSEObjectType type, Consumer<JWTClaimsSet.Builder> change)
      throws Exception {
    JWTClaimsSet.Builder claims = validClaims();
    change.accept(claims);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(key.getKeyID()).build(),
        claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String sign(Consumer<JWTClaimsSet.Builder> change) throws Exception {
    return sign(rsa, new JOSEObjectType("secevent+jwt"), change);
  }

  private Rejection rejectionOf(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(400);
    ReceivedRequest last = receiver.requests().get(receiver.requests().size() - 1);
    assertThat(last.rejection()).isPresent();
    Rejection rejection = last.rejection().orElseThrow();
    assertThat(response.body()).contains("\"err\":\"" + rejection.err() + "\"").contains("\"description\":");
    assertThat(receiver.rejections()).contains(last);
    return rejection;
  }

  @Test
  void pushWhenSignedBySetSignerThenAcceptedWithoutRejection() throws Exception {
    KeyRing ring = KeyRing.create(SigningKeys.generate(JWSAlgorithm.RS256, 2048), Duration.ofDays(1), clock);
    SetSigner signer = SetSigner.nimbus(ring);
    jwks.set(JSONObjectUtils.toJSONString(signer.jwks()));

    HttpResponse<String> response = push(signer.sign(token(AUDIENCE)).compact());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(receiver.verifying()).isTrue();
    assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.rejection()).isEmpty());
    assertThat(receiver.rejections()).isEmpty();
  }

  @Test
  void pushWhenHandSignedValidSetThenAccepted() throws Exception {
    assertThat(push(sign(claims -> { })).statusCode()).isEqualTo(202);
    assertThat(receiver.rejections()).isEmpty();
  }

  @Test
  void pushWhenSignatureIsBadThenRejectedWithInvalidKey() throws Exception {
    // Same kid, another key: the signature does not verify with the published key.
    String forged = sign(other, new JOSEObjectType("secevent+jwt"), claims -> { });

    Rejection rejection = rejectionOf(push(forged));

    assertThat(rejection.err()).isEqualTo("invalid_key");
    assertThat(rejection.description()).contains("signature");
  }

  @Test
  void pushWhenPayloadIsTamperedThenRejectedWithInvalidKey() throws Exception {
    String[] parts = sign(claims -> { }).split("\\.");
    String tampered = sign(claims -> claims.audience(List.of(AUDIENCE, "https://evil.example.com"))).split("\\.")[1];

    Rejection rejection = rejectionOf(push(parts[0] + "." + tampered + "." + parts[2]));

    assertThat(rejection.err()).isEqualTo("invalid_key");
  }

  @Test
  void pushWhenTypIsJwtThenRejected() throws Exception {
    Rejection rejection = rejectionOf(push(sign(rsa, JOSEObjectType.JWT, claims -> { })));

    assertThat(rejection.err()).isEqualTo("invalid_request");
    assertThat(rejection.description()).contains("typ");
  }

  @Test
  void pushWhenAudIsAnotherReceiverThenRejectedWithInvalidAudience() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.audience("https://other.example.com"))));

    assertThat(rejection.err()).isEqualTo("invalid_audience");
  }

  @Test
  void pushWhenIssIsAnotherTransmitterThenRejectedWithInvalidIssuer() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.issuer("https://other.example.com"))));

    assertThat(rejection.err()).isEqualTo("invalid_issuer");
  }

  @Test
  void pushWhenJtiRepeatsAnAcceptedSetThenRejected() throws Exception {
    String set = sign(claims -> { });
    assertThat(push(set).statusCode()).isEqualTo(202);

    Rejection rejection = rejectionOf(push(set));

    assertThat(rejection.err()).isEqualTo("invalid_request");
    assertThat(rejection.description()).contains("jti");
    assertThat(receiver.requests()).hasSize(2);
  }

  @Test
  void pushWhenRetriedAfterAScriptedErrorThenTheSameJtiIsAccepted() throws Exception {
    receiver.script(Response.of(503));
    String set = sign(claims -> { });

    assertThat(push(set).statusCode()).isEqualTo(503);
    assertThat(push(set).statusCode()).isEqualTo(202);
    assertThat(receiver.rejections()).isEmpty();
  }

  @Test
  void pushWhenSetCarriesSubClaimThenRejected() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.subject("user-1"))));

    assertThat(rejection.err()).isEqualTo("invalid_request");
    assertThat(rejection.description()).contains("sub");
  }

  @Test
  void pushWhenIatIsInTheFutureThenRejected() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.issueTime(Date.from(NOW.plusSeconds(600))))));

    assertThat(rejection.description()).contains("iat");
  }

  @Test
  void pushWhenIatIsWithinTheSkewThenAccepted() throws Exception {
    assertThat(push(sign(claims -> claims.issueTime(Date.from(NOW.plusSeconds(30))))).statusCode()).isEqualTo(202);
  }

  @Test
  void pushWhenSubIdIsInvalidThenRejected() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.claim("sub_id", Map.of("format", "email")))));

    assertThat(rejection.description()).contains("sub_id");
  }

  @Test
  void pushWhenSubIdIsMissingThenRejected() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.claim("sub_id", null))));

    assertThat(rejection.description()).contains("sub_id");
  }

  @Test
  void pushWhenTwoEventsThenRejected() throws Exception {
    Rejection rejection = rejectionOf(push(sign(claims -> claims.claim("events", Map.of(
        "https://schemas.openid.net/secevent/caep/event-type/session-revoked", Map.of(),
        "https://schemas.openid.net/secevent/caep/event-type/credential-change", Map.of())))));

    assertThat(rejection.description()).contains("exactly one event");
  }

  @Test
  void pushWhenBodyIsNotAJwsThenRejected() throws Exception {
    assertThat(rejectionOf(push("not-a-jwt")).err()).isEqualTo("invalid_request");
  }

  @Test
  void pushWhenRejectedThenTheScriptIsNotConsumed() throws Exception {
    receiver.script(Response.of(503));

    rejectionOf(push(sign(claims -> claims.subject("user-1"))));

    assertThat(push(sign(claims -> { })).statusCode()).isEqualTo(503);
  }

  @Test
  void pushWhenKeyIsRotatedThenJwksIsFetchedAgainOnceAndTheNewKidVerifies() throws Exception {
    KeyRing ring = KeyRing.create(SigningKeys.generate(JWSAlgorithm.RS256, 2048), Duration.ofDays(1), clock);
    SetSigner signer = SetSigner.nimbus(ring);
    jwks.set(JSONObjectUtils.toJSONString(signer.jwks()));
    assertThat(push(signer.sign(token(AUDIENCE)).compact()).statusCode()).isEqualTo(202);
    assertThat(push(signer.sign(token(AUDIENCE)).compact()).statusCode()).isEqualTo(202);
    assertThat(jwksFetches).hasValue(1); // cached

    ring.addNext(SigningKeys.generate(JWSAlgorithm.RS256, 2048));
    ring.rotate();
    jwks.set(JSONObjectUtils.toJSONString(signer.jwks()));
    assertThat(push(signer.sign(token(AUDIENCE)).compact()).statusCode()).isEqualTo(202);

    assertThat(jwksFetches).hasValue(2);
    assertThat(receiver.rejections()).isEmpty();
  }

  @Test
  void pushWhenKidStaysUnknownAfterTheRefetchThenRejectedWithInvalidKey() throws Exception {
    RSAKey unknown = new RSAKeyGenerator(2048).keyID("k-unknown").generate();

    Rejection rejection = rejectionOf(push(sign(unknown, new JOSEObjectType("secevent+jwt"), claims -> { })));

    assertThat(rejection.err()).isEqualTo("invalid_key");
    assertThat(rejection.description()).contains("k-unknown");
    assertThat(jwksFetches).hasValue(2);
  }

  @Test
  void startWhenNotVerifyingThenAnythingIsAccepted() throws Exception {
    try (ReceiverSimulator plain = ReceiverSimulator.start()) {
      HttpRequest request = HttpRequest.newBuilder(plain.endpoint()).timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.ofString(sign(claims -> claims.subject("user-1")))).build();

      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
      assertThat(plain.verifying()).isFalse();
      assertThat(plain.rejections()).isEmpty();
    }
  }

  private SecurityEventToken token(String audience) {
    Clock now = clock;
    return new SecurityEventToken(ISSUER, now.instant(), SecurityEventToken.newJti(), List.of(audience), null,
        SubjectIdentifier.opaque("stream-1"), SsfEvent.Verification.unsolicited(), Map.of());
  }
}
