package io.ssfkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates callers by a JWT bearer access token (RFC 9068) signed with an asymmetric key (AUTH-5,
 * AUTH-8).
 *
 * <p>A token is accepted only when all of these hold, checked in this order:
 *
 * <ol>
 *   <li>the {@code Authorization} header uses the Bearer scheme (RFC 6750 section 2.1);
 *   <li>the token is a compact JWS; unsecured ({@code alg: none}) and encrypted JWTs are refused;
 *   <li>its {@code alg} is one of the configured algorithms, which are always asymmetric (never HMAC, never
 *       {@code none});
 *   <li>its {@code typ} header, when present, is {@code at+jwt} or {@code JWT} (with or without the
 *       {@code application/} prefix, compared case-insensitively, RFC 7515 section 4.1.9), so that for
 *       example a security event token ({@code secevent+jwt}) is not taken for an access token;
 *   <li>it names no critical ({@code crit}) header parameters;
 *   <li>its signature verifies with a configured key of the right type whose {@code kid} matches; keys the
 *       token carries or points to ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u}) are ignored;
 *   <li>{@code iss} equals the configured issuer and {@code aud} contains the configured audience;
 *   <li>{@code exp} is present and in the future, and {@code nbf}, when present, is in the past, both with
 *       the configured clock skew and measured by the configured {@link Clock};
 *   <li>it names a client ({@code client_id}, falling back to {@code azp}) and an organization (the
 *       configured org claim, falling back to the configured default org ID).
 * </ol>
 *
 * <p>Scopes come from {@code scope} (a space-separated string, RFC 9068 section 2.2.3), or, when that claim
 * is absent, from {@code scp} (an array of strings or a space-separated string). They are not checked
 * here: the service answers 403 when a scope is missing.
 *
 * <p>Every failure is an {@link SsfException} with {@link SsfErrorCode#UNAUTHORIZED} whose message, such as
 * {@code JWT validation failed: JWT is expired}, may be shown to the caller: it never contains the token
 * or a claim value, and carries no cause. Nothing is logged.
 *
 * <p>Instances are immutable and thread-safe. The keys are fixed at build time; to rotate keys, build a
 * new authenticator.
 */
public final class JwtAccessTokenAuthenticator implements CallerAuthenticator {

  private static final String PREFIX = "JWT validation failed: ";

  /** RFC 9068 section 2.1 type, and the generic JWT type many issuers still send (RFC 7519 section 5.1). */
  private static final Set<String> ACCEPTED_TYPES =
      Set.of("at+jwt", "application/at+jwt", "jwt", "application/jwt");

  private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
          JWSAlgorithm.ES256, JWSAlgorithm.ES384);

  private static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final String DEFAULT_ORG_CLAIM = "org_id";

  private final String issuer;
  private final String audience;
  private final VerificationKeys keys;
  private final Set<JWSAlgorithm> algorithms;
  private final String acceptedAlgorithmNames;
  private final Duration clockSkew;
  private final Clock clock;
  private final String orgClaim;
  private final @Nullable String defaultOrgId;

  private JwtAccessTokenAuthenticator(Builder builder, VerificationKeys keys) {
    this.issuer = Objects.requireNonNull(builder.issuer);
    this.audience = Objects.requireNonNull(builder.audience);
    this.keys = keys;
    this.algorithms = Set.copyOf(builder.algorithms);
    this.acceptedAlgorithmNames = names(this.algorithms);
    this.clockSkew = builder.clockSkew;
    this.clock = builder.clock;
    this.orgClaim = builder.orgClaim;
    this.defaultOrgId = builder.defaultOrgId;
  }

  /**
   * Starts a builder. {@link Builder#issuer(String) issuer}, {@link Builder#audience(String) audience} and
   * a key ({@link Builder#jwkSet(JWKSet) jwkSet} or {@link Builder#verificationKey(JWK) verificationKey})
   * are required.
   *
   * @return a new builder with the defaults described on its methods
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates the bearer JWT in the header and returns the caller it stands for.
   *
   * @param authorizationHeader the value of the {@code Authorization} header, or null when absent
   * @return the caller, with the token's client ID, organization and scopes
   * @throws SsfException with {@link SsfErrorCode#UNAUTHORIZED} when the header holds no bearer token, or
   *     the token is malformed or fails any check listed on this class
   */
  @Override
  public Caller authenticate(@Nullable String authorizationHeader) {
    String token = BearerTokens.extract(authorizationHeader);
    SignedJWT jwt = parse(token);
    JWSHeader header = jwt.getHeader();
    checkHeader(header);
    verifySignature(jwt, header);
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      // The cause is dropped on purpose: nimbus's parse messages may quote parts of the token.
      throw unauthorized("malformed claims");
    }
    checkIssuerAndAudience(claims);
    checkTime(claims);
    return new Caller(clientId(claims), orgId(claims), scopes(claims));
  }

  private static SignedJWT parse(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw unauthorized("malformed token");
    }
    if (jwt instanceof SignedJWT signed) {
      return signed;
    }
    if (jwt instanceof PlainJWT) {
      throw unauthorized("unsecured JWT (alg none) is not accepted");
    }
    if (jwt instanceof EncryptedJWT) {
      throw unauthorized("encrypted JWT is not accepted");
    }
    throw unauthorized("malformed token");
  }

  private void checkHeader(JWSHeader header) {
    if (!algorithms.contains(header.getAlgorithm())) {
      throw unauthorized("signing algorithm not accepted (accepted: " + acceptedAlgorithmNames + ")");
    }
    JOSEObjectType type = header.getType();
    if (type != null && !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
      throw unauthorized("typ header must be at+jwt or JWT");
    }
    Set<String> critical = header.getCriticalParams();
    if (critical != null && !critical.isEmpty()) {
      throw unauthorized("critical header parameters are not supported");
    }
  }

  private void verifySignature(SignedJWT jwt, JWSHeader header) {
    List<JWSVerifier> verifiers = keys.select(header.getAlgorithm(), header.getKeyID());
    if (verifiers.isEmpty()) {
      throw unauthorized("no verification key matches the token's kid and alg");
    }
    for (JWSVerifier verifier : verifiers) {
      try {
        if (jwt.verify(verifier)) {
          return;
        }
      } catch (JOSEException e) {
        // A malformed signature (for example an ECDSA signature of the wrong length) is just invalid.
      }
    }
    throw unauthorized("signature invalid");
  }

  private void checkIssuerAndAudience(JWTClaimsSet claims) {
    // RFC 9068 section 4: iss must match exactly, and aud must contain this resource server.
    if (!issuer.equals(claims.getIssuer())) {
      throw unauthorized("wrong issuer");
    }
    if (!claims.getAudience().contains(audience)) {
      throw unauthorized("wrong audience");
    }
  }

  private void checkTime(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date expiration = claims.getExpirationTime();
    if (expiration == null) {
      throw unauthorized("missing exp claim");
    }
    // RFC 7519 section 4.1.4: valid only while now < exp (+ skew). Duration.between cannot overflow for the
    // dates a JWT can hold, unlike exp.plus(skew) with a very large skew.
    if (Duration.between(expiration.toInstant(), now).compareTo(clockSkew) >= 0) {
      throw unauthorized("JWT is expired");
    }
    // RFC 7519 section 4.1.5: valid only once now >= nbf (- skew).
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && Duration.between(now, notBefore.toInstant()).compareTo(clockSkew) > 0) {
      throw unauthorized("JWT is not yet valid");
    }
  }

  private static String clientId(JWTClaimsSet claims) {
    // RFC 9068 section 2.2 names client_id; OpenID Connect style tokens carry azp instead.
    String clientId = optionalString(claims, "client_id");
    if (clientId == null) {
      clientId = optionalString(claims, "azp");
    }
    if (clientId == null) {
      throw unauthorized("missing client_id and azp claims");
    }
    return clientId;
  }

  private String orgId(JWTClaimsSet claims) {
    Object value = claims.getClaim(orgClaim);
    if (value == null) {
      if (defaultOrgId == null) {
        throw unauthorized("missing " + orgClaim + " claim");
      }
      return defaultOrgId;
    }
    if (!(value instanceof String orgId) || orgId.isBlank()) {
      throw unauthorized(orgClaim + " claim must be a non-blank string");
    }
    return orgId;
  }

  private static Set<String> scopes(JWTClaimsSet claims) {
    Object scope = claims.getClaim("scope");
    if (scope != null) {
      if (!(scope instanceof String scopeString)) {
        throw unauthorized("scope claim must be a string");
      }
      return split(scopeString);
    }
    Object scp = claims.getClaim("scp");
    if (scp == null) {
      return Set.of();
    }
    if (scp instanceof String scpString) {
      return split(scpString);
    }
    if (scp instanceof List<?> list) {
      Set<String> scopes = new LinkedHashSet<>();
      for (Object item : list) {
        if (!(item instanceof String itemString)) {
          throw unauthorized("scp claim must be a string or an array of strings");
        }
        scopes.addAll(split(itemString));
      }
      return scopes;
    }
    throw unauthorized("scp claim must be a string or an array of strings");
  }

  private static Set<String> split(String scopes) {
    Set<String> result = new LinkedHashSet<>();
    for (String scope : scopes.trim().split("\\s+")) {
      if (!scope.isEmpty()) {
        result.add(scope);
      }
    }
    return result;
  }

  /** Returns a string claim, null when absent or blank. */
  private static @Nullable String optionalString(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String string)) {
      throw unauthorized(name + " claim must be a string");
    }
    return string.isBlank() ? null : string;
  }

  private static String names(Set<JWSAlgorithm> algorithms) {
    Set<String> names = new TreeSet<>();
    algorithms.forEach(a -> names.add(a.getName()));
    return String.join(", ", names);
  }

  private static SsfException unauthorized(String reason) {
    return new SsfException(SsfErrorCode.UNAUTHORIZED, PREFIX + reason);
  }

  /**
   * Collects the settings of a {@link JwtAccessTokenAuthenticator}. Not thread-safe; each call to
   * {@link #build()} returns an independent, immutable authenticator.
   */
  public static final class Builder {

    private @Nullable String issuer;
    private @Nullable String audience;
    private @Nullable JWKSet jwkSet;
    private @Nullable JWK verificationKey;
    private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();
    private String orgClaim = DEFAULT_ORG_CLAIM;
    private @Nullable String defaultOrgId;

    private Builder() {}

    /**
     * Sets the issuer the token's {@code iss} claim must equal exactly (RFC 9068 section 4). Required.
     *
     * @param issuer the authorization server's issuer identifier
     * @return this builder
     * @throws NullPointerException if {@code issuer} is null
     */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Sets the audience the token's {@code aud} claim must contain: this transmitter's resource identifier
     * (RFC 9068 section 4). Required.
     *
     * @param audience the expected audience value
     * @return this builder
     * @throws NullPointerException if {@code audience} is null
     */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /**
     * Sets the keys signatures are verified with, typically the authorization server's published JWK set.
     * Only public RSA keys of at least 2048 bits and EC keys on P-256, P-384 or P-521 are used; private
     * parts are dropped, symmetric keys are refused by {@link #build()}, and other keys (such as OKP keys
     * or keys with {@code use: enc}) are skipped. Either this or {@link #verificationKey(JWK)} is required.
     *
     * @param jwkSet the verification keys
     * @return this builder
     * @throws NullPointerException if {@code jwkSet} is null
     */
    public Builder jwkSet(JWKSet jwkSet) {
      this.jwkSet = Objects.requireNonNull(jwkSet, "jwkSet");
      return this;
    }

    /**
     * Sets a single key signatures are verified with, under the same rules as {@link #jwkSet(JWKSet)}. A
     * key without {@code kid} matches tokens with any {@code kid}. Either this or {@link #jwkSet(JWKSet)}
     * is required.
     *
     * @param key the public (or private, whose public part is used) RSA or EC key
     * @return this builder
     * @throws NullPointerException if {@code key} is null
     */
    public Builder verificationKey(JWK key) {
      this.verificationKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Sets the accepted JWS algorithms. The default is RS256, RS384, RS512, PS256, ES256 and ES384; PS384,
     * PS512 and ES512 may be added. {@link #build()} refuses {@code none}, every HMAC algorithm (a
     * symmetric key would let anyone who can verify tokens also mint them) and algorithms the JDK cannot
     * verify without extra libraries, such as EdDSA.
     *
     * @param algorithms the accepted algorithms, not empty
     * @return this builder
     * @throws NullPointerException if {@code algorithms} or one of its elements is null
     */
    public Builder algorithms(Set<JWSAlgorithm> algorithms) {
      this.algorithms = Set.copyOf(Objects.requireNonNull(algorithms, "algorithms"));
      return this;
    }

    /**
     * Sets how far the token's {@code exp} and {@code nbf} may be off the clock. The default is 60 seconds.
     *
     * @param clockSkew the tolerance, zero or positive
     * @return this builder
     * @throws NullPointerException if {@code clockSkew} is null
     */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
      return this;
    }

    /**
     * Sets the clock {@code exp} and {@code nbf} are checked against. The default is
     * {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the name of the claim that holds the caller's organization (tenant) ID. The default is
     * {@code org_id}.
     *
     * @param claimName the claim name
     * @return this builder
     * @throws NullPointerException if {@code claimName} is null
     */
    public Builder orgClaim(String claimName) {
      this.orgClaim = Objects.requireNonNull(claimName, "claimName");
      return this;
    }

    /**
     * Sets the organization ID of callers whose token lacks the org claim, for single-tenant hosts. By
     * default there is none, and such tokens are refused. A token that carries the org claim always uses
     * its own value.
     *
     * @param orgId the organization ID
     * @return this builder
     * @throws NullPointerException if {@code orgId} is null
     */
    public Builder defaultOrgId(String orgId) {
      this.defaultOrgId = Objects.requireNonNull(orgId, "orgId");
      return this;
    }

    /**
     * Builds the authenticator.
     *
     * @return a new immutable, thread-safe authenticator
     * @throws IllegalStateException listing every missing or invalid setting at once
     */
    public JwtAccessTokenAuthenticator build() {
      List<String> problems = new ArrayList<>();
      requireText(issuer, "issuer", problems);
      requireText(audience, "audience", problems);
      if (orgClaim.isBlank()) {
        problems.add("orgClaim must not be blank");
      }
      if (defaultOrgId != null && defaultOrgId.isBlank()) {
        problems.add("defaultOrgId must not be blank");
      }
      if (clockSkew.isNegative()) {
        problems.add("clockSkew must not be negative, but was " + clockSkew);
      }
      checkAlgorithms(problems);
      VerificationKeys keys = keys(problems);
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "invalid JwtAccessTokenAuthenticator settings: " + String.join("; ", problems));
      }
      return new JwtAccessTokenAuthenticator(this, keys);
    }

    private void checkAlgorithms(List<String> problems) {
      if (algorithms.isEmpty()) {
        problems.add("algorithms must not be empty");
        return;
      }
      Set<String> hmac = new TreeSet<>();
      Set<String> unsupported = new TreeSet<>();
      for (JWSAlgorithm algorithm : algorithms) {
        if (algorithm.getName().equalsIgnoreCase("none")) {
          problems.add("algorithms must not contain none");
        } else if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
          hmac.add(algorithm.getName());
        } else if (!VerificationKeys.SUPPORTED_ALGORITHMS.contains(algorithm)) {
          unsupported.add(algorithm.getName());
        }
      }
      if (!hmac.isEmpty()) {
        problems.add(
            "algorithms must not contain HMAC algorithms, whose shared key would let every verifier mint"
                + " tokens, but contained " + String.join(", ", hmac));
      }
      if (!unsupported.isEmpty()) {
        problems.add(
            "algorithms must be among " + names(VerificationKeys.SUPPORTED_ALGORITHMS)
                + ", but contained " + String.join(", ", unsupported));
      }
    }

    private VerificationKeys keys(List<String> problems) {
      List<JWK> configured = new ArrayList<>();
      if (jwkSet != null && verificationKey != null) {
        problems.add("set jwkSet or verificationKey, not both");
      } else if (jwkSet != null) {
        configured.addAll(jwkSet.getKeys());
      } else if (verificationKey != null) {
        configured.add(verificationKey);
      } else {
        problems.add("a verification key is required: set jwkSet or verificationKey");
        return VerificationKeys.of(List.of(), Set.of(), problems);
      }
      Set<JWSAlgorithm> usable = new LinkedHashSet<>(algorithms);
      usable.retainAll(VerificationKeys.SUPPORTED_ALGORITHMS);
      int before = problems.size();
      VerificationKeys keys = VerificationKeys.of(configured, usable, problems);
      if (keys.isEmpty() && problems.size() == before && !usable.isEmpty()) {
        problems.add("no configured key can verify any of the algorithms " + names(usable));
      }
      return keys;
    }

    private static void requireText(@Nullable String value, String name, List<String> problems) {
      if (value == null) {
        problems.add(name + " is required");
      } else if (value.isBlank()) {
        problems.add(name + " must not be blank");
      }
    }
  }
}
