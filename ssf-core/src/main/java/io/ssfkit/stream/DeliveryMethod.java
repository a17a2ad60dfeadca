package io.ssfkit.stream;

import java.util.Objects;
import java.util.Optional;

/** How SETs reach a receiver, identified on the wire by a URN (SSF 1.0 section 6.1). */
public enum DeliveryMethod {
  /** The transmitter POSTs each SET to the receiver (RFC 8935). */
  PUSH("urn:ietf:rfc:8935"),
  /** The receiver polls the transmitter for SETs (RFC 8936). */
  POLL("urn:ietf:rfc:8936");

  private final String uri;

  DeliveryMethod(String uri) {
    this.uri = uri;
  }

  /**
   * Returns the delivery method URN.
   *
   * @return {@code urn:ietf:rfc:8935} or {@code urn:ietf:rfc:8936}
   */
  public String uri() {
    return uri;
  }

  /**
   * Finds the method with a URN; the match is exact.
   *
   * @param uri the delivery method URN
   * @return the method, or empty when the URN is not a known method
   */
  public static Optional<DeliveryMethod> fromUri(String uri) {
    Objects.requireNonNull(uri, "uri");
    for (DeliveryMethod method : values()) {
      if (method.uri.equals(uri)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}
