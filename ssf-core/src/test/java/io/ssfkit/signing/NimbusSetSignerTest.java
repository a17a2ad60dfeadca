package io.ssfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.EventType;
import io.ssfkit.event.SecurityEventToken;
import io.ssfkit.subject.SubjectIdentifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NimbusSetSignerTest {

  private static final Duration GRACE = Duration.ofHours(24);

  /** Generated once: RSA key generation takes a while. */
  private static Map<JWSAlgorithm, SigningKey> keys;

  @BeforeAll
  static void generateKeys() {
    keys = Map.of(
        JWSAlgorithm.RS256, SigningKeys.generate(JWSAlgorithm.RS256, 2048),
        JWSAlgorithm.PS256, SigningKeys.generate(JWSAlgorithm.PS256, 2048),
        JWSAlgorithm.ES256, SigningKeys.generate(JWSAlgorithm.ES256, 256));
  }

  static Stream<JWSAlgorithm> algorithms() {
    return Stream.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
  }

  /** A clock at a time with a fraction of a second, so that a millisecond iat would be noticed. */
  private final TestClock clock = TestClock.at("2026-03-01T10:15:30.750Z");

  private KeyRing ring(JWSAlgorithm algorithm) {
    return KeyRing.create(keys.get(algorithm), GRACE, clock);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  @DisplayName("SET-1: every algorithm's SET verifies with nimbus and, independently, with the JDK's Signature")
  void signWhenAnyAlgorithmThenVerifiesWithNimbusAndWithTheJdk(JWSAlgorithm algorithm) {
    KeyRing ring = ring(algorithm);
    SetSigner signer = SetSigner.nimbus(ring);

    SignedSet set = signer.sign(TestTokens.sessionRevoked(clock));

    assertThat(NimbusJws.verify(set.compact(), ring.publishedKeys())).isTrue();
    assertThat(JdkJws.verify(set.compact(), signer.jwks())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  @DisplayName("SET-1: a tampered SET fails both verifications")
  void signWhenPayloadTamperedThenBothVerificationsFail(JWSAlgorithm algorithm) {
    KeyRing ring = ring(algorithm);
    SetSigner signer = SetSigner.nimbus(ring);
    String[] parts = signer.sign(TestTokens.sessionRevoked(clock)).compact().split("\\.");
    String otherPayload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"iss\":\"https://evil.example\"}".getBytes(StandardCharsets.UTF_8));
    String tampered = parts[0] + "." + otherPayload + "." + parts[2];

    assertThat(NimbusJws.verify(tampered, ring.publishedKeys())).isFalse();
    assertThat(JdkJws.verify(tampered, signer.jwks())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  @DisplayName("SET-2: the JOSE header is exactly {alg, typ: secevent+jwt, kid}")
  void signWhenAnyAlgorithmThenHeaderIsExactlyAlgTypKid(JWSAlgorithm algorithm) throws Exception {
    SigningKey key = keys.get(algorithm);
    SignedSet set = SetSigner.nimbus(ring(algorithm)).sign(TestTokens.sessionRevoked(clock));

    Map<String, Object> header = JSONObjectUtils.parse(decode(set.compact(), 0));

    assertThat(header).containsExactlyInAnyOrderEntriesOf(
        Map.of("alg", algorithm.getName(), "typ", "secevent+jwt", "kid", key.keyId()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  @DisplayName("SET-4, SET-8: the payload holds iss, iat in seconds and not in the future, jti, aud, sub_id and "
      + "exactly one event, and no sub or exp")
  void signWhenAnyAlgorithmThenPayloadHasTheSetClaims(JWSAlgorithm algorithm) throws Exception {
    SecurityEventToken token = TestTokens.sessionRevoked(clock);
    SignedSet set = SetSigner.nimbus(ring(algorithm)).sign(token);

    Map<String, Object> payload = JSONObjectUtils.parse(decode(set.compact(), 1));

    assertThat(payload).containsOnlyKeys("iss", "iat", "jti", "aud", "sub_id", "events");
    assertThat(payload).doesNotContainKeys("sub", "exp");
    assertThat(payload.get("iss")).isEqualTo(TestTokens.ISSUER);
    assertThat(payload.get("iat")).isEqualTo(1772360130L);
    assertThat((Long) payload.get("iat")).isLessThanOrEqualTo(clock.instant().getEpochSecond());
    assertThat(payload.get("jti")).isEqualTo(token.jti()).isEqualTo(set.jti());
    assertThat(payload.get("aud")).isEqualTo(TestTokens.AUDIENCE);
    assertThat(payload.get("sub_id"))
        .isEqualTo(Map.of("format", "opaque", "id", "dMTlD|1600802906337.16|16008.16"));
    assertThat(JSONObjectUtils.getJSONObject(payload, "events"))
        .containsOnlyKeys(EventType.SESSION_REVOKED.uri())
        .containsEntry(EventType.SESSION_REVOKED.uri(), Map.of("event_timestamp", 1772360130L));
  }

  @Test
  @DisplayName("SET-4: iat is a NumericDate that nimbus reads back as the second the token was issued")
  void signWhenParsedByNimbusThenIssueTimeIsTheWholeSecond() throws Exception {
    SignedSet set = SetSigner.nimbus(ring(JWSAlgorithm.ES256)).sign(TestTokens.sessionRevoked(clock));

    assertThat(SignedJWT.parse(set.compact()).getJWTClaimsSet().getIssueTime().toInstant())
        .isEqualTo(clock.instant().minusMillis(750));
  }

  @Test
  @DisplayName("SET-5: several audiences are written as a JSON array, txn as a string")
  void signWhenSeveralAudiencesThenAudIsAnArray() throws Exception {
    SecurityEventToken token = new SecurityEventToken(
        TestTokens.ISSUER, clock.instant(), SecurityEventToken.newJti(),
        List.of("https://a.example", "https://b.example"), "txn-1",
        SubjectIdentifier.issSub("https://idp.example.com/", "user-7"), TestEvent.sessionRevoked(1), Map.of());

    Map<String, Object> payload =
        JSONObjectUtils.parse(decode(SetSigner.nimbus(ring(JWSAlgorithm.ES256)).sign(token).compact(), 1));

    assertThat(payload.get("aud")).isEqualTo(List.of("https://a.example", "https://b.example"));
    assertThat(payload.get("txn")).isEqualTo("txn-1");
    assertThat(payload.get("sub_id"))
        .isEqualTo(Map.of("format", "iss_sub", "iss", "https://idp.example.com/", "sub", "user-7"));
  }

  @Test
  @DisplayName("SET-4: 10,000 SETs signed on four threads at once carry 10,000 distinct jti, and all verify")
  void signWhenTenThousandTokensConcurrentlyThenJtisAreDistinctAndSetsVerify() throws Exception {
    KeyRing ring = ring(JWSAlgorithm.ES256);
    SetSigner signer = SetSigner.nimbus(ring);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<SignedSet> sets = new ArrayList<>();
    try {
      List<Future<List<SignedSet>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<SignedSet> signed = new ArrayList<>();
          for (int i = 0; i < 2_500; i++) {
            signed.add(signer.sign(TestTokens.sessionRevoked(clock)));
          }
          return signed;
        }));
      }
      for (Future<List<SignedSet>> future : futures) {
        sets.addAll(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    Set<String> jtis = new HashSet<>();
    for (SignedSet set : sets) {
      jtis.add(set.jti());
    }
    assertThat(jtis).hasSize(10_000);
    Map<String, Object> jwks = signer.jwks();
    for (int i = 0; i < sets.size(); i += 97) { // a sample: verifying all 10,000 twice would only cost time
      SignedSet set = sets.get(i);
      assertThat(SignedJWT.parse(set.compact()).getJWTClaimsSet().getJWTID()).isEqualTo(set.jti());
      assertThat(NimbusJws.verify(set.compact(), ring.publishedKeys())).isTrue();
      assertThat(JdkJws.verify(set.compact(), jwks)).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  @DisplayName("SET-11: a SignedSet never changes; signing the same token again gives another valid JWS with the "
      + "same jti")
  void signWhenSameTokenTwiceThenBothVerifyAndStoredSetIsUnchanged(JWSAlgorithm algorithm) {
    KeyRing ring = ring(algorithm);
    SetSigner signer = SetSigner.nimbus(ring);
    SecurityEventToken token = TestTokens.sessionRevoked(clock);

    SignedSet first = signer.sign(token);
    String stored = first.compact();
    SignedSet second = signer.sign(token);

    assertThat(first.compact()).isSameAs(stored);
    assertThat(first.compact().getBytes(StandardCharsets.US_ASCII))
        .isEqualTo(stored.getBytes(StandardCharsets.US_ASCII));
    assertThat(first).isEqualTo(new SignedSet(token.jti(), stored));
    assertThat(second.jti()).isEqualTo(first.jti());
    assertThat(NimbusJws.verify(first.compact(), ring.publishedKeys())).isTrue();
    assertThat(NimbusJws.verify(second.compact(), ring.publishedKeys())).isTrue();
    if (algorithm.equals(JWSAlgorithm.RS256)) {
      // RSASSA-PKCS1-v1_5 is deterministic; PS256 and ES256 are randomized, hence "sign once, store" (SET-11).
      assertThat(second.compact()).isEqualTo(first.compact());
    } else {
      assertThat(second.compact()).isNotEqualTo(first.compact());
    }
  }

  @Test
  @DisplayName("SET-1: a JOSEException of nimbus is reported as SsfException(SIGNING_FAILED)")
  void signWhenNimbusThrowsJoseExceptionThenSigningFailed() {
    SigningKey real = keys.get(JWSAlgorithm.RS256);
    JOSEException failure = new JOSEException("provider failure");
    JWSSigner failing = new JWSSigner() {
      @Override
      public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        throw failure;
      }

      @Override
      public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.RS256);
      }

      @Override
      public JCAContext getJCAContext() {
        return new JCAContext();
      }
    };
    SigningKey key = new LocalSigningKey(real.keyId(), JWSAlgorithm.RS256, real.publicKey(), failing);
    SecurityEventToken token = TestTokens.sessionRevoked(clock);

    assertThatThrownBy(() -> SetSigner.nimbus(KeyRing.create(key, GRACE, clock)).sign(token))
        .isInstanceOfSatisfying(SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.SIGNING_FAILED))
        .hasMessageContaining(token.jti())
        .hasMessageContaining(real.keyId())
        .hasCause(failure);
    assertThatThrownBy(() -> key.sign(new byte[] {1}))
        .isInstanceOfSatisfying(SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.SIGNING_FAILED));
  }

  @Test
  @DisplayName("KEY-1, DISC-5: the signer serves the ring's JWK Set, which holds the kid that signs")
  void jwksWhenAskedThenHoldsTheSigningKid() {
    KeyRing ring = ring(JWSAlgorithm.RS256);
    SetSigner signer = SetSigner.nimbus(ring);

    assertThat(signer.jwks()).isEqualTo(ring.jwks());
    assertThat(signer.jwks().get("keys")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("kid", ring.activeKey().keyId());
  }

  @Test
  @DisplayName("sign refuses a null token")
  void signWhenNullThenNullPointerException() {
    SetSigner signer = SetSigner.nimbus(ring(JWSAlgorithm.ES256));

    assertThatThrownBy(() -> signer.sign(null)).isInstanceOf(NullPointerException.class).hasMessage("token");
  }

  private static String decode(String compact, int part) {
    return new String(Base64.getUrlDecoder().decode(compact.split("\\.")[part]), StandardCharsets.UTF_8);
  }
}
