package io.ssfkit.event;

import io.ssfkit.subject.SubjectIdentifier;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An unsigned Security Event Token (RFC 8417, SSF 1.0 section 4): the claims of one SET about one event.
 * Immutable and always valid: exactly one event (SET-9), a {@code sub_id} (SET-7), never {@code sub} or
 * {@code exp} (SET-8).
 *
 * @param issuer the {@code iss}: the transmitter's issuer
 * @param issuedAt the {@code iat}, written in whole seconds
 * @param jti the {@code jti}: unique per SET (and per stream copy)
 * @param audience the {@code aud}: one value is written as a string, several as an array
 * @param txn the {@code txn}: shared by the SETs of one cause, or null
 * @param subject the {@code sub_id}: the primary subject
 * @param event the one event, written as {@code events: {type-uri: payload}}
 * @param extensionClaims additional top-level claims; they may not replace a registered claim
 */
public record SecurityEventToken(
    String issuer,
    Instant issuedAt,
    String jti,
    List<String> audience,
    @Nullable String txn,
    SubjectIdentifier subject,
    SecurityEvent event,
    Map<String, Object> extensionClaims) {

  /** Claims a SET never carries (SET-8), or that this record writes itself. */
  private static final Set<String> RESERVED =
      Set.of("iss", "iat", "jti", "aud", "txn", "sub_id", "events", "sub", "exp", "toe");

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Validates the token and copies its collections.
   *
   * @param issuer the {@code iss}
   * @param issuedAt the {@code iat}
   * @param jti the {@code jti}
   * @param audience the {@code aud}; at least one value
   * @param txn the {@code txn}, or null
   * @param subject the {@code sub_id}
   * @param event the event
   * @param extensionClaims additional claims
   * @throws IllegalArgumentException if a value is blank, the audience is empty, or an extension claim
   *     names a registered or forbidden claim
   */
  public SecurityEventToken {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(event, "event");
    audience = List.copyOf(audience);
    extensionClaims = Map.copyOf(extensionClaims);
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
    if (jti.isBlank()) {
      throw new IllegalArgumentException("jti must not be blank");
    }
    if (audience.isEmpty() || audience.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("audience must hold at least one non-blank value");
    }
    if (txn != null && txn.isBlank()) {
      throw new IllegalArgumentException("txn must not be blank; use null for none");
    }
    for (String name : extensionClaims.keySet()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("extension claim " + name + " is not allowed in a SET");
      }
    }
  }

  /**
   * Returns a fresh {@code jti}: 128 random bits from a {@link SecureRandom}, as 32 hex digits (SET-4).
   *
   * @return a new jti
   */
  public static String newJti() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Returns the claims as a JSON-shaped map, in the order {@code iss, iat, jti, aud, txn, sub_id, events},
   * then the extension claims.
   *
   * @return a new mutable map the caller may hand to a JSON writer or signer
   */
  public Map<String, Object> claims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("jti", jti);
    claims.put("aud", audience.size() == 1 ? audience.get(0) : audience);
    if (txn != null) {
      claims.put("txn", txn);
    }
    claims.put("sub_id", subject.toMap());
    claims.put("events", Map.of(event.type().uri(), event.toMap()));
    claims.putAll(extensionClaims);
    return claims;
  }
}
