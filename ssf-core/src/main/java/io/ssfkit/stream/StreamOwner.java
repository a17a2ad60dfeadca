package io.ssfkit.stream;

import java.util.Objects;

/**
 * Who a stream belongs to: the organization (tenant) and the OAuth 2.0 client ID that created it. Every
 * stream lookup is scoped by its owner, so one client never sees another's stream.
 *
 * @param orgId the organization (tenant) ID
 * @param clientId the client ID of the receiver
 */
public record StreamOwner(String orgId, String clientId) {

  /**
   * Validates both parts.
   *
   * @param orgId the organization (tenant) ID
   * @param clientId the client ID of the receiver
   * @throws IllegalArgumentException if either part is blank
   */
  public StreamOwner {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(clientId, "clientId");
    if (orgId.isBlank()) {
      throw new IllegalArgumentException("orgId must not be blank");
    }
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
  }
}
