package io.ssfkit.auth;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads an RFC 6750 bearer token from an {@code Authorization} header. */
final class BearerTokens {

  private static final String PREFIX = "bearer ";

  private BearerTokens() {}

  /**
   * Extracts the token.
   *
   * @param authorizationHeader the header value, or null
   * @return the token
   * @throws SsfException with {@link SsfErrorCode#UNAUTHORIZED} when the header is missing, is not a bearer
   *     header or holds no token
   */
  static String extract(@Nullable String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw new SsfException(SsfErrorCode.UNAUTHORIZED, "missing bearer token");
    }
    // "Bearer" with no token after it uses the right scheme; report the token as missing, not the scheme.
    if (authorizationHeader.strip().equalsIgnoreCase(PREFIX.strip())) {
      throw new SsfException(SsfErrorCode.UNAUTHORIZED, "missing bearer token");
    }
    if (!authorizationHeader.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      throw new SsfException(SsfErrorCode.UNAUTHORIZED, "the Authorization header must use the Bearer scheme");
    }
    String token = authorizationHeader.substring(PREFIX.length()).trim();
    if (token.isEmpty()) {
      throw new SsfException(SsfErrorCode.UNAUTHORIZED, "missing bearer token");
    }
    return token;
  }
}
