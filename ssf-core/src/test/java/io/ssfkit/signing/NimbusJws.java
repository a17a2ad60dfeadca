package io.ssfkit.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;

/** Verifies a SET with nimbus: the way most receivers will. */
final class NimbusJws {

  private NimbusJws() {}

  /**
   * Verifies a compact JWS against the keys published at this moment: the header's kid selects the key.
   *
   * @return true if the kid is published and the signature verifies
   */
  static boolean verify(String compact, List<JWK> publishedKeys) {
    try {
      SignedJWT jwt = SignedJWT.parse(compact);
      String kid = jwt.getHeader().getKeyID();
      for (JWK key : publishedKeys) {
        if (key.getKeyID().equals(kid)) {
          if (!jwt.getHeader().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
          }
          JWSVerifier verifier = key instanceof RSAKey rsa
              ? new RSASSAVerifier(rsa)
              : new ECDSAVerifier((ECKey) key);
          return jwt.verify(verifier);
        }
      }
      return false;
    } catch (ParseException | JOSEException e) {
      throw new AssertionError(e);
    }
  }
}
