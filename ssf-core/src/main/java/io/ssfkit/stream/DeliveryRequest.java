package io.ssfkit.stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The delivery part of a create or replace request ({@code Createstreamdeliveryrequest}): {@code method} is
 * required; {@code endpoint_url} is required for push and assigned by the transmitter for poll.
 *
 * <p>A request record is what a receiver sent, not yet checked: its constraints are checked by a Bean
 * Validation engine at the HTTP edge, and the {@link io.ssfkit.TransmitterService} checks them again, with
 * the rules no annotation can express.
 *
 * @param method the delivery method URN, {@code urn:ietf:rfc:8935} (push) or {@code urn:ietf:rfc:8936} (poll)
 * @param endpointUrl the receiver's push endpoint
 * @param authorizationHeader the {@code Authorization} header value for pushes; write-only
 */
public record DeliveryRequest(
    @NotBlank @Nullable String method,
    @Size(max = 2048) @Nullable String endpointUrl,
    @Size(max = 4096) @Nullable String authorizationHeader) {

  /** Renders the request with the authorization header redacted. */
  @Override
  public String toString() {
    return "DeliveryRequest[method=" + method + ", endpointUrl=" + endpointUrl
        + ", authorizationHeader=" + (authorizationHeader == null ? "none" : "<redacted>") + "]";
  }
}
