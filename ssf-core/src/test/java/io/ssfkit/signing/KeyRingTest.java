package io.ssfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyRingTest {

  private static final Duration GRACE = Duration.ofHours(1);

  /** The private JWK members of RFC 7518 section 6 and the symmetric key value (KEY-3). */
  private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private static SigningKey rsaA;
  private static SigningKey rsaB;
  private static SigningKey ecC;

  @BeforeAll
  static void generateKeys() {
    rsaA = SigningKeys.generate(JWSAlgorithm.RS256, 2048);
    rsaB = SigningKeys.generate(JWSAlgorithm.RS256, 2048);
    ecC = SigningKeys.generate(JWSAlgorithm.ES256, 256);
  }

  private final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");

  @Test
  @DisplayName("KEY-4: SETs signed before, during and after a rotation verify against the JWK Set served at the "
      + "moment of verification for the whole grace period; afterwards the retired key is gone")
  void rotateWhenGracePeriodRunsThenOldSetsVerifyUntilItEnds() {
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);
    SetSigner signer = SetSigner.nimbus(ring);

    SignedSet beforeNext = signer.sign(TestTokens.sessionRevoked(clock));
    clock.advance(Duration.ofMinutes(5));
    ring.addNext(rsaB);
    SignedSet whileNextPublished = signer.sign(TestTokens.sessionRevoked(clock));
    assertVerifiesNow(ring, beforeNext, whileNextPublished);
    assertThat(kidsOf(ring)).containsExactly(rsaA.keyId(), rsaB.keyId());

    clock.advance(Duration.ofMinutes(15));
    ring.rotate();
    SignedSet afterRotation = signer.sign(TestTokens.sessionRevoked(clock));
    assertThat(ring.activeKey()).isSameAs(rsaB);
    assertThat(ring.nextKey()).isEmpty();
    assertThat(kid(afterRotation)).isEqualTo(rsaB.keyId());
    assertThat(kid(beforeNext)).isEqualTo(kid(whileNextPublished)).isEqualTo(rsaA.keyId());

    // Through the grace period, second by second at its edges, every SET verifies with the keys served then.
    for (Duration step : List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofMinutes(29),
        Duration.ofSeconds(58))) {
      clock.advance(step);
      assertVerifiesNow(ring, beforeNext, whileNextPublished, afterRotation);
      assertThat(kidsOf(ring)).containsExactly(rsaB.keyId(), rsaA.keyId());
    }

    clock.advance(Duration.ofSeconds(1)); // rotation time + grace: the grace has ended
    assertThat(kidsOf(ring)).containsExactly(rsaB.keyId());
    assertThat(NimbusJws.verify(beforeNext.compact(), ring.publishedKeys())).isFalse();
    assertThat(JdkJws.verify(whileNextPublished.compact(), ring.jwks())).isFalse();
    assertVerifiesNow(ring, afterRotation, signer.sign(TestTokens.sessionRevoked(clock)));
  }

  @Test
  @DisplayName("KEY-4: after two rotations each retired key stays published until its own grace ends")
  void rotateWhenTwiceThenEachRetiredKeyHasItsOwnGrace() {
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);
    ring.addNext(rsaB);
    ring.rotate();
    clock.advance(Duration.ofMinutes(40));
    ring.addNext(ecC);
    ring.rotate();

    assertThat(kidsOf(ring)).containsExactly(ecC.keyId(), rsaB.keyId(), rsaA.keyId());
    clock.advance(Duration.ofMinutes(20));
    assertThat(kidsOf(ring)).containsExactly(ecC.keyId(), rsaB.keyId());
    clock.advance(Duration.ofMinutes(40));
    assertThat(kidsOf(ring)).containsExactly(ecC.keyId());
  }

  @Test
  @DisplayName("KEY-4: a key may return after its grace ended, but not while it is still published")
  void addNextWhenKidStillPublishedThenRefusedAndAfterGraceAccepted() {
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);
    ring.addNext(rsaB);
    ring.rotate();

    assertThatThrownBy(() -> ring.addNext(rsaA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(rsaA.keyId());
    assertThatThrownBy(() -> ring.addNext(rsaB)).isInstanceOf(IllegalArgumentException.class);

    clock.advance(GRACE);
    ring.addNext(rsaA);
    assertThat(ring.nextKey()).contains(rsaA);
  }

  @Test
  @DisplayName("KEY-4: at most one next key waits, and rotate needs one")
  void addNextAndRotateWhenOutOfOrderThenIllegalState() {
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);

    assertThatThrownBy(ring::rotate).isInstanceOf(IllegalStateException.class).hasMessageContaining("addNext");
    ring.addNext(rsaB);
    assertThatThrownBy(() -> ring.addNext(ecC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(rsaB.keyId());
    assertThat(ring.activeKey()).isSameAs(rsaA);
    assertThat(ring.nextKey()).contains(rsaB);
  }

  @Test
  @DisplayName("KEY-1: the JWK Set is {\"keys\": [...]} and parses as a nimbus JWKSet holding the active kid")
  void jwksWhenServedThenParsesAsJwkSetWithActiveKid() throws Exception {
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);
    ring.addNext(ecC);

    Map<String, Object> jwks = ring.jwks();
    JWKSet parsed = JWKSet.parse(JSONObjectUtils.toJSONString(jwks));

    assertThat(jwks).containsOnlyKeys("keys");
    assertThat(parsed.getKeyByKeyId(ring.activeKey().keyId())).isNotNull();
    assertThat(parsed.getKeys()).hasSize(2);
  }

  @Test
  @DisplayName("KEY-2, KEY-3: JWKS lint: every key has kty, a distinct kid, use=sig and alg, and no private member")
  void jwksWhenLintedThenEveryKeyIsAPublicSignatureKey() {
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);
    ring.addNext(ecC);
    ring.rotate();
    ring.addNext(rsaB);

    lint(ring.jwks());
    String json = JSONObjectUtils.toJSONString(ring.jwks());
    for (String member : PRIVATE_MEMBERS) {
      assertThat(json).doesNotContain("\"" + member + "\"");
    }
    assertThat(ring.publishedKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
  }

  @Test
  @DisplayName("KEY-3: a private member that a SigningKey returns from publicKey() by mistake is never published")
  void jwksWhenSigningKeyLeaksPrivateJwkThenOnlyPublicMembersArePublished() throws Exception {
    RSAKey leaky = new RSAKeyGenerator(2048).keyID("leaky").generate();
    SigningKey key = new FixedKey("leaky", JWSAlgorithm.RS256, leaky);

    KeyRing ring = KeyRing.create(key, GRACE, clock);

    lint(ring.jwks());
    assertThat(ring.publishedKeys()).singleElement().satisfies(jwk -> {
      assertThat(jwk.isPrivate()).isFalse();
      assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
      assertThat(jwk.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    });
  }

  static Stream<Arguments> refusedKeys() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
    RSAKey rsa1024 = new RSAKeyGenerator(1024, true).keyID("small").generate().toPublicJWK();
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate().toPublicJWK();
    return Stream.of(
        Arguments.of("HS256 with an oct key", new FixedKey("hmac", JWSAlgorithm.HS256, secret), "HMAC"),
        Arguments.of("RS256 claimed for an oct key", new FixedKey("hmac", JWSAlgorithm.RS256, secret), "symmetric"),
        Arguments.of("none", new FixedKey("rsa", new JWSAlgorithm("none"), rsa), "unsigned"),
        Arguments.of("RSA below 2048 bits", new FixedKey("small", JWSAlgorithm.RS256, rsa1024), "2048"),
        // Built by hand: nimbus generates Ed25519 keys only with Google Tink, which is not on the class path.
        Arguments.of("EdDSA", new FixedKey("ed", JWSAlgorithm.EdDSA,
            new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(new byte[32])).keyID("ed").build()), "Tink"),
        Arguments.of("an Ed25519 key claiming RS256", new FixedKey("ed", JWSAlgorithm.RS256,
            new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(new byte[32])).keyID("ed").build()), "OKP"),
        Arguments.of("RS512", new FixedKey("rsa", JWSAlgorithm.RS512, rsa), "RS256, PS256 or ES256"),
        Arguments.of("an RSA key signing ES256", new FixedKey("rsa", JWSAlgorithm.ES256, rsa), "RSA key"),
        Arguments.of("a kid other than the JWK's", new FixedKey("other", JWSAlgorithm.RS256, rsa), "another kid"),
        Arguments.of("an encryption key", new FixedKey("enc", JWSAlgorithm.RS256,
            new RSAKey.Builder(rsa).keyID("enc").keyUse(KeyUse.ENCRYPTION).build()), "use=enc"),
        Arguments.of("a blank kid", new FixedKey(" ", JWSAlgorithm.RS256,
            new RSAKey.Builder(rsa).keyID(null).build()), "blank"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedKeys")
  @DisplayName("SET-1: the ring refuses HMAC, none, EdDSA, small RSA and inconsistent keys")
  void createAndAddNextWhenKeyMayNotSignSetsThenIllegalArgument(String name, SigningKey key, String message) {
    assertThatThrownBy(() -> KeyRing.create(key, GRACE, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    KeyRing ring = KeyRing.create(rsaA, GRACE, clock);
    assertThatThrownBy(() -> ring.addNext(key)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ring.nextKey()).isEmpty();
  }

  @Test
  @DisplayName("the retirement grace must be positive")
  void createWhenGraceNotPositiveThenIllegalArgument() {
    assertThatThrownBy(() -> KeyRing.create(rsaA, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retirementGrace");
    assertThatThrownBy(() -> KeyRing.create(rsaA, Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertVerifiesNow(KeyRing ring, SignedSet... sets) {
    for (SignedSet set : sets) {
      assertThat(NimbusJws.verify(set.compact(), ring.publishedKeys())).as("nimbus, %s", set).isTrue();
      assertThat(JdkJws.verify(set.compact(), ring.jwks())).as("JDK, %s", set).isTrue();
    }
  }

  private static List<String> kidsOf(KeyRing ring) {
    return ring.publishedKeys().stream().map(JWK::getKeyID).toList();
  }

  private static String kid(SignedSet set) {
    try {
      return SignedJWT.parse(set.compact()).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void lint(Map<String, Object> jwks) {
    List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
    assertThat(keys).isNotEmpty();
    Set<Object> kids = new HashSet<>();
    for (Map<String, Object> key : keys) {
      assertThat(key).containsKeys("kty", "kid", "use", "alg");
      assertThat(key.get("kty")).isIn("RSA", "EC");
      assertThat(key.get("use")).isEqualTo("sig");
      assertThat(key.get("alg")).isIn("RS256", "PS256", "ES256");
      assertThat(key).doesNotContainKey("key_ops");
      assertThat(key).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new));
      assertThat(kids.add(key.get("kid"))).as("kid %s is distinct", key.get("kid")).isTrue();
    }
  }

  /** A SigningKey implementation that a host could write; it never signs in these tests. */
  record FixedKey(String keyId, JWSAlgorithm algorithm, JWK publicKey) implements SigningKey {
    @Override
    public byte[] sign(byte[] signingInput) {
      throw new UnsupportedOperationException("not used");
    }
  }
}
