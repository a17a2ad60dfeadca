package io.ssfkit.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.error.SsfException;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.ReceiverSimulator.Rejection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Checks a received SET the way a strict receiver does (RFC 8417, RFC 8935, SSF 1.0 section 4): the signature
 * against the transmitter's JWK Set, fetched over HTTP and cached (fetched again once when a {@code kid} is
 * unknown), then the header and the claims. The {@code jti} uniqueness check is left to the caller, who keeps
 * the ledger. Thread-safe.
 */
final class SetVerifier {

  private static final Duration ALLOWED_CLOCK_SKEW =
      Duration.ofSeconds(ReceiverSimulator.ALLOWED_CLOCK_SKEW_SECONDS);

  private static final Set<String> SET_TYPES = Set.of("secevent+jwt", "application/secevent+jwt");
  private static final int MAX_JWKS_BYTES = 256 * 1024;

  /** A passed check: the SET's {@code jti}. */
  record Verified(String jti) {}

  private final URI jwksUri;
  private final String issuer;
  private final Supplier<String> audience;
  private final Clock clock;
  private final HttpClient http;
  private final Object fetchLock = new Object();
  private volatile @Nullable JWKSet cached;

  SetVerifier(URI jwksUri, String issuer, Supplier<String> audience, Clock clock, @Nullable HttpClient http) {
    this.jwksUri = jwksUri;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
    this.http = http != null ? http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Verifies one request body.
   *
   * @param contentType the request's {@code Content-Type}, or null
   * @param body the request body
   * @return the verified SET's jti, or the reason it is rejected
   */
  Result verify(@Nullable String contentType, byte[] body) {
    if (contentType == null
        || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/secevent+jwt")) {
      return Result.rejected("invalid_request",
          "Content-Type must be application/secevent+jwt, but was " + contentType);
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(new String(body, StandardCharsets.UTF_8).trim());
    } catch (ParseException e) {
      return Result.rejected("invalid_request", "the body is not a signed JWT in compact form: " + e.getMessage());
    }
    JWSHeader header = jwt.getHeader();
    JOSEObjectType type = header.getType();
    if (type == null || !SET_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
      return Result.rejected("invalid_request",
          "the JOSE header typ must be secevent+jwt, but was " + (type == null ? "absent" : type.getType()));
    }
    JWSAlgorithm alg = header.getAlgorithm();
    if (!JWSAlgorithm.Family.SIGNATURE.contains(alg)) {
      return Result.rejected("invalid_key", "alg " + alg + " is not an asymmetric signature algorithm");
    }
    Optional<Rejection> signature = checkSignature(jwt);
    if (signature.isPresent()) {
      return new Result(null, signature.get());
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return Result.rejected("invalid_request", "the payload is not a JSON object: " + e.getMessage());
    }
    return checkClaims(claims);
  }

  private Optional<Rejection> checkSignature(SignedJWT jwt) {
    JWSHeader header = jwt.getHeader();
    String kid = header.getKeyID();
    JWKSet keys;
    try {
      keys = jwks(false);
      if (kid != null && keys.getKeyByKeyId(kid) == null) {
        keys = jwks(true); // an unknown kid: the transmitter may have rotated its keys since the last fetch
      }
    } catch (IOException e) {
      return Optional.of(new Rejection("invalid_key", "cannot fetch the JWK Set from " + jwksUri + ": "
          + e.getMessage()));
    }
    List<JWK> candidates = new ArrayList<>();
    if (kid != null) {
      JWK key = keys.getKeyByKeyId(kid);
      if (key == null) {
        return Optional.of(new Rejection("invalid_key", "no key with kid " + kid + " in the JWK Set at " + jwksUri));
      }
      candidates.add(key);
    } else {
      candidates.addAll(keys.getKeys());
    }
    DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
    for (JWK jwk : candidates) {
      if (!(jwk instanceof AsymmetricJWK asymmetric)) {
        continue;
      }
      try {
        Key publicKey = asymmetric.toPublicKey();
        JWSVerifier verifier = factory.createJWSVerifier(header, publicKey);
        if (jwt.verify(verifier)) {
          return Optional.empty();
        }
      } catch (JOSEException | IllegalStateException e) {
        // This key does not fit the algorithm; try the next one.
      }
    }
    return Optional.of(new Rejection("invalid_key",
        "the signature does not verify with " + (kid != null ? "the key " + kid : "any key") + " of " + jwksUri));
  }

  private Result checkClaims(JWTClaimsSet claims) {
    if (!issuer.equals(claims.getIssuer())) {
      return Result.rejected("invalid_issuer", "iss must be " + issuer + ", but was " + claims.getIssuer());
    }
    String expected = audience.get();
    if (claims.getAudience() == null || !claims.getAudience().contains(expected)) {
      return Result.rejected("invalid_audience", "aud must contain " + expected + ", but was "
          + claims.getAudience());
    }
    Date iat = claims.getIssueTime();
    if (iat == null) {
      return Result.rejected("invalid_request", "iat is missing");
    }
    Instant latest = clock.instant().plus(ALLOWED_CLOCK_SKEW);
    if (iat.toInstant().isAfter(latest)) {
      return Result.rejected("invalid_request", "iat " + iat.toInstant() + " is in the future");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      return Result.rejected("invalid_request", "jti is missing");
    }
    if (claims.getClaim("sub") != null) {
      return Result.rejected("invalid_request", "a SET must not carry the sub claim; the subject is in sub_id");
    }
    if (claims.getClaim("exp") != null) {
      return Result.rejected("invalid_request", "a SET must not carry the exp claim");
    }
    Map<String, Object> subId;
    Map<String, Object> events;
    try {
      subId = claims.getJSONObjectClaim("sub_id");
      events = claims.getJSONObjectClaim("events");
    } catch (ParseException e) {
      return Result.rejected("invalid_request", "sub_id and events must be JSON objects: " + e.getMessage());
    }
    if (subId == null) {
      return Result.rejected("invalid_request", "sub_id is missing");
    }
    try {
      SubjectIdentifier.fromMap(subId);
    } catch (SsfException | IllegalArgumentException e) {
      return Result.rejected("invalid_request", "sub_id is not a valid subject identifier: " + e.getMessage());
    }
    if (events == null || events.size() != 1) {
      return Result.rejected("invalid_request", "events must hold exactly one event, but held "
          + (events == null ? "none" : events.keySet()));
    }
    if (!(events.values().iterator().next() instanceof Map<?, ?>)) {
      return Result.rejected("invalid_request", "the event's payload must be a JSON object");
    }
    return new Result(new Verified(jti), null);
  }

  private JWKSet jwks(boolean refresh) throws IOException {
    JWKSet current = cached;
    if (current != null && !refresh) {
      return current;
    }
    synchronized (fetchLock) {
      if (!refresh && cached != null) {
        return cached;
      }
      HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(Duration.ofSeconds(5))
          .header("Accept", "application/jwk-set+json, application/json").GET().build();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (response.statusCode() != 200) {
        throw new IOException("status " + response.statusCode());
      }
      if (response.body().length > MAX_JWKS_BYTES) {
        throw new IOException("the JWK Set is larger than " + MAX_JWKS_BYTES + " bytes");
      }
      try {
        JWKSet parsed = JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
        cached = parsed;
        return parsed;
      } catch (ParseException e) {
        throw new IOException("not a JWK Set: " + e.getMessage(), e);
      }
    }
  }

  /** The outcome: exactly one of the two is set. */
  record Result(@Nullable Verified verified, @Nullable Rejection rejection) {

    static Result rejected(String err, String description) {
      return new Result(null, new Rejection(err, description));
    }
  }
}
