package io.ssfkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The public keys a {@link JwtAccessTokenAuthenticator} verifies signatures with, each paired with the JWS
 * algorithms it may verify. Immutable and thread-safe: nimbus's {@link RSASSAVerifier} and
 * {@link ECDSAVerifier} are thread-safe and hold only the public key.
 */
final class VerificationKeys {

  /** The asymmetric JWS algorithms the JDK verifies without extra providers (no Tink, no BouncyCastle). */
  static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
          JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
          JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  /** RFC 7518 sections 3.3 and 3.5: "A key of size 2048 bits or larger MUST be used". */
  static final int MIN_RSA_BITS = 2048;

  private static final Set<JWSAlgorithm> RSA_ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
          JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

  private static final Map<Curve, JWSAlgorithm> EC_ALGORITHMS =
      Map.of(Curve.P_256, JWSAlgorithm.ES256, Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);

  private record Candidate(@Nullable String keyId, Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {}

  private final List<Candidate> candidates;

  private VerificationKeys(List<Candidate> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  /**
   * Builds the key set, adding a message to {@code problems} for every key that must not be used.
   *
   * <p>Symmetric keys and RSA keys shorter than 2048 bits are problems. Keys this class cannot use for
   * signatures at all (OKP keys, EC keys on other curves, keys marked {@code use: enc} or without the
   * {@code verify} operation) are skipped, so that a published JWK set mixing such keys still works.
   *
   * @param keys the configured keys, private parts allowed (only the public parts are kept)
   * @param allowed the accepted algorithms
   * @param problems receives one message per problem
   * @return the usable keys, possibly none
   */
  static VerificationKeys of(List<JWK> keys, Set<JWSAlgorithm> allowed, List<String> problems) {
    List<Candidate> candidates = new ArrayList<>();
    for (JWK key : keys) {
      String name = key.getKeyID() == null ? "a key without kid" : "key kid=" + key.getKeyID();
      if (key instanceof OctetSequenceKey) {
        problems.add("the verification keys must not contain a symmetric (oct) key, but " + name + " is one");
        continue;
      }
      if (!usableForVerification(key)) {
        continue;
      }
      try {
        if (key instanceof RSAKey rsa) {
          if (rsa.size() < MIN_RSA_BITS) {
            problems.add(
                "RSA keys must have at least " + MIN_RSA_BITS + " bits, but " + name + " has " + rsa.size());
            continue;
          }
          Set<JWSAlgorithm> algorithms = algorithms(key, RSA_ALGORITHMS, allowed);
          if (!algorithms.isEmpty()) {
            candidates.add(
                new Candidate(key.getKeyID(), algorithms, new RSASSAVerifier(rsa.toRSAPublicKey())));
          }
        } else if (key instanceof ECKey ec && EC_ALGORITHMS.containsKey(ec.getCurve())) {
          Set<JWSAlgorithm> algorithms =
              algorithms(key, Set.of(EC_ALGORITHMS.get(ec.getCurve())), allowed);
          if (!algorithms.isEmpty()) {
            candidates.add(
                new Candidate(key.getKeyID(), algorithms, new ECDSAVerifier(ec.toECPublicKey())));
          }
        }
      } catch (JOSEException e) {
        problems.add(name + " cannot be used for verification: " + e.getMessage());
      }
    }
    return new VerificationKeys(candidates);
  }

  private static boolean usableForVerification(JWK key) {
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return false;
    }
    Set<KeyOperation> operations = key.getKeyOperations();
    return operations == null || operations.contains(KeyOperation.VERIFY);
  }

  /** The algorithms a key may verify: those of its type, narrowed to its own {@code alg} and the allowed set. */
  private static Set<JWSAlgorithm> algorithms(
      JWK key, Set<JWSAlgorithm> forType, Set<JWSAlgorithm> allowed) {
    Set<JWSAlgorithm> result = new LinkedHashSet<>();
    for (JWSAlgorithm algorithm : forType) {
      boolean keyAllows = key.getAlgorithm() == null || key.getAlgorithm().equals(algorithm);
      if (keyAllows && allowed.contains(algorithm)) {
        result.add(algorithm);
      }
    }
    return Set.copyOf(result);
  }

  /**
   * Tells whether no key can verify any accepted algorithm.
   *
   * @return true when the set is empty
   */
  boolean isEmpty() {
    return candidates.isEmpty();
  }

  /**
   * Returns the verifiers that may check a signature made with {@code algorithm} by the key {@code keyId}.
   *
   * <p>A token without {@code kid} is tried against every key of the right type. A key without {@code kid}
   * matches any {@code kid}: the kid is only a hint, and the signature check still decides.
   *
   * @param algorithm the token's {@code alg}
   * @param keyId the token's {@code kid}, or null
   * @return the matching verifiers, possibly none
   */
  List<JWSVerifier> select(JWSAlgorithm algorithm, @Nullable String keyId) {
    Objects.requireNonNull(algorithm, "algorithm");
    List<JWSVerifier> result = new ArrayList<>();
    for (Candidate candidate : candidates) {
      boolean kidMatches =
          keyId == null || candidate.keyId() == null || keyId.equals(candidate.keyId());
      if (kidMatches && candidate.algorithms().contains(algorithm)) {
        result.add(candidate.verifier());
      }
    }
    return result;
  }
}
