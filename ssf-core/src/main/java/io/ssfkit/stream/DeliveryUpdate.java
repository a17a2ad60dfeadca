package io.ssfkit.stream;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The delivery part of a PATCH request ({@code Deliveryrequest}): every member is optional and only those
 * present change. An empty {@code authorization_header} removes the stored one.
 *
 * @param method the new delivery method URN, or null to keep it
 * @param endpointUrl the new push endpoint, or null to keep it
 * @param authorizationHeader the new {@code Authorization} header value, {@code ""} to remove it, or null to
 *     keep it; write-only
 */
public record DeliveryUpdate(
    @Size(min = 1) @Nullable String method,
    @Size(max = 2048) @Nullable String endpointUrl,
    @Size(max = 4096) @Nullable String authorizationHeader) {

  /** Renders the update with the authorization header redacted. */
  @Override
  public String toString() {
    return "DeliveryUpdate[method=" + method + ", endpointUrl=" + endpointUrl
        + ", authorizationHeader=" + (authorizationHeader == null ? "unchanged" : "<redacted>") + "]";
  }
}
