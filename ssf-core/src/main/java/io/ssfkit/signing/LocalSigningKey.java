package io.ssfkit.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.util.Objects;

/**
 * A signing key whose private key is in this JVM, signing through a nimbus {@link JWSSigner} that is created
 * once. Immutable and thread-safe: nimbus's {@code RSASSASigner} and {@code ECDSASigner} take a fresh JCA
 * {@code Signature} for every call.
 *
 * <p>{@link #toString()} names the kid and the algorithm only; nothing here ever prints the private key.
 */
final class LocalSigningKey implements SigningKey {

  private final String keyId;
  private final JWSAlgorithm algorithm;
  private final JWK publicKey;
  private final JWSSigner signer;
  private final JWSHeader header;

  /**
   * Creates the key.
   *
   * @param keyId the kid
   * @param algorithm the algorithm, supported by {@code signer}
   * @param publicKey the public JWK, already in its published form
   * @param signer the nimbus signer holding the private key
   */
  LocalSigningKey(String keyId, JWSAlgorithm algorithm, JWK publicKey, JWSSigner signer) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.header = Keys.header(algorithm, keyId);
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
    Objects.requireNonNull(signingInput, "signingInput");
    try {
      return signer.sign(header, signingInput).decode();
    } catch (JOSEException e) {
      throw new SsfException(SsfErrorCode.SIGNING_FAILED, "signing with key kid=" + keyId + " failed", e);
    }
  }

  /** Returns the nimbus signer, so that {@link NimbusSetSigner} signs without an extra base64url round trip. */
  JWSSigner jwsSigner() {
    return signer;
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + keyId + ", alg=" + algorithm + "]";
  }
}
