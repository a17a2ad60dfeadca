package io.ssfkit.subject;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether one subject is in a stream, as the receiver last said with add or remove (SSF 1.0 section
 * 8.1.3). Under {@code default_subjects: ALL} a removed subject is stored as excluded; under {@code NONE}
 * an added subject is stored as included.
 *
 * @param subject the subject
 * @param included true after an add, false after a remove
 * @param verified the {@code verified} flag of the last add (true when the receiver omitted it)
 * @param changedAt when the receiver last added or removed it
 */
public record SubjectMembership(
    SubjectIdentifier subject, boolean included, boolean verified, Instant changedAt) {

  /**
   * Validates the membership.
   *
   * @param subject the subject
   * @param included true after an add, false after a remove
   * @param verified the {@code verified} flag of the last add (true when the receiver omitted it)
   * @param changedAt when the receiver last added or removed it
   */
  public SubjectMembership {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(changedAt, "changedAt");
  }
}
