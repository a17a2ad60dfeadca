package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The optional members every CAEP event may carry (CAEP 1.0 section 2), shared by all {@link CaepEvent} records.
 *
 * <p>{@code event_timestamp} is written as an integer JSON number of seconds since the epoch (CAEP-1), so it is
 * kept in whole seconds: a fraction of a second is dropped when the record is created. What the time means
 * depends on the event type (for session-revoked, the time of revocation). {@code reason_admin} and
 * {@code reason_user} are {@link LanguageMap}s, written as objects keyed by language tag (CAEP-2).
 *
 * @param eventTimestamp the {@code event_timestamp}, or null; whole seconds, between the epoch and 10^11 seconds
 *     after it
 * @param initiatingEntity the {@code initiating_entity}, or null
 * @param reasonAdmin the {@code reason_admin}: a message for administrators and logs, or null
 * @param reasonUser the {@code reason_user}: a message to show the end user, or null
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section 2</a>
 */
public record CaepCommon(
    @Nullable Instant eventTimestamp,
    @Nullable InitiatingEntity initiatingEntity,
    @Nullable LanguageMap reasonAdmin,
    @Nullable LanguageMap reasonUser) {

  // The wire names of the common members.
  static final String EVENT_TIMESTAMP = "event_timestamp";
  static final String INITIATING_ENTITY = "initiating_entity";
  static final String REASON_ADMIN = "reason_admin";
  static final String REASON_USER = "reason_user";

  /** No common member at all. */
  public static final CaepCommon NONE = new CaepCommon(null, null, null, null);

  /**
   * Validates the timestamp and drops its fraction of a second.
   *
   * @param eventTimestamp the {@code event_timestamp}, or null
   * @param initiatingEntity the {@code initiating_entity}, or null
   * @param reasonAdmin the {@code reason_admin}, or null
   * @param reasonUser the {@code reason_user}, or null
   * @throws IllegalArgumentException if the timestamp is before the epoch or more than 10^11 seconds after it,
   *     which is what a millisecond value passed as seconds looks like (CAEP-1)
   */
  public CaepCommon {
    eventTimestamp = EventRules.wholeSeconds(eventTimestamp);
    List<FieldError> errors = new ArrayList<>();
    EventRules.timestamp(EVENT_TIMESTAMP, eventTimestamp, errors);
    EventRules.check("CAEP common members", errors);
  }

  /**
   * Starts a builder with no member set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this record's members.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().eventTimestamp(eventTimestamp).initiatingEntity(initiatingEntity)
        .reasonAdmin(reasonAdmin).reasonUser(reasonUser);
  }

  /** Writes the members that are present, in the order {@code event_timestamp, initiating_entity, reasons}. */
  void writeTo(Map<String, Object> payload) {
    EventRules.put(payload, EVENT_TIMESTAMP, eventTimestamp == null ? null : eventTimestamp.getEpochSecond());
    EventRules.put(payload, INITIATING_ENTITY, initiatingEntity == null ? null : initiatingEntity.wireValue());
    EventRules.put(payload, REASON_ADMIN, reasonAdmin == null ? null : reasonAdmin.toMap());
    EventRules.put(payload, REASON_USER, reasonUser == null ? null : reasonUser.toMap());
  }

  /**
   * Builds a {@link CaepCommon}. Not thread-safe.
   */
  public static final class Builder {

    private @Nullable Instant eventTimestamp;
    private @Nullable InitiatingEntity initiatingEntity;
    private @Nullable LanguageMap reasonAdmin;
    private @Nullable LanguageMap reasonUser;

    private Builder() {}

    /**
     * Sets the {@code event_timestamp}; a fraction of a second is dropped.
     *
     * @param eventTimestamp the time the event occurred, or null for none
     * @return this builder
     */
    public Builder eventTimestamp(@Nullable Instant eventTimestamp) {
      this.eventTimestamp = eventTimestamp;
      return this;
    }

    /**
     * Sets the {@code initiating_entity}.
     *
     * @param initiatingEntity who or what invoked the event, or null for none
     * @return this builder
     */
    public Builder initiatingEntity(@Nullable InitiatingEntity initiatingEntity) {
      this.initiatingEntity = initiatingEntity;
      return this;
    }

    /**
     * Sets the {@code reason_admin}.
     *
     * @param reasonAdmin the message for administrators, or null for none
     * @return this builder
     */
    public Builder reasonAdmin(@Nullable LanguageMap reasonAdmin) {
      this.reasonAdmin = reasonAdmin;
      return this;
    }

    /**
     * Sets the {@code reason_user}.
     *
     * @param reasonUser the message for the end user, or null for none
     * @return this builder
     */
    public Builder reasonUser(@Nullable LanguageMap reasonUser) {
      this.reasonUser = reasonUser;
      return this;
    }

    /**
     * Builds the common members.
     *
     * @return the record
     * @throws IllegalArgumentException if the timestamp is out of range (CAEP-1)
     */
    public CaepCommon build() {
      return new CaepCommon(eventTimestamp, initiatingEntity, reasonAdmin, reasonUser);
    }
  }
}
