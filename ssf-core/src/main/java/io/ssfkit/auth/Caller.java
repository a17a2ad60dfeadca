package io.ssfkit.auth;

import io.ssfkit.stream.StreamOwner;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller of the transmitter API: the receiver's client ID, its organization, and the
 * scopes its credentials grant. Every operation of {@link io.ssfkit.TransmitterService} takes one and acts
 * only on the streams it owns.
 *
 * @param clientId the OAuth 2.0 client ID
 * @param orgId the organization (tenant) ID
 * @param scopes the granted scopes
 */
public record Caller(String clientId, String orgId, Set<String> scopes) {

  /** The scope the product API requires for stream management. */
  public static final String MANAGE_SCOPE = "sp:ssf-transmitter-streams:manage";

  /**
   * Validates the caller and copies its scopes.
   *
   * @param clientId the OAuth 2.0 client ID
   * @param orgId the organization (tenant) ID
   * @param scopes the granted scopes
   * @throws IllegalArgumentException if the client or org ID is blank
   */
  public Caller {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(orgId, "orgId");
    scopes = Set.copyOf(scopes);
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    if (orgId.isBlank()) {
      throw new IllegalArgumentException("orgId must not be blank");
    }
  }

  /**
   * Returns a caller with the product API's manage scope.
   *
   * @param clientId the client ID
   * @param orgId the organization ID
   * @return the caller
   */
  public static Caller withManageScope(String clientId, String orgId) {
    return new Caller(clientId, orgId, Set.of(MANAGE_SCOPE));
  }

  /**
   * Returns the owner of the streams this caller creates and may see.
   *
   * @return the owner
   */
  public StreamOwner owner() {
    return new StreamOwner(orgId, clientId);
  }
}
