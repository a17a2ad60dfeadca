package io.ssfkit.stream;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The delivery configuration of a stream.
 *
 * <p>The {@code authorizationHeader} is a write-only secret: ssfkit stores it and sends it with every push,
 * but never returns it on a read and never logs it; {@link #toString()} redacts it.
 *
 * @param method how SETs are delivered
 * @param endpointUrl the receiver's push endpoint, or the transmitter's poll endpoint for this stream
 * @param authorizationHeader the value the transmitter sends as the {@code Authorization} header of every
 *     push, or null to send none
 */
public record Delivery(DeliveryMethod method, URI endpointUrl, @Nullable String authorizationHeader) {

  /**
   * Validates the delivery.
   *
   * @param method how SETs are delivered
   * @param endpointUrl the receiver's push endpoint, or the transmitter's poll endpoint for this stream
   * @param authorizationHeader the value the transmitter sends as the {@code Authorization} header of every push, or null to send none
   * @throws IllegalArgumentException if the endpoint URL is not absolute or the header is blank
   */
  public Delivery {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    if (!endpointUrl.isAbsolute()) {
      throw new IllegalArgumentException("endpointUrl must be an absolute URL");
    }
    if (authorizationHeader != null && authorizationHeader.isBlank()) {
      throw new IllegalArgumentException("authorizationHeader must not be blank; use null for none");
    }
  }

  /**
   * Returns this delivery with a different authorization header.
   *
   * @param header the new header value, or null for none
   * @return the new delivery
   */
  public Delivery withAuthorizationHeader(@Nullable String header) {
    return new Delivery(method, endpointUrl, header);
  }

  /** Renders the delivery with the authorization header redacted. */
  @Override
  public String toString() {
    return "Delivery[method=" + method + ", endpointUrl=" + endpointUrl
        + ", authorizationHeader=" + (authorizationHeader == null ? "none" : "<redacted>") + "]";
  }
}
