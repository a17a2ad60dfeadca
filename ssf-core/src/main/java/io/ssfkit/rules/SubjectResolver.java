package io.ssfkit.rules;

import io.ssfkit.subject.SubjectIdentifier;
import java.util.List;

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
   * Resolves every identifier of a change's identity that its SETs may carry, most preferred first: the first
   * is what {@link #resolve} returns, and a stream to which the receiver added one of the others, and not the
   * first, gets its SET about that one ({@link io.ssfkit.stream.StreamDecision#decide}), so that each receiver
   * hears of the identity under the identifier it asked for (FMT-6).
   *
   * @param change the identity change
   * @return the identifiers, {@code resolve(change)} first, without repeats; by default that one alone
   * @throws IllegalArgumentException when the identity has no usable subject
   */
  default List<SubjectIdentifier> identifiers(IdentityChange change) {
    return List.of(resolve(change));
  }

  /**
   * Returns the default resolver: an {@code email} subject when the email attribute holds a valid address after
   * the change, otherwise {@code iss_sub} with the transmitter's issuer and the identity ID. Its {@link
   * #identifiers} are both, email first, so a stream whose receiver added the identity's {@code iss_sub} gets its
   * SETs about that even when the email is known.
   *
   * <p>Give every change of an identity its email attribute (the {@link IdentityChange} attributes after the
   * change, not only the changed ones): a change without it resolves to {@code iss_sub}, so a receiver that
   * registered nothing would hear of one identity under two identifiers (FMT-6).
   *
   * @param issuer the transmitter's issuer, the {@code iss} of {@code iss_sub}
   * @param emailAttribute the attribute that holds the email, such as {@value #DEFAULT_EMAIL_ATTRIBUTE}
   * @return the resolver
   */
  static SubjectResolver attributes(String issuer, String emailAttribute) {
    return new AttributeSubjectResolver(issuer, emailAttribute);
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
