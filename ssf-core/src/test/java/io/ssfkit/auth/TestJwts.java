package io.ssfkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

/**
 * Keys, claims and signed tokens for the JWT authenticator tests. Keys are generated locally once per JVM;
 * nothing touches the network.
 */
final class TestJwts {

  static final String ISSUER = "https://idp.example.com";
  static final String AUDIENCE = "https://ssf.example.com";
  static final String CLIENT_ID = "receiver-app";
  static final String ORG_ID = "org-42";

  /** A fixed instant far from the real time, so a test passes only if the injected clock is used. */
  static final Instant NOW = Instant.parse("2031-05-06T07:08:09Z");

  static final RSAKey RSA = rsa("rsa-1");
  /** A different RSA key that claims the same kid as {@link #RSA}. */
  static final RSAKey RSA_IMPOSTOR = rsa("rsa-1");
  static final ECKey EC_P256 = ec(Curve.P_256, "ec-256");
  static final ECKey EC_P384 = ec(Curve.P_384, "ec-384");

  private TestJwts() {}

  static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  /** The published key set of the test issuer: public keys only. */
  static JWKSet issuerKeys() {
    return new JWKSet(List.<JWK>of(RSA, EC_P256, EC_P384)).toPublicJWKSet();
  }

  /** An authenticator builder for the test issuer, with the clock fixed at {@link #NOW}. */
  static JwtAccessTokenAuthenticator.Builder authenticator() {
    return JwtAccessTokenAuthenticator.builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .jwkSet(issuerKeys())
        .clock(clockAt(NOW));
  }

  /** Claims of a valid access token at {@link #NOW}, expiring in five minutes. */
  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("user-1")
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
        .jwtID("jti-1")
        .claim("client_id", CLIENT_ID)
        .claim("org_id", ORG_ID)
        .claim("scope", "ssf.manage ssf.read");
  }

  /** A header with {@code typ: at+jwt} and the key's kid. */
  static JWSHeader.Builder header(JWSAlgorithm algorithm, JWK key) {
    return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID());
  }

  static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
    return sign(key, header(algorithm, key).build(), claims);
  }

  static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid RS256 access token. */
  static String validToken() {
    return sign(RSA, JWSAlgorithm.RS256, claims().build());
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    if (key instanceof RSAKey rsa) {
      return new RSASSASigner(rsa);
    }
    if (key instanceof ECKey ec) {
      return new ECDSASigner(ec);
    }
    return new MACSigner((OctetSequenceKey) key);
  }

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey ec(Curve curve, String kid) {
    try {
      return new ECKeyGenerator(curve).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
