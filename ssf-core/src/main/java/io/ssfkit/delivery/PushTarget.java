package io.ssfkit.delivery;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a push goes: the receiver's endpoint and the {@code Authorization} header value to send.
 *
 * @param endpointUrl the receiver's push endpoint
 * @param authorizationHeader the value sent verbatim as {@code Authorization}, or null to send none
 *     (PUSH-2); never logged
 */
public record PushTarget(URI endpointUrl, @Nullable String authorizationHeader) {

  /**
   * Validates the target.
   *
   * @param endpointUrl the endpoint; absolute
   * @param authorizationHeader the header value, or null
   * @throws IllegalArgumentException if the URL is not absolute
   */
  public PushTarget {
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    if (!endpointUrl.isAbsolute()) {
      throw new IllegalArgumentException("endpointUrl must be absolute");
    }
  }

  /** Renders the target with the authorization header redacted. */
  @Override
  public String toString() {
    return "PushTarget[" + endpointUrl + ", authorization=" + (authorizationHeader == null ? "none" : "<redacted>")
        + "]";
  }
}
