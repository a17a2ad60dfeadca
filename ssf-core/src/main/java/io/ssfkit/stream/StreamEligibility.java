package io.ssfkit.stream;

import io.ssfkit.spi.StreamStore;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a stream receives an event about a subject, and if not why: the one fan-out decision that
 * publishing and the rule engine's explanations share (CFG-5, SUBJ-1, STATUS-4..6).
 */
public enum StreamEligibility {
  /** The stream is enabled, delivers the type and includes the subject: it receives a SET. */
  RECEIVES(true, "receives"),
  /** The stream receives a SET, but it is held until the stream is enabled again (STATUS-5). */
  HELD_WHILE_PAUSED(true, "paused (held until enabled)"),
  /** The stream is disabled: nothing is held for it (STATUS-6). */
  STREAM_DISABLED(false, "stream disabled"),
  /** The event type is not in the stream's {@code events_delivered} (CFG-5). */
  EVENT_TYPE_NOT_DELIVERED(false, "event type not in events_delivered"),
  /** The subject is not in the stream (SUBJ-1). */
  SUBJECT_NOT_IN_STREAM(false, "subject not in the stream");

  private final boolean receives;
  private final String text;

  StreamEligibility(boolean receives, String text) {
    this.receives = receives;
    this.text = text;
  }

  /**
   * Tells whether the stream gets a SET (possibly held).
   *
   * @return true for {@link #RECEIVES} and {@link #HELD_WHILE_PAUSED}
   */
  public boolean receives() {
    return receives;
  }

  /**
   * Returns the human-readable reason, as publishing reports it.
   *
   * @return the text, such as {@code stream disabled}
   */
  public String text() {
    return text;
  }

  /**
   * Decides whether a stream receives an event of a type about a subject. The checks run in this order: the
   * status, the event type, the subject. Under {@link DefaultSubjects#ALL} a subject is in the stream unless it
   * was removed; under {@link DefaultSubjects#NONE} only once added. The subject lookup is one exact store read
   * (SUBJ-7), never a scan, and happens only when the first two checks pass.
   *
   * @param stream the stream
   * @param eventTypeUri the event-type URI
   * @param subject the SET's subject
   * @param store the store that holds the stream's subjects
   * @param defaultSubjects which subjects a stream includes by default
   * @return the decision
   */
  public static StreamEligibility decide(
      StreamConfiguration stream,
      String eventTypeUri,
      SubjectIdentifier subject,
      StreamStore store,
      DefaultSubjects defaultSubjects) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(eventTypeUri, "eventTypeUri");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(defaultSubjects, "defaultSubjects");
    if (stream.status() == StreamStatus.DISABLED) {
      return STREAM_DISABLED;
    }
    if (!stream.eventsDelivered().contains(eventTypeUri)) {
      return EVENT_TYPE_NOT_DELIVERED;
    }
    Optional<SubjectMembership> membership = store.findSubject(stream.owner(), stream.streamId(), subject);
    if (!membership.map(SubjectMembership::included).orElse(defaultSubjects == DefaultSubjects.ALL)) {
      return SUBJECT_NOT_IN_STREAM;
    }
    return stream.status() == StreamStatus.PAUSED ? HELD_WHILE_PAUSED : RECEIVES;
  }
}
