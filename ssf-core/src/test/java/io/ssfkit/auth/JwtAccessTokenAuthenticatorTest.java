package io.ssfkit.auth;

import static io.ssfkit.auth.TestJwts.AUDIENCE;
import static io.ssfkit.auth.TestJwts.CLIENT_ID;
import static io.ssfkit.auth.TestJwts.EC_P256;
import static io.ssfkit.auth.TestJwts.EC_P384;
import static io.ssfkit.auth.TestJwts.ISSUER;
import static io.ssfkit.auth.TestJwts.NOW;
import static io.ssfkit.auth.TestJwts.ORG_ID;
import static io.ssfkit.auth.TestJwts.RSA;
import static io.ssfkit.auth.TestJwts.RSA_IMPOSTOR;
import static io.ssfkit.auth.TestJwts.authenticator;
import static io.ssfkit.auth.TestJwts.bearer;
import static io.ssfkit.auth.TestJwts.claims;
import static io.ssfkit.auth.TestJwts.clockAt;
import static io.ssfkit.auth.TestJwts.header;
import static io.ssfkit.auth.TestJwts.sign;
import static io.ssfkit.auth.TestJwts.validToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("JwtAccessTokenAuthenticator")
class JwtAccessTokenAuthenticatorTest {

  private final JwtAccessTokenAuthenticator authenticator = authenticator().build();

