package io.ssfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link SigningKey} SPI for keys that stay in a KMS or an HSM, exercised with an in-test "remote" signer. */
class RemoteSigningKeyTest {

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

  static Stream<JWSAlgorithm> algorithms() {
    return Stream.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
  }

  /**
   * A stand-in for a KMS: the private key is only reachable through {@link #sign(byte[])}, which signs with the
   * JDK as a remote service would, and records what it was asked to sign.
   */
  static final class KmsKey implements SigningKey {
    private final String keyId;
    private final JWSAlgorithm algorithm;
    private final JWK publicKey;
    private final PrivateKey privateKey;
    private final UnaryOperator<byte[]> postProcess;
    final List<String> requests = new CopyOnWriteArrayList<>();

    KmsKey(String keyId, JWSAlgorithm algorithm, KeyPair pair, UnaryOperator<byte[]> postProcess) {
      this.keyId = keyId;
      this.algorithm = algorithm;
      this.publicKey = pair.getPublic() instanceof RSAPublicKey rsa
          ? new RSAKey.Builder(rsa).keyID(keyId).build()
          : new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyID(keyId).build();
      this.privateKey = pair.getPrivate();
      this.postProcess = postProcess;
    }

    static KmsKey of(JWSAlgorithm algorithm) {
      KeyPair pair = algorithm.equals(JWSAlgorithm.ES256) ? ecPair : rsaPair;
      return new KmsKey("kms-" + algorithm.getName().toLowerCase(), algorithm, pair, UnaryOperator.identity());
    }

    @Override
    public String keyId() {
      return keyId;
    }

    @Override
    public JWSAlgorithm algorithm() {
      return algorithm;
    }

    @Override
    public JWK publicKey() {
      return publicKey;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
      requests.add(new String(signingInput, StandardCharsets.US_ASCII));
      try {
        Signature signature;
        if (algorithm.equals(JWSAlgorithm.PS256)) {
          signature = Signature.getInstance("RSASSA-PSS");
          signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        } else {
          signature = Signature.getInstance(algorithm.equals(JWSAlgorithm.RS256) ? "SHA256withRSA" : "SHA256withECDSA");
        }
        signature.initSign(privateKey);
        signature.update(signingInput);
        byte[] result = signature.sign();
        // JCA (like most KMS) returns DER for ECDSA; the SPI wants the JWS form R || S.
        return postProcess.apply(
            algorithm.equals(JWSAlgorithm.ES256) ? ECDSA.transcodeSignatureToConcat(result, 64) : result);
      } catch (GeneralSecurityException | JOSEException e) {
        throw new IllegalStateException("KMS unavailable", e);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("algorithms")
  @DisplayName("SET-1, SET-2: a key held remotely signs through the SPI; the SET verifies with nimbus and the JDK")
  void signWhenKeyIsRemoteThenSetVerifiesTwice(JWSAlgorithm algorithm) {
    KmsKey kms = KmsKey.of(algorithm);
    KeyRing ring = KeyRing.create(kms, Duration.ofHours(1), clock);

    SignedSet set = SetSigner.nimbus(ring).sign(TestTokens.sessionRevoked(clock));

    assertThat(NimbusJws.verify(set.compact(), ring.publishedKeys())).isTrue();
    assertThat(JdkJws.verify(set.compact(), ring.jwks())).isTrue();
    String compact = set.compact();
    assertThat(kms.requests).containsExactly(compact.substring(0, compact.lastIndexOf('.')));
  }

  @Test
  @DisplayName("KEY-4: a ring can rotate from a local key to a remote one")
  void rotateWhenNextKeyIsRemoteThenItSigns() {
    KeyRing ring = KeyRing.create(SigningKeys.generate(JWSAlgorithm.ES256, 256), Duration.ofHours(1), clock);
    KmsKey kms = KmsKey.of(JWSAlgorithm.RS256);
    ring.addNext(kms);
    ring.rotate();

    SignedSet set = SetSigner.nimbus(ring).sign(TestTokens.sessionRevoked(clock));

    assertThat(kms.requests).hasSize(1);
    assertThat(NimbusJws.verify(set.compact(), ring.publishedKeys())).isTrue();
    assertThat(ring.publishedKeys()).hasSize(2);
  }

  @Test
  @DisplayName("SET-1: a failing remote key is reported as SIGNING_FAILED with the cause")
  void signWhenRemoteKeyThrowsThenSigningFailed() {
    RuntimeException outage = new IllegalStateException("KMS timed out");
    KmsKey kms = new KmsKey("kms-down", JWSAlgorithm.RS256, rsaPair, signature -> {
      throw outage;
    });
    SetSigner signer = SetSigner.nimbus(KeyRing.create(kms, Duration.ofHours(1), clock));

    assertThatThrownBy(() -> signer.sign(TestTokens.sessionRevoked(clock)))
        .isInstanceOfSatisfying(SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.SIGNING_FAILED))
        .hasMessageContaining("kms-down")
        .hasRootCauseMessage("KMS timed out");
  }

  @Test
  @DisplayName("an SsfException thrown by a remote key passes through unchanged")
  void signWhenRemoteKeyThrowsSsfExceptionThenSameException() {
    SsfException refused = new SsfException(SsfErrorCode.SIGNING_FAILED, "HSM refused the operation");
    KmsKey kms = new KmsKey("hsm", JWSAlgorithm.RS256, rsaPair, signature -> {
      throw refused;
    });
    SetSigner signer = SetSigner.nimbus(KeyRing.create(kms, Duration.ofHours(1), clock));

    assertThatThrownBy(() -> signer.sign(TestTokens.sessionRevoked(clock))).isSameAs(refused);
  }

  @Test
  @DisplayName("SET-1: an ES256 signature in DER form instead of R || S is refused as SIGNING_FAILED")
  void signWhenEs256SignatureIsDerThenSigningFailed() {
    KmsKey kms = new KmsKey("kms-der", JWSAlgorithm.ES256, ecPair, concat -> {
      try {
        return ECDSA.transcodeSignatureToDER(concat);
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    });
    SetSigner signer = SetSigner.nimbus(KeyRing.create(kms, Duration.ofHours(1), clock));

    assertThatThrownBy(() -> signer.sign(TestTokens.sessionRevoked(clock)))
        .isInstanceOfSatisfying(SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.SIGNING_FAILED))
        .hasStackTraceContaining("R || S");
  }
}
