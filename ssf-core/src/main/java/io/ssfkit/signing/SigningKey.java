package io.ssfkit.signing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

/**
 * One signing key: its {@code kid}, its algorithm, its public JWK and the operation that signs with its private
 * key. This is the SPI a host implements to keep the private key in a KMS or an HSM and sign remotely; the private
 * key never has to enter the JVM. {@link SigningKeys} creates implementations that hold the private key locally.
 *
 * <p><b>Thread-safety:</b> implementations must be thread-safe: {@link #sign(byte[])} is called concurrently by
 * every thread that signs SETs.
 *
 * <p><b>Nulls:</b> no method takes or returns null.
 *
 * <p><b>Idempotency:</b> {@link #keyId()}, {@link #algorithm()} and {@link #publicKey()} return the same value on
 * every call. {@link #sign(byte[])} has no side effect; for PS256 and ES256 its result differs from call to call
 * because those signatures are randomized.
 *
 * <p><b>Validation:</b> a {@link KeyRing} checks each key when it is added: the algorithm is RS256, PS256 or ES256;
 * the public JWK is an RSA key of at least 2048 bits (RS256, PS256) or an EC key on P-256 (ES256); its
 * {@code kid}, {@code alg} and {@code use}, where present, agree with this key. Symmetric keys are refused
 * (SET-1). The ring publishes a JWK rebuilt from the public parameters alone, so a private member returned by
 * {@link #publicKey()} by mistake is never published (KEY-3).
 *
 * <p>There is no contract kit yet; {@code RemoteSigningKeyTest} in ssf-core shows what an implementation must do.
 */
public interface SigningKey {

  /**
   * Returns the key ID, written as {@code kid} into the JWS header of every SET this key signs and into its JWK
   * (SET-2, KEY-2).
   *
   * @return the key ID; not blank, and distinct from the other keys of its {@link KeyRing}
   */
  String keyId();

  /**
   * Returns the JWS algorithm this key signs with.
   *
   * @return {@link JWSAlgorithm#RS256}, {@link JWSAlgorithm#PS256} or {@link JWSAlgorithm#ES256}
   */
  JWSAlgorithm algorithm();

  /**
   * Returns the public key as a JWK.
   *
   * @return an RSA or EC JWK; only its public parameters are used
   */
  JWK publicKey();

  /**
   * Signs a JWS signing input, {@code ASCII(BASE64URL(header) || '.' || BASE64URL(payload))}.
   *
   * @param signingInput the bytes to sign; the implementation must not modify them
   * @return the JWS signature bytes as RFC 7518 section 3 defines them: for RS256 and PS256 the RSA signature,
   *     for ES256 the 64-byte concatenation {@code R || S} (<em>not</em> the DER form that JCA and most KMS
   *     return; nimbus's {@code ECDSA.transcodeSignatureToConcat(der, 64)} converts it)
   * @throws io.ssfkit.error.SsfException with {@code SIGNING_FAILED} if the signature cannot be produced; a
   *     {@link SetSigner} also reports any other runtime exception thrown here as {@code SIGNING_FAILED}
   * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3">RFC 7518 section 3</a>
   */
  byte[] sign(byte[] signingInput);
}
