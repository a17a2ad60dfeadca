package io.ssfkit.auth;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code Authorization} header of a management request into a {@link Caller} (AUTH-8): the SPI
 * through which a host authenticates receivers its own way.
 *
 * <p>Implementations must be thread-safe. They report missing or invalid credentials by throwing an
 * {@link SsfException} with {@link SsfErrorCode#UNAUTHORIZED}, whose message may be shown to the caller and
 * so never contains the token. Scopes are not checked here: the service checks them, so that an
 * authenticated caller without the scope gets 403, not 401.
 */
@FunctionalInterface
public interface CallerAuthenticator {

  /**
   * Authenticates a request.
   *
   * @param authorizationHeader the value of the {@code Authorization} header, or null when absent
   * @return the caller
   * @throws SsfException with {@link SsfErrorCode#UNAUTHORIZED} when the credentials are missing or invalid
   */
  Caller authenticate(@Nullable String authorizationHeader);

  /**
   * Returns an authenticator that accepts a fixed set of bearer tokens, for tests, development and the
   * reference transmitter. Tokens are compared in constant time.
   *
   * @param tokens each accepted bearer token and the caller it stands for
   * @return the authenticator
   */
  static CallerAuthenticator staticTokens(Map<String, Caller> tokens) {
    return new StaticTokenAuthenticator(tokens);
  }
}
