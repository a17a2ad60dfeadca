package io.ssfkit.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.util.Objects;
import java.util.Set;

/**
 * Lets nimbus sign through a host's {@link SigningKey}, for keys held in a KMS or an HSM. Thread-safe if the key
 * is, as its contract requires.
 *
 * <p>Runtime exceptions of the key become {@link JOSEException}s, as nimbus would make them anyway.
 * {@link NimbusSetSigner} reports them as {@code SIGNING_FAILED}, except an {@link io.ssfkit.error.SsfException}
 * of the key, which it rethrows unchanged.
 */
final class SigningKeyJwsSigner implements JWSSigner {

  /** RFC 7518 section 3.4: an ES256 signature is R and S, 32 bytes each. */
  private static final int ES256_SIGNATURE_BYTES = 64;

  private final SigningKey key;
  private final JWSAlgorithm algorithm;
  private final Set<JWSAlgorithm> algorithms;
  private final JCAContext jcaContext = new JCAContext();

  SigningKeyJwsSigner(SigningKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.algorithm = key.algorithm();
    this.algorithms = Set.of(algorithm);
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!algorithm.equals(header.getAlgorithm())) {
      throw new JOSEException(
          "key kid=" + key.keyId() + " signs " + algorithm + ", not " + header.getAlgorithm());
    }
    byte[] signature;
    try {
      signature = key.sign(signingInput);
    } catch (RuntimeException e) {
      throw new JOSEException("key kid=" + key.keyId() + " failed to sign: " + e, e);
    }
    if (signature == null || signature.length == 0) {
      throw new JOSEException("key kid=" + key.keyId() + " returned no signature");
    }
    if (JWSAlgorithm.ES256.equals(algorithm) && signature.length != ES256_SIGNATURE_BYTES) {
      throw new JOSEException(
          "key kid=" + key.keyId() + " returned a " + signature.length + "-byte ES256 signature; it must be the "
              + "64-byte R || S form of RFC 7518 section 3.4, not DER (ECDSA.transcodeSignatureToConcat converts it)");
    }
    return Base64URL.encode(signature);
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return algorithms;
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
