package io.ssfkit.stream;

import io.ssfkit.spi.StreamStore;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether one stream receives an event, about which of the subject's identifiers, and if not why: the one
 * fan-out decision that publishing and its dry run ({@link io.ssfkit.TransmitterService#fanOut}) share (CFG-5,
 * SUBJ-1, STATUS-4..6).
 *
 * @param streamId the stream
 * @param eligibility whether it receives the event, and if not why
 * @param subject the identifier its SET carries, one of the publication's; null when it receives none
 */
public record StreamDecision(StreamId streamId, StreamEligibility eligibility, @Nullable SubjectIdentifier subject) {

  /**
   * Checks that a subject is given exactly when the stream receives the event.
   *
   * @param streamId the stream
   * @param eligibility the decision
   * @param subject the identifier, or null
   * @throws IllegalArgumentException when a receiving decision has no subject or another one has
   */
  public StreamDecision {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(eligibility, "eligibility");
    if (eligibility.receives() != (subject != null)) {
      throw new IllegalArgumentException(eligibility + " must " + (eligibility.receives() ? "" : "not ")
          + "name a subject");
    }
  }

  /**
   * Returns the decision for people, as publishing reports a skipped stream.
   *
   * @return the eligibility's text, such as {@code paused (held until enabled)}
   */
  public String text() {
    return eligibility.text();
  }

  /**
   * Decides whether a stream receives an event of a type about a subject known by one or more identifiers (its
   * {@code email} and its {@code iss_sub}, say). The checks run in this order: the status, the event type, the
   * subject. The subject check picks the identifier the stream's SET carries, so that each receiver hears of a
   * subject under the identifier it asked for (FMT-6):
   *
   * <ol>
   *   <li>the first identifier, in the given order, that the receiver added to the stream;
   *   <li>otherwise none, when the receiver removed any of the identifiers: a removal is not undone by another
   *       name of the same subject;
   *   <li>otherwise, under {@link DefaultSubjects#ALL}, the first identifier; under {@link DefaultSubjects#NONE},
   *       none.
   * </ol>
   *
   * <p>Each identifier is one exact store read (SUBJ-7), never a scan, made only once the first two checks pass;
   * with one identifier this is exactly SUBJ-1.
   *
   * @param stream the stream
   * @param eventTypeUri the event-type URI
   * @param identifiers the subject's identifiers, most preferred first; not empty
   * @param store the store that holds the stream's subjects
   * @param defaultSubjects which subjects a stream includes by default
   * @return the decision
   */
  public static StreamDecision decide(
      StreamConfiguration stream,
      String eventTypeUri,
      List<SubjectIdentifier> identifiers,
      StreamStore store,
      DefaultSubjects defaultSubjects) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(eventTypeUri, "eventTypeUri");
    Objects.requireNonNull(identifiers, "identifiers");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(defaultSubjects, "defaultSubjects");
    if (identifiers.isEmpty()) {
      throw new IllegalArgumentException("identifiers must not be empty");
    }
    if (stream.status() == StreamStatus.DISABLED) {
      return none(stream, StreamEligibility.STREAM_DISABLED);
    }
    if (!stream.eventsDelivered().contains(eventTypeUri)) {
      return none(stream, StreamEligibility.EVENT_TYPE_NOT_DELIVERED);
    }
    boolean removed = false;
    for (SubjectIdentifier identifier : identifiers) {
      Optional<SubjectMembership> membership = store.findSubject(stream.owner(), stream.streamId(), identifier);
      if (membership.isPresent()) {
        if (membership.get().included()) {
          return receives(stream, identifier);
        }
        removed = true;
      }
    }
    if (removed || defaultSubjects == DefaultSubjects.NONE) {
      return none(stream, StreamEligibility.SUBJECT_NOT_IN_STREAM);
    }
    return receives(stream, identifiers.get(0));
  }

  private static StreamDecision receives(StreamConfiguration stream, SubjectIdentifier subject) {
    StreamEligibility eligibility =
        stream.status() == StreamStatus.PAUSED ? StreamEligibility.HELD_WHILE_PAUSED : StreamEligibility.RECEIVES;
    return new StreamDecision(stream.streamId(), eligibility, subject);
  }

  private static StreamDecision none(StreamConfiguration stream, StreamEligibility eligibility) {
    return new StreamDecision(stream.streamId(), eligibility, null);
  }
}
