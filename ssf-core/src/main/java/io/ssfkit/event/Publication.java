package io.ssfkit.event;

import io.ssfkit.subject.SubjectIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One event a host publishes: what happened to which subject, in which organization. The transmitter fans
 * it out to every stream of the organization that should receive it (CFG-5, SUBJ-1).
 *
 * <p>A subject known by several identifiers (an identity's {@code email} and its {@code iss_sub}, say) lists
 * the others as {@code alternatives}: a receiver that added one of those to its stream, and not {@code subject},
 * gets its SET about that one, so each receiver hears of a subject under the identifier it asked for (FMT-6;
 * see {@link io.ssfkit.stream.StreamDecision#decide}). Every SET of the publication still shares one {@code txn}.
 *
 * @param orgId the organization whose streams are candidates
 * @param subject the subject the event is about, the SETs' {@code sub_id} unless a stream added an alternative
 * @param event the event
 * @param txn the {@code txn} shared by every SET of this cause (SET-6), or null to have one generated
 * @param alternatives other identifiers of the same subject, in order of preference; possibly empty
 */
public record Publication(
    String orgId,
    SubjectIdentifier subject,
    SecurityEvent event,
    @Nullable String txn,
    List<SubjectIdentifier> alternatives) {

  /**
   * Validates the publication.
   *
   * @param orgId the organization
   * @param subject the subject
   * @param event the event
   * @param txn the transaction ID, or null
   * @param alternatives the subject's other identifiers
   * @throws IllegalArgumentException if the org ID or the txn is blank, an identifier is repeated, or one does
   *     not suit the event
   */
  public Publication {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(alternatives, "alternatives");
    if (orgId.isBlank()) {
      throw new IllegalArgumentException("orgId must not be blank");
    }
    if (txn != null && txn.isBlank()) {
      throw new IllegalArgumentException("txn must not be blank; use null to have one generated");
    }
    SecurityEvents.checkSubject(event, subject);
    alternatives = List.copyOf(alternatives);
    if (!alternatives.isEmpty()) {
      Set<SubjectIdentifier> seen = new HashSet<>(List.of(subject));
      for (int i = 0; i < alternatives.size(); i++) {
        SubjectIdentifier alternative = alternatives.get(i);
        if (!seen.add(alternative)) {
          throw new IllegalArgumentException("alternatives[" + i + "] repeats an identifier of the subject");
        }
        SecurityEvents.checkSubject(event, alternative);
      }
    }
  }

  /**
   * Creates a publication about a subject known by one identifier.
   *
   * @param orgId the organization
   * @param subject the subject
   * @param event the event
   * @param txn the transaction ID, or null to have one generated
   * @throws IllegalArgumentException if the org ID or the txn is blank, or the subject does not suit the event
   */
  public Publication(String orgId, SubjectIdentifier subject, SecurityEvent event, @Nullable String txn) {
    this(orgId, subject, event, txn, List.of());
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

  /**
   * Returns every identifier of the subject: {@link #subject()} first, then the alternatives.
   *
   * @return the identifiers, most preferred first
   */
  public List<SubjectIdentifier> identifiers() {
    if (alternatives.isEmpty()) {
      return List.of(subject);
    }
    List<SubjectIdentifier> all = new ArrayList<>(1 + alternatives.size());
    all.add(subject);
    all.addAll(alternatives);
    return all;
  }
}
