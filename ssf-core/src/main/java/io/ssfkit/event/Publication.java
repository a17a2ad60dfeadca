package io.ssfkit.event;

import io.ssfkit.subject.SubjectIdentifier;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event a host publishes: what happened to which subject, in which organization. The transmitter fans
 * it out to every stream of the organization that should receive it (CFG-5, SUBJ-1).
 *
 * @param orgId the organization whose streams are candidates
 * @param subject the subject the event is about, the SETs' {@code sub_id}
 * @param event the event
 * @param txn the {@code txn} shared by every SET of this cause (SET-6), or null to have one generated
 */
public record Publication(String orgId, SubjectIdentifier subject, SecurityEvent event, @Nullable String txn) {

  /**
   * Validates the publication.
   *
   * @param orgId the organization
   * @param subject the subject
   * @param event the event
   * @param txn the transaction ID, or null
   * @throws IllegalArgumentException if the org ID or the txn is blank, or the subject does not suit the event
   */
  public Publication {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(event, "event");
    if (orgId.isBlank()) {
      throw new IllegalArgumentException("orgId must not be blank");
    }
    if (txn != null && txn.isBlank()) {
      throw new IllegalArgumentException("txn must not be blank; use null to have one generated");
    }
    SecurityEvents.checkSubject(event, subject);
  }

  /**
   * Creates a publication with a generated {@code txn}.
   *
   * @param orgId the organization
   * @param subject the subject
   * @param event the event
   * @return the publication
   */
  public static Publication of(String orgId, SubjectIdentifier subject, SecurityEvent event) {
    return new Publication(orgId, subject, event, null);
  }
}
