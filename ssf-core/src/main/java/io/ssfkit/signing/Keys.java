package io.ssfkit.signing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.text.ParseException;
import java.util.Objects;
import java.util.Set;

/** The rules every signing key follows, shared by {@link SigningKeys} and {@link KeyRing}. */
final class Keys {

  /** The explicit type of a SET: RFC 8417 section 2.3 prefers it without the {@code application/} prefix (SET-2). */
  static final JOSEObjectType SECEVENT_JWT = new JOSEObjectType("secevent+jwt");

  /** RFC 7518 sections 3.3 and 3.5: "A key of size 2048 bits or larger MUST be used"; IOP section 2.6 (SET-1). */
  static final int MIN_RSA_BITS = 2048;

  private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);

  private Keys() {}

  /**
   * Checks that SETs may be signed with an algorithm.
   *
   * @param algorithm the algorithm
   * @return the algorithm
   * @throws IllegalArgumentException unless it is RS256, PS256 or ES256
   */
  static JWSAlgorithm requireSupported(JWSAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (isRsa(algorithm) || JWSAlgorithm.ES256.equals(algorithm)) {
      return algorithm;
    }
    String why;
    if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
      why = "HMAC is symmetric, and SETs must be signed with an asymmetric algorithm (SET-1)";
    } else if ("none".equalsIgnoreCase(algorithm.getName())) {
      why = "unsigned SETs are never emitted (SET-1)";
    } else if (JWSAlgorithm.Family.ED.contains(algorithm)) {
      why = "EdDSA needs Google Tink in nimbus-jose-jwt, which ssfkit does not depend on";
    } else {
      why = "ssfkit signs SETs with RS256, PS256 or ES256 only";
    }
    throw new IllegalArgumentException("algorithm must be RS256, PS256 or ES256, but was " + algorithm + ": " + why);
  }

  static boolean isRsa(JWSAlgorithm algorithm) {
    return RSA_ALGORITHMS.contains(algorithm);
  }

  /**
   * Checks a key and builds the JWK to publish for it: the public parameters only, with {@code kid},
   * {@code use: "sig"} and {@code alg} (KEY-2, KEY-3).
   *
   * @param key the key
   * @return a public RSA or EC JWK
   * @throws IllegalArgumentException if the key may not sign SETs
   */
  static JWK publishable(SigningKey key) {
    Objects.requireNonNull(key, "key");
    String keyId = Objects.requireNonNull(key.keyId(), "keyId");
    JWSAlgorithm algorithm = requireSupported(key.algorithm());
    JWK jwk = Objects.requireNonNull(key.publicKey(), "publicKey");
    if (keyId.isBlank()) {
      throw new IllegalArgumentException("keyId must not be blank");
    }
    if (jwk instanceof OctetSequenceKey) {
      throw new IllegalArgumentException(
          "key kid=" + keyId + " is symmetric (oct), and SETs must be signed with an asymmetric key (SET-1)");
    }
    if (jwk.getKeyID() != null && !jwk.getKeyID().equals(keyId)) {
      throw new IllegalArgumentException(
          "key kid=" + keyId + " has a public JWK with another kid, " + jwk.getKeyID());
    }
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.getName())) {
      throw new IllegalArgumentException(
          "key kid=" + keyId + " signs with " + algorithm + " but its JWK says alg=" + jwk.getAlgorithm());
    }
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new IllegalArgumentException(
          "key kid=" + keyId + " must be a signature key, but its JWK says use=" + jwk.getKeyUse());
    }
    if (jwk instanceof RSAKey rsa) {
      if (!isRsa(algorithm)) {
        throw new IllegalArgumentException("key kid=" + keyId + " is an RSA key, which cannot sign " + algorithm);
      }
      requireRsaBits(new BigInteger(1, rsa.getModulus().decode()).bitLength(), keyId);
      return new RSAKey.Builder(rsa.getModulus(), rsa.getPublicExponent())
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(algorithm)
          .keyID(keyId)
          .build();
    }
    if (jwk instanceof ECKey ec) {
      if (!JWSAlgorithm.ES256.equals(algorithm) || !Curve.P_256.equals(ec.getCurve())) {
        throw new IllegalArgumentException(
            "key kid=" + keyId + " is an EC key on " + ec.getCurve() + "; only P-256 keys signing ES256 are supported");
      }
      return new ECKey.Builder(Curve.P_256, ec.getX(), ec.getY())
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(algorithm)
          .keyID(keyId)
          .build();
    }
    throw new IllegalArgumentException(
        "key kid=" + keyId + " has key type " + jwk.getKeyType() + "; only RSA and EC (P-256) keys are supported");
  }

  /**
   * Refuses RSA keys shorter than 2048 bits.
   *
   * @param bits the modulus length
   * @param keyName how to name the key in the message
   * @throws IllegalArgumentException if {@code bits} is below 2048
   */
  static void requireRsaBits(int bits, String keyName) {
    if (bits < MIN_RSA_BITS) {
      throw new IllegalArgumentException(
          "RSA keys must have at least " + MIN_RSA_BITS + " bits (SET-1), but key " + keyName + " has " + bits);
    }
  }

  /**
   * Returns the JWS header of every SET a key signs: exactly {@code alg}, {@code typ} and {@code kid} (SET-2).
   * The header is parsed back from its own encoding so that nimbus keeps that encoding and does not serialize the
   * header again for every SET.
   *
   * @param algorithm the algorithm
   * @param keyId the key ID
   * @return the header
   */
  static JWSHeader header(JWSAlgorithm algorithm, String keyId) {
    JWSHeader header = new JWSHeader.Builder(algorithm).type(SECEVENT_JWT).keyID(keyId).build();
    try {
      return JWSHeader.parse(header.toBase64URL());
    } catch (ParseException e) {
      throw new IllegalStateException("nimbus cannot parse the JWS header it wrote", e);
    }
  }
}
