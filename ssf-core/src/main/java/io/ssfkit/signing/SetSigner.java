package io.ssfkit.signing;

import io.ssfkit.event.SecurityEventToken;
import java.util.Map;

/**
 * Signs Security Event Tokens and publishes the public keys that verify them (SSF 1.0 section 4.1; RFC 8417).
 *
 * <p><b>Thread-safety:</b> implementations must be thread-safe; every delivery thread signs through one instance.
 *
 * <p><b>Nulls:</b> no method takes or returns null.
 *
 * <p><b>Idempotency:</b> {@link #sign(SecurityEventToken)} has no side effect, but it is not meant to be repeated
 * for one token: PS256 and ES256 signatures are randomized, so each call gives a different, equally valid JWS. Sign
 * a SET once and retransmit the stored {@link SignedSet} (SET-11). {@link #jwks()} reflects the keys published at
 * the time of the call.
 *
 * <p>There is no contract kit yet; {@code NimbusSetSignerTest} in ssf-core checks the nimbus implementation.
 */
public interface SetSigner {

  /**
   * Signs a SET: a JWS in compact form (SET-1) whose header is exactly {@code alg}, {@code typ: "secevent+jwt"}
   * and the {@code kid} of the signing key (SET-2), and whose payload is {@link SecurityEventToken#claims()}.
   *
   * @param token the unsigned token
   * @return the signed token, to be stored and sent as it is on every (re)transmission
   * @throws io.ssfkit.error.SsfException with {@link io.ssfkit.error.SsfErrorCode#SIGNING_FAILED} if signing fails
   */
  SignedSet sign(SecurityEventToken token);

  /**
   * Returns the JWK Set to serve at the transmitter's {@code jwks_uri} (KEY-1, DISC-5): {@code {"keys": [...]}}
   * with every public key that verifies SETs now, as a JSON-shaped map of strings, lists and maps, without private
   * members (KEY-3).
   *
   * @return a new map, which the caller may modify
   */
  Map<String, Object> jwks();

  /**
   * Returns the signer built on nimbus-jose-jwt that signs with the {@linkplain KeyRing#activeKey() active key} of
   * a ring and publishes the ring's {@linkplain KeyRing#jwks() JWK Set}. It follows the ring's rotations as they
   * happen.
   *
   * @param keys the keys
   * @return a thread-safe signer
   */
  static SetSigner nimbus(KeyRing keys) {
    return new NimbusSetSigner(keys);
  }
}
