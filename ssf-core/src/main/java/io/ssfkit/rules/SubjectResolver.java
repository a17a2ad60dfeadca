package io.ssfkit.rules;

import io.ssfkit.subject.SubjectIdentifier;
import java.util.Objects;

/**
 * Maps the identity of a change to the subject identifier its SETs carry ({@code sub_id}): an email, an
 * {@code iss_sub}, an opaque ID or a complex subject (RFC 9493).
 *
 * <p>Implementations must be thread-safe and must not return null; they may throw
 * {@link IllegalArgumentException} when the identity has no usable subject, which the engine reports as a
 * problem of that change instead of publishing. {@link #attributes(String, String)} is the default.
 */
@FunctionalInterface
public interface SubjectResolver {

  /** The attribute the default resolver reads the email from. */
  String DEFAULT_EMAIL_ATTRIBUTE = "email";

  /**
   * Resolves the subject of a change's identity.
   *
   * @param change the identity change
   * @return the subject identifier
   * @throws IllegalArgumentException when the identity has no usable subject
   */
  SubjectIdentifier resolve(IdentityChange change);

  /**
   * Returns the default resolver: an {@code email} subject when the email attribute holds a valid address after
   * the change, otherwise {@code iss_sub} with the transmitter's issuer and the identity ID.
   *
   * @param issuer the transmitter's issuer, the {@code iss} of {@code iss_sub}
   * @param emailAttribute the attribute that holds the email, such as {@value #DEFAULT_EMAIL_ATTRIBUTE}
   * @return the resolver
   */
  static SubjectResolver attributes(String issuer, String emailAttribute) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(emailAttribute, "emailAttribute");
    return change -> {
      Object email = change.attributes().get(emailAttribute);
      if (email != null) {
        try {
          return SubjectIdentifier.email(email.toString());
        } catch (IllegalArgumentException notAnEmail) {
          // Fall through: an unusable email must not block revocation; iss_sub always works (CAEP-4).
        }
      }
      return SubjectIdentifier.issSub(issuer, change.identityId());
    };
  }

  /**
   * Returns the default resolver reading the {@value #DEFAULT_EMAIL_ATTRIBUTE} attribute.
   *
   * @param issuer the transmitter's issuer
   * @return the resolver
   */
  static SubjectResolver ofDefaults(String issuer) {
    return attributes(issuer, DEFAULT_EMAIL_ATTRIBUTE);
  }
}
