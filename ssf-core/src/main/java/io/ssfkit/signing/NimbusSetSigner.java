package io.ssfkit.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.SecurityEventToken;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link SetSigner} on nimbus-jose-jwt. Thread-safe: it keeps no state of its own, reads the active key of its
 * {@link KeyRing} once per SET, and uses that key's signer and header, which were prepared once when the key joined
 * the ring.
 *
 * <p>The payload is {@link SecurityEventToken#claims()} serialized by nimbus's JSON writer as it is: {@code iat}
 * is already a NumericDate in seconds there, so no {@code JWTClaimsSet} round trip is needed.
 */
final class NimbusSetSigner implements SetSigner {

  private final KeyRing keys;

  NimbusSetSigner(KeyRing keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public SignedSet sign(SecurityEventToken token) {
    Objects.requireNonNull(token, "token");
    KeyRing.Entry key = keys.activeEntry();
    JWSObject jws = new JWSObject(key.header(), new Payload(token.claims()));
    try {
      jws.sign(key.signer());
    } catch (JOSEException e) {
      if (e.getCause() instanceof SsfException fromKey) {
        // A SigningKey's own SsfException keeps its code; nimbus wraps every exception of a signer.
        throw fromKey;
      }
      throw new SsfException(
          SsfErrorCode.SIGNING_FAILED, "signing SET jti=" + token.jti() + " with key kid=" + key.keyId() + " failed",
          e);
    }
    return new SignedSet(token.jti(), jws.serialize());
  }

  @Override
  public Map<String, Object> jwks() {
    return keys.jwks();
  }

  @Override
  public String toString() {
    return "NimbusSetSigner[kid=" + keys.activeKey().keyId() + "]";
  }
}
