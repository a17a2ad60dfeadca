package io.ssfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeysTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private static KeyPair rsaPair;
  private static KeyPair ecPair;

  @BeforeAll
  static void generatePairs() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    rsaPair = rsa.generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    ecPair = ec.generateKeyPair();
  }

  private final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");

  /** Signs a SET with the key and verifies it with nimbus and with the JDK against the published JWK Set. */
  private void assertSignsVerifiableSets(SigningKey key) {
    KeyRing ring = KeyRing.create(key, Duration.ofHours(1), clock);
    SignedSet set = SetSigner.nimbus(ring).sign(TestTokens.sessionRevoked(clock));
    assertThat(NimbusJws.verify(set.compact(), ring.publishedKeys())).isTrue();
    assertThat(JdkJws.verify(set.compact(), ring.jwks())).isTrue();
  }

  private static String thumbprint(PublicKey publicKey) throws Exception {
    JWK jwk = publicKey instanceof RSAPublicKey rsa
        ? new RSAKey.Builder(rsa).build()
        : new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey).build();
    return jwk.computeThumbprint().toString();
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  @Nested
  @DisplayName("generate")
  class Generate {

    @Test
    @DisplayName("SET-1, KEY-2: RS256, PS256 and ES256 keys get an RFC 7638 thumbprint as kid and sign verifiable SETs")
    void generateWhenSupportedAlgorithmThenThumbprintKidAndVerifiableSets() throws Exception {
      for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256}) {
        SigningKey key = SigningKeys.generate(algorithm, algorithm.equals(JWSAlgorithm.ES256) ? 256 : 2048);

        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.keyId()).isEqualTo(key.publicKey().computeThumbprint().toString());
        assertThat(key.publicKey().isPrivate()).isFalse();
        assertThat(key.publicKey().getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.toString()).isEqualTo("SigningKey[kid=" + key.keyId() + ", alg=" + algorithm + "]");
        assertSignsVerifiableSets(key);
      }
    }

    @Test
    @DisplayName("SET-1: RSA keys of 3072 bits can be generated")
    void generateWhenRsa3072ThenModulusHas3072Bits() throws Exception {
      SigningKey key = SigningKeys.generate(JWSAlgorithm.RS256, 3072);

      assertThat(((RSAKey) key.publicKey()).toRSAPublicKey().getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    @DisplayName("SET-1: RSA keys below 2048 bits, other EC sizes, HMAC, none and EdDSA are refused")
    void generateWhenUnsupportedThenIllegalArgument() {
      assertThatThrownBy(() -> SigningKeys.generate(JWSAlgorithm.RS256, 1024))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
      assertThatThrownBy(() -> SigningKeys.generate(JWSAlgorithm.ES256, 384))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
      assertThatThrownBy(() -> SigningKeys.generate(JWSAlgorithm.HS256, 256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HMAC");
      assertThatThrownBy(() -> SigningKeys.generate(new JWSAlgorithm("none"), 2048))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SET-1");
      assertThatThrownBy(() -> SigningKeys.generate(JWSAlgorithm.EdDSA, 256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Tink");
      assertThatThrownBy(() -> SigningKeys.generate(JWSAlgorithm.ES384, 384))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ES256");
    }
  }

  @Nested
  @DisplayName("fromJwk")
  class FromJwk {

    @Test
    @DisplayName("KEY-2: a private RSA JWK keeps its kid; its public JWK has use=sig and alg")
    void fromJwkWhenRsaWithKidThenKidKept() throws Exception {
      RSAKey jwk = new RSAKeyGenerator(2048).keyID("rsa-2026-03").generate();

      SigningKey key = SigningKeys.fromJwk(jwk.toJSONString(), JWSAlgorithm.PS256);

      assertThat(key.keyId()).isEqualTo("rsa-2026-03");
      assertThat(key.publicKey().toJSONObject())
          .containsEntry("kid", "rsa-2026-03").containsEntry("use", "sig").containsEntry("alg", "PS256")
          .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
      assertSignsVerifiableSets(key);
    }

    @Test
    @DisplayName("KEY-2: an EC JWK without kid gets its thumbprint")
    void fromJwkWhenEcWithoutKidThenThumbprint() throws Exception {
      ECKey jwk = new ECKeyGenerator(Curve.P_256).generate();

      SigningKey key = SigningKeys.fromJwk(jwk.toJSONString(), JWSAlgorithm.ES256);

      assertThat(key.keyId()).isEqualTo(jwk.computeThumbprint().toString());
      assertSignsVerifiableSets(key);
    }

    @Test
    @DisplayName("SET-1: symmetric, public-only, small, mismatched and unparsable JWKs are refused")
    void fromJwkWhenNotAPrivateSigningKeyThenIllegalArgument() throws Exception {
      RSAKey rsa = new RSAKeyGenerator(2048).generate();
      String secret = new OctetSequenceKeyGenerator(256).generate().toJSONString();

      assertThatThrownBy(() -> SigningKeys.fromJwk(secret, JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
      assertThatThrownBy(() -> SigningKeys.fromJwk(rsa.toPublicJWK().toJSONString(), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no private key");
      assertThatThrownBy(() -> SigningKeys.fromJwk(
              new RSAKeyGenerator(1024, true).generate().toJSONString(), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
      assertThatThrownBy(() -> SigningKeys.fromJwk(
              new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.RS256).build().toJSONString(), JWSAlgorithm.PS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alg=RS256");
      assertThatThrownBy(() -> SigningKeys.fromJwk(rsa.toJSONString(), JWSAlgorithm.ES256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EC key on P-256");
      assertThatThrownBy(() -> SigningKeys.fromJwk(
              new ECKeyGenerator(Curve.P_384).generate().toJSONString(), JWSAlgorithm.ES256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-384");
    }

    @Test
    @DisplayName("SEC-5: an unparsable JWK is refused without repeating any of its content")
    void fromJwkWhenUnparsableThenMessageDoesNotEchoTheInput() {
      String broken = "{\"kty\":\"RSA\",\"d\":\"SECRET-PRIVATE-EXPONENT\"";

      assertThatThrownBy(() -> SigningKeys.fromJwk(broken, JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class)
          .hasNoCause()
          .message().doesNotContain("SECRET");
    }
  }

  @Nested
  @DisplayName("fromPem")
  class FromPem {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "ES256"})
    @DisplayName("a PKCS#8 private key alone: the public key is derived and the kid is its thumbprint")
    void fromPemWhenPrivateKeyOnlyThenPublicKeyDerived(String name) throws Exception {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
      KeyPair pair = algorithm.equals(JWSAlgorithm.ES256) ? ecPair : rsaPair;

      SigningKey key = SigningKeys.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()), algorithm);

      assertThat(key.keyId()).isEqualTo(thumbprint(pair.getPublic()));
      assertSignsVerifiableSets(key);
    }

    @Test
    @DisplayName("a PKCS#8 private key with its PUBLIC KEY, or with its CERTIFICATE and chain, in any order")
    void fromPemWhenPublicKeyOrCertificateGivenThenUsed() throws Exception {
      String privatePem = pem("PRIVATE KEY", rsaPair.getPrivate().getEncoded());
      String publicPem = pem("PUBLIC KEY", rsaPair.getPublic().getEncoded());
      String certificatePem = pem("CERTIFICATE", TestCertificates.selfSigned(rsaPair).getEncoded());
      String otherCertificatePem = pem("CERTIFICATE", TestCertificates.selfSigned(ecPair).getEncoded());

      SigningKey withPublic = SigningKeys.fromPem(publicPem + privatePem, JWSAlgorithm.RS256);
      SigningKey withChain = SigningKeys.fromPem(
          "Bag Attributes: ignored text\n" + privatePem + certificatePem + otherCertificatePem, JWSAlgorithm.RS256);
      SigningKey ecWithCertificate = SigningKeys.fromPem(
          pem("EC PARAMETERS", new byte[] {6, 8, 42, -122, 72, -50, 61, 3, 1, 7})
              + pem("PRIVATE KEY", ecPair.getPrivate().getEncoded())
              + pem("CERTIFICATE", TestCertificates.selfSigned(ecPair).getEncoded()),
          JWSAlgorithm.ES256);

      assertThat(withPublic.keyId()).isEqualTo(withChain.keyId()).isEqualTo(thumbprint(rsaPair.getPublic()));
      assertThat(ecWithCertificate.keyId()).isEqualTo(thumbprint(ecPair.getPublic()));
      assertSignsVerifiableSets(withChain);
      assertSignsVerifiableSets(ecWithCertificate);
    }

    @Test
    @DisplayName("a public key or certificate of another key pair is refused")
    void fromPemWhenPublicKeyBelongsToAnotherKeyThenIllegalArgument() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair other = generator.generateKeyPair();
      String privatePem = pem("PRIVATE KEY", rsaPair.getPrivate().getEncoded());

      assertThatThrownBy(() -> SigningKeys.fromPem(
              privatePem + pem("PUBLIC KEY", other.getPublic().getEncoded()), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
      assertThatThrownBy(() -> SigningKeys.fromPem(
              privatePem + pem("CERTIFICATE", TestCertificates.selfSigned(other).getEncoded()), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
      assertThatThrownBy(() -> SigningKeys.fromPem(
              privatePem + pem("PUBLIC KEY", rsaPair.getPublic().getEncoded())
                  + pem("CERTIFICATE", TestCertificates.selfSigned(other).getEncoded()), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different keys");
    }

    @Test
    @DisplayName("SET-1: PKCS#1, SEC 1 and encrypted PEM, a missing private key, a wrong key type and small RSA keys "
        + "are refused")
    void fromPemWhenUnusableThenIllegalArgument() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(1024);
      byte[] small = generator.generateKeyPair().getPrivate().getEncoded();
      byte[] der = rsaPair.getPrivate().getEncoded();

      assertThatThrownBy(() -> SigningKeys.fromPem(pem("RSA PRIVATE KEY", der), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
      assertThatThrownBy(() -> SigningKeys.fromPem(pem("EC PRIVATE KEY", der), JWSAlgorithm.ES256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8");
      assertThatThrownBy(() -> SigningKeys.fromPem(pem("ENCRYPTED PRIVATE KEY", der), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENCRYPTED PRIVATE KEY");
      assertThatThrownBy(() -> SigningKeys.fromPem(pem("PUBLIC KEY", rsaPair.getPublic().getEncoded()),
              JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PKCS#8 PRIVATE KEY");
      assertThatThrownBy(() -> SigningKeys.fromPem("not PEM at all", JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PKCS#8 PRIVATE KEY");
      assertThatThrownBy(() -> SigningKeys.fromPem(pem("PRIVATE KEY", der), JWSAlgorithm.ES256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid EC key");
      assertThatThrownBy(() -> SigningKeys.fromPem(pem("PRIVATE KEY", small), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
      assertThatThrownBy(() -> SigningKeys.fromPem(pem("PRIVATE KEY", der) + pem("PRIVATE KEY", der),
              JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one");
    }
  }

  @Nested
  @DisplayName("fromKeyStore")
  class FromKeyStore {

    /** Writes a PKCS#12 file with the JDK and reads it back, as a host would load one from disk. */
    private KeyStore pkcs12(String alias, KeyPair pair) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, pair.getPrivate(), PASSWORD, new Certificate[] {TestCertificates.selfSigned(pair)});
      store.setKeyEntry("hmac", new SecretKeySpec(new byte[32], "HmacSHA256"), PASSWORD, null);
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      store.store(file, PASSWORD);
      KeyStore loaded = KeyStore.getInstance("PKCS12");
      loaded.load(new ByteArrayInputStream(file.toByteArray()), PASSWORD);
      return loaded;
    }

    @Test
    @DisplayName("an RSA and an EC key load from PKCS#12 with alias and password; the kid is the thumbprint")
    void fromKeyStoreWhenPkcs12ThenKeysLoad() throws Exception {
      SigningKey rsa = SigningKeys.fromKeyStore(pkcs12("ssf", rsaPair), "ssf", PASSWORD, JWSAlgorithm.RS256);
      SigningKey ec = SigningKeys.fromKeyStore(pkcs12("ssf-ec", ecPair), "ssf-ec", PASSWORD, JWSAlgorithm.ES256);

      assertThat(rsa.keyId()).isEqualTo(thumbprint(rsaPair.getPublic()));
      assertThat(ec.keyId()).isEqualTo(thumbprint(ecPair.getPublic()));
      assertSignsVerifiableSets(rsa);
      assertSignsVerifiableSets(ec);
    }

    @Test
    @DisplayName("SET-1: a wrong password, an unknown alias, a secret key and a wrong algorithm are refused")
    void fromKeyStoreWhenUnusableThenIllegalArgument() throws Exception {
      KeyStore store = pkcs12("ssf", rsaPair);

      assertThatThrownBy(() -> SigningKeys.fromKeyStore(store, "ssf", "wrong".toCharArray(), JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssf");
      assertThatThrownBy(() -> SigningKeys.fromKeyStore(store, "nope", PASSWORD, JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key under alias nope");
      assertThatThrownBy(() -> SigningKeys.fromKeyStore(store, "hmac", PASSWORD, JWSAlgorithm.RS256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
      assertThatThrownBy(() -> SigningKeys.fromKeyStore(store, "ssf", PASSWORD, JWSAlgorithm.ES256))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    }
  }

  @Test
  @DisplayName("SEC-5: a loaded key never prints its private key")
  void toStringWhenLocalKeyThenNoPrivateMaterial() throws Exception {
    RSAKey jwk = new RSAKeyGenerator(2048).keyID("k1").generate();
    SigningKey key = SigningKeys.fromJwk(jwk.toJSONString(), JWSAlgorithm.RS256);

    String d = jwk.getPrivateExponent().toString();
    assertThat(key.toString()).doesNotContain(d).isEqualTo("SigningKey[kid=k1, alg=RS256]");
    assertThat(key.publicKey().toJSONString()).doesNotContain(d);
  }
}
