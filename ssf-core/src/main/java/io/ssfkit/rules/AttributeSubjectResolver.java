package io.ssfkit.rules;

import io.ssfkit.subject.SubjectIdentifier;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The default {@link SubjectResolver}: the identity's email when it has a valid one, and its {@code iss_sub}. */
final class AttributeSubjectResolver implements SubjectResolver {

  private final String issuer;
  private final String emailAttribute;

  AttributeSubjectResolver(String issuer, String emailAttribute) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.emailAttribute = Objects.requireNonNull(emailAttribute, "emailAttribute");
  }

  @Override
  public SubjectIdentifier resolve(IdentityChange change) {
    SubjectIdentifier email = email(change);
    return email != null ? email : issSub(change);
  }

  @Override
  public List<SubjectIdentifier> identifiers(IdentityChange change) {
    SubjectIdentifier email = email(change);
    return email != null ? List.of(email, issSub(change)) : List.of(issSub(change));
  }

  private @Nullable SubjectIdentifier email(IdentityChange change) {
    Object email = change.attributes().get(emailAttribute);
    if (email != null) {
      try {
        return SubjectIdentifier.email(email.toString());
      } catch (IllegalArgumentException notAnEmail) {
        // An unusable email must not block revocation; iss_sub always works (CAEP-4).
      }
    }
    return null;
  }

  private SubjectIdentifier issSub(IdentityChange change) {
    return SubjectIdentifier.issSub(issuer, change.identityId());
  }
}
