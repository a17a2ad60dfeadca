package io.ssfkit.stream;

/**
 * Whether a stream receives an event about a subject, and if not why: the outcome of a {@link StreamDecision}
 * (CFG-5, SUBJ-1, STATUS-4..6).
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
}