  private static void assertUnauthorized(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SsfException.class,
            e -> {
              assertThat(e.code()).isEqualTo(SsfErrorCode.UNAUTHORIZED);
              assertThat(e.code().httpStatus()).isEqualTo(401);
            })
        .hasMessage(message);
  }

  private static String expiresAt(Instant expiration) {
    return sign(RSA, JWSAlgorithm.RS256, claims().expirationTime(Date.from(expiration)).build());
  }

  private static String notBefore(Instant notBefore) {
    return sign(RSA, JWSAlgorithm.RS256, claims().notBeforeTime(Date.from(notBefore)).build());
  }

  @Nested
  @DisplayName("AUTH-8: a valid access token resolves to a caller")
  class ValidTokens {

    @Test
    @DisplayName("AUTH-8: RS256 token with a scope string gives client ID, org and scopes")
    void authenticateWhenValidRs256TokenWithScopeStringThenReturnsCaller() {
      Caller caller = authenticator.authenticate(bearer(validToken()));

      assertThat(caller).isEqualTo(new Caller(CLIENT_ID, ORG_ID, Set.of("ssf.manage", "ssf.read")));
    }

    @Test
    @DisplayName("AUTH-8: ES256 token with an scp array gives client ID, org and scopes")
    void authenticateWhenValidEs256TokenWithScpArrayThenReturnsCaller() {
      JWTClaimsSet claims =
          claims().claim("scope", null).claim("scp", List.of("ssf.read", "ssf.manage")).build();

      Caller caller = authenticator.authenticate(bearer(sign(EC_P256, JWSAlgorithm.ES256, claims)));

      assertThat(caller).isEqualTo(new Caller(CLIENT_ID, ORG_ID, Set.of("ssf.manage", "ssf.read")));
    }

    static Stream<Arguments> algorithms() {
      return Stream.of(
          arguments(JWSAlgorithm.RS256, RSA),
          arguments(JWSAlgorithm.RS384, RSA),
          arguments(JWSAlgorithm.RS512, RSA),
          arguments(JWSAlgorithm.PS256, RSA),
          arguments(JWSAlgorithm.ES256, EC_P256),
          arguments(JWSAlgorithm.ES384, EC_P384));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    @DisplayName("AUTH-5: every default algorithm is accepted with a key of its type")
    void authenticateWhenSignedWithDefaultAlgorithmThenReturnsCaller(JWSAlgorithm algorithm, JWK key) {
      Caller caller = authenticator.authenticate(bearer(sign(key, algorithm, claims().build())));

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-8: scp given as a space-separated string is split")
    void authenticateWhenScpIsStringThenSplitsScopes() {
      JWTClaimsSet claims = claims().claim("scope", null).claim("scp", " ssf.read  ssf.manage ").build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.scopes()).containsExactlyInAnyOrder("ssf.read", "ssf.manage");
    }

    @Test
    @DisplayName("AUTH-8: scope wins over scp when both are present")
    void authenticateWhenScopeAndScpPresentThenUsesScope() {
      JWTClaimsSet claims = claims().claim("scope", "ssf.read").claim("scp", List.of("ssf.manage")).build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.scopes()).containsExactly("ssf.read");
    }

    @Test
    @DisplayName("AUTH-3: a token without scopes still authenticates (the service answers 403)")
    void authenticateWhenNoScopeClaimThenReturnsCallerWithoutScopes() {
      JWTClaimsSet claims = claims().claim("scope", null).build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.scopes()).isEmpty();
    }

    @Test
    @DisplayName("AUTH-8: the client ID falls back to azp when client_id is absent")
    void authenticateWhenClientIdMissingThenUsesAzp() {
      JWTClaimsSet claims = claims().claim("client_id", null).claim("azp", "azp-client").build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.clientId()).isEqualTo("azp-client");
    }

    @Test
    @DisplayName("AUTH-8: client_id wins over azp")
    void authenticateWhenClientIdAndAzpPresentThenUsesClientId() {
      JWTClaimsSet claims = claims().claim("azp", "azp-client").build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-8: the org ID comes from the configured claim")
    void authenticateWhenOrgClaimConfiguredThenReadsIt() {
      JwtAccessTokenAuthenticator custom = authenticator().orgClaim("tenant").build();
      JWTClaimsSet claims = claims().claim("org_id", null).claim("tenant", "tenant-7").build();

      Caller caller = custom.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.orgId()).isEqualTo("tenant-7");
    }

    @Test
    @DisplayName("AUTH-8: a token without org claim gets the default org ID")
    void authenticateWhenOrgClaimMissingAndDefaultOrgSetThenUsesDefault() {
      JwtAccessTokenAuthenticator singleTenant = authenticator().defaultOrgId("the-org").build();
      JWTClaimsSet claims = claims().claim("org_id", null).build();

      Caller caller = singleTenant.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.orgId()).isEqualTo("the-org");
    }

    @Test
    @DisplayName("AUTH-8: a token's own org claim wins over the default org ID")
    void authenticateWhenOrgClaimPresentAndDefaultOrgSetThenUsesClaim() {
      JwtAccessTokenAuthenticator singleTenant = authenticator().defaultOrgId("the-org").build();

      Caller caller = singleTenant.authenticate(bearer(validToken()));

      assertThat(caller.orgId()).isEqualTo(ORG_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "JWT", "jwt", "application/jwt"})
    @DisplayName("AUTH-5: typ at+jwt or JWT is accepted")
    void authenticateWhenTypIsAccessTokenOrJwtThenAccepts(String typ) {
      JWSHeader header = header(JWSAlgorithm.RS256, RSA).type(new JOSEObjectType(typ)).build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, header, claims().build())));

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: a token without typ is accepted")
    void authenticateWhenTypAbsentThenAccepts() {
      JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID()).build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, header, claims().build())));

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: a token without kid is checked against every key of its type")
    void authenticateWhenKidAbsentThenTriesEveryMatchingKey() {
      JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, header, claims().build())));

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: aud may be an array that contains the audience")
    void authenticateWhenAudienceArrayContainsAudienceThenAccepts() {
      JWTClaimsSet claims = claims().audience(List.of("https://other.example.com", AUDIENCE)).build();

      Caller caller = authenticator.authenticate(bearer(sign(RSA, JWSAlgorithm.RS256, claims)));

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: the bearer scheme name is case-insensitive (RFC 9110 section 11.1)")
    void authenticateWhenSchemeIsLowerCaseThenAccepts() {
      Caller caller = authenticator.authenticate("bearer " + validToken());

      assertThat(caller.clientId()).isEqualTo(CLIENT_ID);
    }
  }

  @Nested
  @DisplayName("AUTH-5: expiry and not-before are checked with the injected clock")
  class Time {

    @Test
    @DisplayName("AUTH-5: an expired token gives 401")
    void authenticateWhenExpiredThenUnauthorized() {
      String token = expiresAt(NOW.minus(Duration.ofMinutes(10)));

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: JWT is expired");
    }

    @Test
    @DisplayName("AUTH-5: a token expired within the clock skew is accepted")
    void authenticateWhenExpiredWithinSkewThenAccepts() {
      String token = expiresAt(NOW.minusSeconds(59));

      assertThat(authenticator.authenticate(bearer(token)).clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: a token expired exactly by the clock skew gives 401")
    void authenticateWhenExpiredExactlyBySkewThenUnauthorized() {
      String token = expiresAt(NOW.minusSeconds(60));

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: JWT is expired");
    }

    @Test
    @DisplayName("AUTH-5: with zero skew a token expiring now gives 401 and one expiring in 1 s is accepted")
    void authenticateWhenZeroSkewThenExpiryIsExact() {
      JwtAccessTokenAuthenticator strict = authenticator().clockSkew(Duration.ZERO).build();

      assertUnauthorized(
          () -> strict.authenticate(bearer(expiresAt(NOW))), "JWT validation failed: JWT is expired");
      assertThat(strict.authenticate(bearer(expiresAt(NOW.plusSeconds(1)))).clientId())
          .isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: a token that is not yet valid beyond the clock skew gives 401")
    void authenticateWhenNotBeforeBeyondSkewThenUnauthorized() {
      String token = notBefore(NOW.plusSeconds(61));

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: JWT is not yet valid");
    }

    @ParameterizedTest
    @ValueSource(longs = {-3600, 0, 59, 60})
    @DisplayName("AUTH-5: a token whose nbf is at most the clock skew ahead is accepted")
    void authenticateWhenNotBeforeWithinSkewThenAccepts(long secondsAhead) {
      String token = notBefore(NOW.plusSeconds(secondsAhead));

      assertThat(authenticator.authenticate(bearer(token)).clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: a custom clock skew widens the window")
    void authenticateWhenCustomSkewThenHonoursIt() {
      JwtAccessTokenAuthenticator lenient = authenticator().clockSkew(Duration.ofMinutes(5)).build();

      assertThat(lenient.authenticate(bearer(expiresAt(NOW.minusSeconds(299)))).clientId())
          .isEqualTo(CLIENT_ID);
      assertUnauthorized(
          () -> lenient.authenticate(bearer(expiresAt(NOW.minusSeconds(300)))),
          "JWT validation failed: JWT is expired");
    }

    @Test
    @DisplayName("AUTH-5: time comes from the injected clock, not the system clock")
    void authenticateWhenClockIsInThePastThenLongExpiredTokenIsAccepted() {
      Instant y2k = Instant.parse("2000-01-01T00:00:00Z");
      JwtAccessTokenAuthenticator past = authenticator().clock(clockAt(y2k)).build();
      String token = expiresAt(y2k.plus(Duration.ofHours(1)));

      assertThat(past.authenticate(bearer(token)).clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("AUTH-5: a token without exp gives 401")
    void authenticateWhenExpMissingThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().expirationTime(null).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: missing exp claim");
    }
  }

  @Nested
  @DisplayName("AUTH-5: issuer and audience must match")
  class IssuerAndAudience {

    @Test
    @DisplayName("AUTH-5: a token from another issuer gives 401")
    void authenticateWhenWrongIssuerThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().issuer("https://evil.example.com").build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: wrong issuer");
    }

    @Test
    @DisplayName("AUTH-5: an issuer differing only by a trailing slash gives 401")
    void authenticateWhenIssuerHasTrailingSlashThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().issuer(ISSUER + "/").build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: wrong issuer");
    }

    @Test
    @DisplayName("AUTH-5: a token without iss gives 401")
    void authenticateWhenIssuerMissingThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().issuer(null).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: wrong issuer");
    }

    @Test
    @DisplayName("AUTH-5: a token for another audience gives 401")
    void authenticateWhenWrongAudienceThenUnauthorized() {
      String token =
          sign(RSA, JWSAlgorithm.RS256, claims().audience("https://other.example.com").build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: wrong audience");
    }

    @Test
    @DisplayName("AUTH-5: a token without aud gives 401")
    void authenticateWhenAudienceMissingThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().audience((String) null).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: wrong audience");
    }
  }

  @Nested
  @DisplayName("AUTH-5: integrity: signature, key and algorithm")
  class Integrity {

    @Test
    @DisplayName("AUTH-5: a token signed by another key with the same kid gives 401")
    void authenticateWhenSignedByAnotherKeyThenUnauthorized() {
      String token = sign(RSA_IMPOSTOR, JWSAlgorithm.RS256, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: signature invalid");
    }

    @Test
    @DisplayName("AUTH-5: a token without kid signed by an unknown key gives 401")
    void authenticateWhenNoKidAndSignedByAnotherKeyThenUnauthorized() {
      String token = sign(RSA_IMPOSTOR, new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: signature invalid");
    }

    @Test
    @DisplayName("AUTH-5: a token whose claims were changed after signing gives 401")
    void authenticateWhenPayloadTamperedThenUnauthorized() {
      String[] genuine = validToken().split("\\.");
      String[] other = sign(RSA, JWSAlgorithm.RS256, claims().claim("org_id", "victim").build()).split("\\.");
      String tampered = genuine[0] + "." + other[1] + "." + genuine[2];

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(tampered)), "JWT validation failed: signature invalid");
    }

    @Test
    @DisplayName("AUTH-5: a token whose kid names no configured key gives 401")
    void authenticateWhenUnknownKidThenUnauthorized() {
      JWSHeader header = header(JWSAlgorithm.RS256, RSA_IMPOSTOR).keyID("unknown-kid").build();
      String token = sign(RSA_IMPOSTOR, header, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: no verification key matches the token's kid and alg");
    }

    @Test
    @DisplayName("AUTH-5: an ES256 token whose kid names an RSA key gives 401")
    void authenticateWhenKidNamesKeyOfAnotherTypeThenUnauthorized() {
      JWSHeader header = header(JWSAlgorithm.ES256, EC_P256).keyID(RSA.getKeyID()).build();
      String token = sign(EC_P256, header, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: no verification key matches the token's kid and alg");
    }

    @Test
    @DisplayName("AUTH-5: a key restricted to RS256 by its alg verifies RS256 but not PS256")
    void authenticateWhenKeyAlgDiffersFromTokenAlgThenUnauthorized() throws ParseException {
      // Parsed from JSON, as a published JWK set would be, so that its alg is a plain Algorithm.
      JWK rs256Only =
          JWK.parse(new RSAKey.Builder(RSA.toPublicJWK()).algorithm(JWSAlgorithm.RS256).build().toJSONString());
      JwtAccessTokenAuthenticator restricted =
          JwtAccessTokenAuthenticator.builder()
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .verificationKey(rs256Only)
              .clock(clockAt(NOW))
              .build();
      String token = sign(RSA, JWSAlgorithm.PS256, claims().build());

      assertThat(restricted.authenticate(bearer(validToken())).clientId()).isEqualTo(CLIENT_ID);
      assertUnauthorized(
          () -> restricted.authenticate(bearer(token)),
          "JWT validation failed: no verification key matches the token's kid and alg");
    }

    @Test
    @DisplayName("AUTH-5: an HS256 token gives 401")
    void authenticateWhenHs256SignedThenUnauthorized() throws JOSEException {
      OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID(RSA.getKeyID()).generate();
      String token = sign(secret, JWSAlgorithm.HS256, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: signing algorithm not accepted"
              + " (accepted: ES256, ES384, PS256, RS256, RS384, RS512)");
    }

    @Test
    @DisplayName("AUTH-5: an HS256 token keyed with the RSA public key (algorithm confusion) gives 401")
    void authenticateWhenHs256KeyedWithPublicKeyThenUnauthorized() throws JOSEException {
      SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256, RSA).build(), claims().build());
      jwt.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));

      assertThatThrownBy(() -> authenticator.authenticate(bearer(jwt.serialize())))
          .isInstanceOf(SsfException.class)
          .hasMessageStartingWith("JWT validation failed: signing algorithm not accepted");
    }

    @Test
    @DisplayName("AUTH-5: an unsecured token (alg none) gives 401")
    void authenticateWhenAlgNoneThenUnauthorized() {
      String token = new PlainJWT(claims().build()).serialize();

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: unsecured JWT (alg none) is not accepted");
    }

    @Test
    @DisplayName("AUTH-5: alg none with a stray signature part gives 401")
    void authenticateWhenAlgNoneWithSignaturePartThenUnauthorized() {
      String[] genuine = validToken().split("\\.");
      String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
      String token = header + "." + genuine[1] + "." + genuine[2];

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: malformed token");
    }

    @Test
    @DisplayName("AUTH-5: alg None (mixed case) is not a loophole")
    void authenticateWhenAlgNoneMixedCaseThenUnauthorized() {
      String[] genuine = validToken().split("\\.");
      String header = Base64URL.encode("{\"alg\":\"None\"}").toString();
      String token = header + "." + genuine[1] + "." + genuine[2];

      assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
          .isInstanceOf(SsfException.class)
          .hasMessageStartingWith("JWT validation failed: signing algorithm not accepted");
    }

    @Test
    @DisplayName("AUTH-5: an algorithm outside the configured set gives 401")
    void authenticateWhenAlgorithmNotConfiguredThenUnauthorized() {
      JwtAccessTokenAuthenticator rs256Only = authenticator().algorithms(Set.of(JWSAlgorithm.RS256)).build();
      String token = sign(EC_P256, JWSAlgorithm.ES256, claims().build());

      assertUnauthorized(
          () -> rs256Only.authenticate(bearer(token)),
          "JWT validation failed: signing algorithm not accepted (accepted: RS256)");
    }

    @Test
    @DisplayName("AUTH-5: an encrypted token gives 401")
    void authenticateWhenEncryptedThenUnauthorized() throws JOSEException {
      EncryptedJWT jwt =
          new EncryptedJWT(
              new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), claims().build());
      jwt.encrypt(new RSAEncrypter(RSA.toRSAPublicKey()));

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(jwt.serialize())),
          "JWT validation failed: encrypted JWT is not accepted");
    }

    @Test
    @DisplayName("AUTH-5: a token with critical header parameters gives 401")
    void authenticateWhenCriticalHeaderThenUnauthorized() {
      JWSHeader header =
          header(JWSAlgorithm.RS256, RSA)
              .criticalParams(Set.of("urn:example:policy"))
              .customParam("urn:example:policy", "strict")
              .build();
      String token = sign(RSA, header, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: critical header parameters are not supported");
    }

    @Test
    @DisplayName("AUTH-5: a key embedded in the header is never trusted")
    void authenticateWhenHeaderEmbedsAttackerKeyThenUnauthorized() {
      JWSHeader header = header(JWSAlgorithm.RS256, RSA_IMPOSTOR).jwk(RSA_IMPOSTOR.toPublicJWK()).build();
      String token = sign(RSA_IMPOSTOR, header, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: signature invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secevent+jwt", "application/secevent+jwt", "JOSE", "logout+jwt"})
    @DisplayName("AUTH-5: a typ other than at+jwt or JWT gives 401")
    void authenticateWhenWrongTypThenUnauthorized(String typ) {
      JWSHeader header = header(JWSAlgorithm.RS256, RSA).type(new JOSEObjectType(typ)).build();
      String token = sign(RSA, header, claims().build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: typ header must be at+jwt or JWT");
    }
  }

  @Nested
  @DisplayName("AUTH-8: the token must identify the client and organization")
  class Identity {

    @Test
    @DisplayName("AUTH-8: a token without client_id and azp gives 401")
    void authenticateWhenClientIdAndAzpMissingThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().claim("client_id", null).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: missing client_id and azp claims");
    }

    @Test
    @DisplayName("AUTH-8: a blank client_id without azp gives 401")
    void authenticateWhenClientIdBlankThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().claim("client_id", " ").build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: missing client_id and azp claims");
    }

    @Test
    @DisplayName("AUTH-8: a client_id that is not a string gives 401")
    void authenticateWhenClientIdNotStringThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().claim("client_id", 42).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: client_id claim must be a string");
    }

    @Test
    @DisplayName("AUTH-8: a token without the org claim gives 401 when there is no default org")
    void authenticateWhenOrgClaimMissingThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().claim("org_id", null).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)), "JWT validation failed: missing org_id claim");
    }

    @Test
    @DisplayName("AUTH-8: the message names the configured org claim")
    void authenticateWhenCustomOrgClaimMissingThenMessageNamesIt() {
      JwtAccessTokenAuthenticator custom = authenticator().orgClaim("tenant").build();

      assertUnauthorized(
          () -> custom.authenticate(bearer(validToken())), "JWT validation failed: missing tenant claim");
    }

    @ParameterizedTest
    @MethodSource("io.ssfkit.auth.JwtAccessTokenAuthenticatorTest#invalidOrgIds")
    @DisplayName("AUTH-8: an org claim that is not a non-blank string gives 401, even with a default org")
    void authenticateWhenOrgClaimInvalidThenUnauthorized(Object orgId) {
      JwtAccessTokenAuthenticator singleTenant = authenticator().defaultOrgId("the-org").build();
      String token = sign(RSA, JWSAlgorithm.RS256, claims().claim("org_id", orgId).build());

      assertUnauthorized(
          () -> singleTenant.authenticate(bearer(token)),
          "JWT validation failed: org_id claim must be a non-blank string");
    }

    @Test
    @DisplayName("AUTH-8: a scope claim that is not a string gives 401")
    void authenticateWhenScopeNotStringThenUnauthorized() {
      String token = sign(RSA, JWSAlgorithm.RS256, claims().claim("scope", List.of("ssf.read")).build());

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: scope claim must be a string");
    }

    @Test
    @DisplayName("AUTH-8: an scp array holding a non-string gives 401")
    void authenticateWhenScpHoldsNonStringThenUnauthorized() {
      JWTClaimsSet claims = claims().claim("scope", null).claim("scp", List.of("ssf.read", 7)).build();
      String token = sign(RSA, JWSAlgorithm.RS256, claims);

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(token)),
          "JWT validation failed: scp claim must be a string or an array of strings");
    }
  }

  static Stream<Object> invalidOrgIds() {
    return Stream.of("", "  ", 42, List.of("org-1"), true);
  }

  @Nested
  @DisplayName("AUTH-3: missing or unusable credentials give 401")
  class Credentials {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Token abc", "abc"})
    @DisplayName("AUTH-3: a missing, blank or non-Bearer Authorization header gives 401")
    void authenticateWhenHeaderMissingOrNotBearerThenUnauthorized(String header) {
      assertThatThrownBy(() -> authenticator.authenticate(header))
          .isInstanceOfSatisfying(
              SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.UNAUTHORIZED));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "garbage",
          "a.b.c",
          "a.b",
          "....",
          "eyJub3QiOiJjbG9zZWQ.e30.c2ln",
          "e30.e30.c2ln"
        })
    @DisplayName("AUTH-5: a token that is not a JWS gives 401")
    void authenticateWhenTokenIsGarbageThenUnauthorized(String token) {
      assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
          .isInstanceOfSatisfying(
              SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.UNAUTHORIZED))
          .hasMessageStartingWith("JWT validation failed: malformed");
    }

    @Test
    @DisplayName("AUTH-5: a signed token whose payload is not a JSON object gives 401")
    void authenticateWhenPayloadNotJsonThenUnauthorized() throws JOSEException {
      JWSObject jws = new JWSObject(header(JWSAlgorithm.RS256, RSA).build(), new Payload("not json"));
      jws.sign(new RSASSASigner(RSA));

      assertUnauthorized(
          () -> authenticator.authenticate(bearer(jws.serialize())),
          "JWT validation failed: malformed claims");
    }
  }

  static Stream<Arguments> rejectedTokens() throws JOSEException {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).generate();
    String valid = validToken();
    String[] parts = valid.split("\\.");
    return Stream.of(
        arguments("expired", expiresAt(NOW.minus(Duration.ofHours(1)))),
        arguments("not yet valid", notBefore(NOW.plus(Duration.ofHours(1)))),
        arguments("wrong audience", sign(RSA, JWSAlgorithm.RS256, claims().audience("x").build())),
        arguments("wrong issuer", sign(RSA, JWSAlgorithm.RS256, claims().issuer("x").build())),
        arguments("bad signature", sign(RSA_IMPOSTOR, JWSAlgorithm.RS256, claims().build())),
        arguments("truncated signature", parts[0] + "." + parts[1] + "." + parts[2].substring(5)),
        arguments("HS256", sign(secret, JWSAlgorithm.HS256, claims().build())),
        arguments("alg none", new PlainJWT(claims().build()).serialize()),
        arguments("no org", sign(RSA, JWSAlgorithm.RS256, claims().claim("org_id", null).build())),
        arguments(
            "bad header JSON",
            Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"" + "s3cr3t-part".repeat(3) + "\"")
                + "." + parts[1] + "." + parts[2]),
        arguments("bad payload JSON", parts[0] + "." + Base64URL.encode("{\"sub\":\"s3cr3t-part") + "." + parts[2]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedTokens")
  @DisplayName("AUTH-5: 401 messages never contain the token or any part of it, and carry no cause")
  void authenticateWhenRejectedThenMessageNeverContainsToken(String reason, String token) {
    assertThatThrownBy(() -> authenticator.authenticate(bearer(token)))
        .isInstanceOfSatisfying(
            SsfException.class,
            e -> {
              assertThat(e.code()).isEqualTo(SsfErrorCode.UNAUTHORIZED);
              assertThat(e.getMessage()).startsWith("JWT validation failed: ").doesNotContain(token);
              assertThat(e.getCause()).isNull();
              Arrays.stream(token.split("\\."))
                  .filter(part -> part.length() >= 8)
                  .forEach(part -> assertThat(e.getMessage()).doesNotContain(part));
              assertThat(e.getMessage()).doesNotContain("s3cr3t");
              assertThat(e.toString()).doesNotContain(token);
            });
  }

  @Test
  @DisplayName("AUTH-8: the authenticator is immutable: later builder changes do not affect it")
  void authenticateWhenBuilderChangedAfterBuildThenAuthenticatorUnchanged() {
    JwtAccessTokenAuthenticator.Builder builder = authenticator();
    JwtAccessTokenAuthenticator built = builder.build();
    builder.issuer("https://other.example.com").audience("other");

    assertThat(built.authenticate(bearer(validToken())).clientId()).isEqualTo(CLIENT_ID);
  }

  @Nested
  @DisplayName("builder")
  class BuilderTest {

    @Test
    @DisplayName("build() reports every missing setting at once")
    void buildWhenRequiredSettingsMissingThenReportsAllAtOnce() {
      assertThatThrownBy(() -> JwtAccessTokenAuthenticator.builder().build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("issuer is required")
          .hasMessageContaining("audience is required")
          .hasMessageContaining("a verification key is required: set jwkSet or verificationKey");
    }

    @Test
    @DisplayName("build() reports every invalid setting at once")
    void buildWhenSeveralSettingsInvalidThenReportsAllAtOnce() {
      assertThatThrownBy(
              () ->
                  JwtAccessTokenAuthenticator.builder()
                      .issuer(" ")
                      .audience("")
                      .orgClaim(" ")
                      .defaultOrgId("")
                      .clockSkew(Duration.ofSeconds(-1))
                      .algorithms(Set.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256))
                      .build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("issuer must not be blank")
          .hasMessageContaining("audience must not be blank")
          .hasMessageContaining("orgClaim must not be blank")
          .hasMessageContaining("defaultOrgId must not be blank")
          .hasMessageContaining("clockSkew must not be negative, but was PT-1S")
          .hasMessageContaining("must not contain HMAC algorithms")
          .hasMessageContaining("a verification key is required");
    }

    @Test
    @DisplayName("AUTH-5: the builder refuses every HMAC algorithm")
    void buildWhenAlgorithmsContainHmacThenRefuses() {
      JwtAccessTokenAuthenticator.Builder builder =
          authenticator()
              .algorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("must not contain HMAC algorithms")
          .hasMessageContaining("but contained HS256, HS384, HS512");
    }

    @Test
    @DisplayName("AUTH-5: the builder refuses alg none")
    void buildWhenAlgorithmsContainNoneThenRefuses() {
      JwtAccessTokenAuthenticator.Builder builder =
          authenticator().algorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.parse("none")));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("algorithms must not contain none");
    }

    @Test
    @DisplayName("the builder refuses algorithms the JDK cannot verify unaided, such as EdDSA")
    void buildWhenAlgorithmsContainUnsupportedThenRefuses() {
      JwtAccessTokenAuthenticator.Builder builder =
          authenticator().algorithms(Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.ES256K));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("but contained ES256K, EdDSA");
    }

    @Test
    @DisplayName("the builder refuses an empty algorithm set")
    void buildWhenAlgorithmsEmptyThenRefuses() {
      assertThatThrownBy(() -> authenticator().algorithms(Set.of()).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("algorithms must not be empty");
    }

    @Test
    @DisplayName("the builder refuses both a key set and a single key")
    void buildWhenJwkSetAndVerificationKeyThenRefuses() {
      assertThatThrownBy(() -> authenticator().verificationKey(RSA.toPublicJWK()).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("set jwkSet or verificationKey, not both");
    }

    @Test
    @DisplayName("AUTH-5: the builder refuses a symmetric key in the key set")
    void buildWhenJwkSetContainsSymmetricKeyThenRefuses() throws JOSEException {
      OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac-1").generate();
      JWKSet keys = new JWKSet(List.<JWK>of(RSA.toPublicJWK(), secret));

      assertThatThrownBy(() -> authenticator().jwkSet(keys).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("must not contain a symmetric (oct) key, but key kid=hmac-1 is one");
    }

    @Test
    @DisplayName("AUTH-5: the builder refuses a symmetric single key")
    void buildWhenVerificationKeyIsSymmetricThenRefuses() throws JOSEException {
      OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).generate();

      assertThatThrownBy(
              () ->
                  JwtAccessTokenAuthenticator.builder()
                      .issuer(ISSUER)
                      .audience(AUDIENCE)
                      .verificationKey(secret)
                      .build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("must not contain a symmetric (oct) key, but a key without kid is one");
    }

    @Test
    @DisplayName("AUTH-5: the builder refuses RSA keys under 2048 bits (RFC 7518 section 3.3)")
    void buildWhenRsaKeyTooShortThenRefuses() throws JOSEException {
      RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();

      assertThatThrownBy(() -> authenticator().jwkSet(new JWKSet(weak)).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("RSA keys must have at least 2048 bits, but key kid=weak has 1024");
    }

    @Test
    @DisplayName("the builder refuses keys that cannot verify any accepted algorithm")
    void buildWhenNoKeyFitsAlgorithmsThenRefuses() {
      JwtAccessTokenAuthenticator.Builder builder =
          authenticator().jwkSet(new JWKSet(EC_P256.toPublicJWK())).algorithms(Set.of(JWSAlgorithm.RS256));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no configured key can verify any of the algorithms RS256");
    }

    @Test
    @DisplayName("keys marked for encryption and OKP keys are skipped, not used")
    void buildWhenKeysNotForSignaturesThenSkipsThem() throws ParseException {
      RSAKey encryptionOnly = new RSAKey.Builder(RSA.toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build();
      // RFC 8037 appendix A.2; parsed rather than generated, as generating Ed25519 keys in nimbus needs Tink.
      JWK okp = JWK.parse(
          "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\","
              + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
      JwtAccessTokenAuthenticator.Builder onlyUnusable =
          authenticator().jwkSet(new JWKSet(List.of(encryptionOnly, okp.toPublicJWK())));

      assertThatThrownBy(onlyUnusable::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no configured key can verify");

      JwtAccessTokenAuthenticator mixed =
          authenticator().jwkSet(new JWKSet(List.of(okp.toPublicJWK(), EC_P256.toPublicJWK()))).build();
      String token = sign(EC_P256, JWSAlgorithm.ES256, claims().build());
      assertThat(mixed.authenticate(bearer(token)).clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("a key set with private keys verifies with their public parts")
    void buildWhenJwkSetHoldsPrivateKeysThenUsesPublicParts() {
      JwtAccessTokenAuthenticator withPrivate = authenticator().jwkSet(new JWKSet(RSA)).build();

      assertThat(withPrivate.authenticate(bearer(validToken())).clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("a single key without kid verifies tokens with any kid")
    void buildWhenSingleKeyWithoutKidThenMatchesAnyKid() {
      JWK withoutKid = new ECKey.Builder(EC_P256.toPublicJWK()).keyID(null).build();
      JwtAccessTokenAuthenticator single =
          JwtAccessTokenAuthenticator.builder()
              .issuer(ISSUER)
              .audience(AUDIENCE)
              .verificationKey(withoutKid)
              .clock(clockAt(NOW))
              .build();
      String token = sign(EC_P256, JWSAlgorithm.ES256, claims().build());

      assertThat(single.authenticate(bearer(token)).clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("PS512 and ES512 may be enabled explicitly")
    void buildWhenOptionalAlgorithmsEnabledThenAcceptsThem() throws JOSEException {
      ECKey p521 = new ECKeyGenerator(Curve.P_521).keyID("ec-521").generate();
      JwtAccessTokenAuthenticator strong =
          authenticator()
              .jwkSet(new JWKSet(List.<JWK>of(RSA.toPublicJWK(), p521.toPublicJWK())))
              .algorithms(Set.of(JWSAlgorithm.PS512, JWSAlgorithm.ES512))
              .build();

      assertThat(strong.authenticate(bearer(sign(RSA, JWSAlgorithm.PS512, claims().build()))).clientId())
          .isEqualTo(CLIENT_ID);
      assertThat(strong.authenticate(bearer(sign(p521, JWSAlgorithm.ES512, claims().build()))).clientId())
          .isEqualTo(CLIENT_ID);
    }

    @Test
    @DisplayName("builder methods reject null")
    void builderWhenNullArgumentThenThrowsNullPointerException() {
      JwtAccessTokenAuthenticator.Builder builder = JwtAccessTokenAuthenticator.builder();

      assertThatThrownBy(() -> builder.issuer(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> builder.algorithms(null)).isInstanceOf(NullPointerException.class);
    }
  }
}
