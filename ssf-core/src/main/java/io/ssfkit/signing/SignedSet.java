package io.ssfkit.signing;

import java.util.Objects;

/**
 * A signed Security Event Token: its {@code jti} and its JWS compact serialization
 * {@code header.payload.signature} (RFC 7515 section 7.1).
 *
 * <p>A SET is signed once and then kept in this form (SET-11). Every retransmission, a push retry or a poll
 * re-offer, sends {@link #compact()} as it is, so the receiver sees the byte-identical token with the same
 * {@code jti}. Never sign a SET again to retransmit it: PS256 and ES256 signatures are randomized, so a new
 * signature would give a different token. The record is immutable, so its bytes cannot change once it exists.
 *
 * <p>{@link #toString()} shows the {@code jti} only: the payload carries the subject, which is personal data and
 * is not to be logged at INFO level (SEC-5).
 *
 * @param jti the {@code jti} claim of the token, which identifies it in poll acknowledgements and error reports
 * @param compact the JWS compact serialization; ASCII only, so its bytes are the same in every charset that
 *     extends ASCII
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8417#section-2">RFC 8417 section 2</a>
 */
public record SignedSet(String jti, String compact) {

  /**
   * Validates the token.
   *
   * @param jti the {@code jti} claim; not blank
   * @param compact the JWS compact serialization
   * @throws IllegalArgumentException if the jti is blank or {@code compact} is not three non-empty base64url parts
   *     joined by dots
   */
  public SignedSet {
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(compact, "compact");
    if (jti.isBlank()) {
      throw new IllegalArgumentException("jti must not be blank");
    }
    if (!isCompactJws(compact)) {
      throw new IllegalArgumentException(
          "compact must be a JWS compact serialization (three base64url parts), but SET jti=" + jti + " is not");
    }
  }

  /**
   * Returns a description that names the {@code jti} but not the payload.
   *
   * @return {@code SignedSet[jti=...]}
   */
  @Override
  public String toString() {
    return "SignedSet[jti=" + jti + "]";
  }

  /**
   * Tells whether a string is three non-empty base64url parts joined by dots: a JWS in compact form with an
   * attached payload. A loop rather than a regular expression, because it runs for every SET signed.
   */
  private static boolean isCompactJws(String s) {
    int dots = 0;
    int partLength = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (partLength == 0 || ++dots > 2) {
          return false;
        }
        partLength = 0;
      } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        partLength++;
      } else {
        return false;
      }
    }
    return dots == 2 && partLength > 0;
  }
}
