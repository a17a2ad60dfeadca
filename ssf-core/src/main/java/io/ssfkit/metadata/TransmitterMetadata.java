package io.ssfkit.metadata;

import io.ssfkit.subject.DefaultSubjects;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transmitter configuration metadata (SSF 1.0 section 7.1; product model {@code Transmittermetadata}).
 * Only endpoints that are actually served are present (DISC-7); empty lists are omitted on the wire
 * (DISC-11).
 *
 * @param specVersion the SSF version, {@code 1_0}
 * @param issuer the issuer URL
 * @param jwksUri the JWKS URL, or null while SETs are not signed by this transmitter
 * @param deliveryMethodsSupported the delivery method URNs that are enabled
 * @param configurationEndpoint the stream configuration endpoint, or null
 * @param statusEndpoint the stream status endpoint, or null
 * @param addSubjectEndpoint the add-subject endpoint, or null
 * @param removeSubjectEndpoint the remove-subject endpoint, or null
 * @param verificationEndpoint the verification endpoint, or null
 * @param authorizationSchemes the {@code spec_urn} of every authorization scheme accepted
 * @param defaultSubjects which subjects a new stream includes, or null to leave it unsaid
 */
public record TransmitterMetadata(
    String specVersion,
    URI issuer,
    @Nullable URI jwksUri,
    List<String> deliveryMethodsSupported,
    @Nullable URI configurationEndpoint,
    @Nullable URI statusEndpoint,
    @Nullable URI addSubjectEndpoint,
    @Nullable URI removeSubjectEndpoint,
    @Nullable URI verificationEndpoint,
    List<String> authorizationSchemes,
    @Nullable DefaultSubjects defaultSubjects) {

  /** The SSF 1.0 spec version string (DISC-4). */
  public static final String SPEC_VERSION_1_0 = "1_0";

  /**
   * Validates the metadata and copies its lists.
   *
   * @param specVersion the SSF version, {@code 1_0}
   * @param issuer the issuer URL
   * @param jwksUri the JWKS URL, or null while SETs are not signed by this transmitter
   * @param deliveryMethodsSupported the delivery method URNs that are enabled
   * @param configurationEndpoint the stream configuration endpoint, or null
   * @param statusEndpoint the stream status endpoint, or null
   * @param addSubjectEndpoint the add-subject endpoint, or null
   * @param removeSubjectEndpoint the remove-subject endpoint, or null
   * @param verificationEndpoint the verification endpoint, or null
   * @param authorizationSchemes the {@code spec_urn} of every authorization scheme accepted
   * @param defaultSubjects which subjects a new stream includes, or null to leave it unsaid
   */
  public TransmitterMetadata {
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(issuer, "issuer");
    deliveryMethodsSupported = List.copyOf(deliveryMethodsSupported);
    authorizationSchemes = List.copyOf(authorizationSchemes);
  }
}
