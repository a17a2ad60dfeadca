package io.ssfkit.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.event.EventType;
import io.ssfkit.event.SecurityEvent;
import io.ssfkit.event.SecurityEventToken;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKey;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.subject.SubjectIdentifier;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing one SET through ssfkit ({@link SetSigner#sign}) against a bare nimbus sign of the same claims with the same
 * key, per algorithm, so the difference is ssfkit's own overhead. See BENCHMARKS.md for how to run it.
 *
 * <p>Both sides start from the same {@link SecurityEventToken}. ssfkit builds the claims map from the token on every
 * call, as it does in production; the bare side gets the map ready-made and pays only for
 * {@code JWTClaimsSet.parse}. The bare nimbus signer and header are created once in the setup, the way a careful
 * hand-written signer would hold them, which makes the baseline as fast as it can be.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SetSigningBenchmark {

  /** The JWS algorithm of the key both sides sign with. */
  @Param({"RS256", "PS256", "ES256"})
  public String algorithm;

  private SetSigner ssfkit;
  private SecurityEventToken token;
  private Map<String, Object> claims;
  private JWSHeader bareHeader;
  private JWSSigner bareSigner;

  /** A session-revoked event with a realistic payload, as CAEP receivers see it. */
  record SessionRevoked(Map<String, Object> toMap) implements SecurityEvent {
    @Override
    public EventType type() {
      return EventType.SESSION_REVOKED;
    }
  }

  /**
   * Generates one key and gives it to both sides.
   *
   * @throws JOSEException if nimbus cannot generate the key
   */
  @Setup
  public void setUp() throws JOSEException {
    JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
    JWK jwk = alg.equals(JWSAlgorithm.ES256)
        ? new ECKeyGenerator(Curve.P_256).generate()
        : new RSAKeyGenerator(2048).generate();
    SigningKey key = SigningKeys.fromJwk(jwk.toJSONString(), alg);
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    ssfkit = SetSigner.nimbus(KeyRing.create(key, Duration.ofHours(24), clock));

    token = new SecurityEventToken(
        "https://tr.example.com",
        clock.instant(),
        SecurityEventToken.newJti(),
        List.of("https://rp.example.com"),
        "8675309",
        SubjectIdentifier.issSub("https://idp.example.com/", "user-7"),
        new SessionRevoked(Map.of(
            "event_timestamp", clock.instant().getEpochSecond(),
            "initiating_entity", "policy",
            "reason_admin", Map.of("en", "Landspeed Policy Violation: C076E82F"))),
        Map.of());
    claims = token.claims();

    bareHeader = new JWSHeader.Builder(alg)
        .type(new JOSEObjectType("secevent+jwt"))
        .keyID(key.keyId())
        .build();
    bareSigner = alg.equals(JWSAlgorithm.ES256)
        ? new ECDSASigner(jwk.toECKey())
        : new RSASSASigner(jwk.toRSAKey());
  }

  /**
   * Signs the token through ssfkit.
   *
   * @return the compact SET, so that the JIT cannot drop the work
   */
  @Benchmark
  public String ssfkit() {
    return ssfkit.sign(token).compact();
  }

  /**
   * Signs the same claims with nimbus alone.
   *
   * @return the compact JWS
   * @throws ParseException never: the claims are valid
   * @throws JOSEException if signing fails
   */
  @Benchmark
  public String bareNimbus() throws ParseException, JOSEException {
    SignedJWT jwt = new SignedJWT(bareHeader, JWTClaimsSet.parse(claims));
    jwt.sign(bareSigner);
    return jwt.serialize();
  }
}
