package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A RISC 1.0 event: one record per event type that new integrations may emit, each validated when constructed.
 *
 * <p>Most RISC events have no members: {@link AccountCredentialChangeRequired}, {@link AccountPurged},
 * {@link AccountEnabled}, {@link IdentifierRecycled}, {@link OptIn}, {@link OptOutInitiated},
 * {@link OptOutCancelled}, {@link OptOutEffective}, {@link RecoveryActivated} and
 * {@link RecoveryInformationChanged}. {@link AccountDisabled} has an optional {@code reason},
 * {@link IdentifierChanged} an optional {@code new-value}, and {@link CredentialCompromise} a REQUIRED
 * {@code credential_type} with optional timestamp and reasons.
 *
 * <p>The deprecated {@code sessions-revoked} event has no record and cannot be built: new integrations use the CAEP
 * {@link CaepEvent.SessionRevoked} instead (RISC 1.0 section 2.11, RISC-3). Identifier-changed and
 * identifier-recycled need an {@code email} or {@code phone_number} subject (RISC-1), which is a claim of the SET,
 * not of the payload: {@link SecurityEvents#checkSubject} checks it.
 *
 * @see <a href="https://openid.net/specs/openid-risc-1_0.html">RISC 1.0 section 2</a>
 */
public sealed interface RiscEvent extends SecurityEvent {

  /**
   * Account Credential Change Required (RISC 1.0 section 2.1): the account identified by the subject was required to
   * change a credential, for example to go through a password change. It has no members.
   */
  record AccountCredentialChangeRequired() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.ACCOUNT_CREDENTIAL_CHANGE_REQUIRED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Account Purged (RISC 1.0 section 2.2): the account identified by the subject has been permanently deleted. It has no members.
   */
  record AccountPurged() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.ACCOUNT_PURGED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Account Disabled (RISC 1.0 section 2.3): the account identified by the subject has been disabled, and may be
   * enabled again later.
   *
   * @param reason the {@code reason} it was disabled, or null
   */
  record AccountDisabled(@Nullable Reason reason) implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.ACCOUNT_DISABLED;
    }

    @Override
    public Map<String, Object> toMap() {
      return reason == null ? Map.of() : Map.of("reason", reason.wireValue());
    }

    /** Why an account was disabled: a closed set (RISC 1.0 section 2.3). */
    public enum Reason {
      /** The account was hijacked. */
      HIJACKING("hijacking"),
      /** The account is one of many created in bulk, for example for spam. */
      BULK_ACCOUNT("bulk-account");

      private final String wireValue;

      Reason(String wireValue) {
        this.wireValue = wireValue;
      }

      /**
       * Returns the value on the wire.
       *
       * @return {@code hijacking} or {@code bulk-account}
       */
      public String wireValue() {
        return wireValue;
      }
    }
  }

  /**
   * Account Enabled (RISC 1.0 section 2.4): the account identified by the subject has been enabled. It has no members.
   */
  record AccountEnabled() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.ACCOUNT_ENABLED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Identifier Changed (RISC 1.0 section 2.5): the identifier in the subject has changed. The subject must be an
   * {@code email} or {@code phone_number} identifier holding the old value (RISC-1); check it with
   * {@link SecurityEvents#checkSubject}. Only the provider authoritative for the identifier should send it; other
   * providers send {@link RecoveryInformationChanged} instead (RISC-2).
   *
   * @param newValue the {@code new-value} (the member name has a hyphen): the new value of the identifier, or null
   */
  record IdentifierChanged(@Nullable String newValue) implements RiscEvent {

    /**
     * Validates the new value.
     *
     * @param newValue the {@code new-value}, or null
     * @throws IllegalArgumentException if it is blank
     */
    public IdentifierChanged {
      List<FieldError> errors = new ArrayList<>();
      EventRules.optionalText("new-value", newValue, errors);
      EventRules.check("RISC identifier-changed event", errors);
    }

    @Override
    public EventType type() {
      return EventType.IDENTIFIER_CHANGED;
    }

    @Override
    public Map<String, Object> toMap() {
      return newValue == null ? Map.of() : Map.of("new-value", newValue);
    }
  }

  /**
   * Identifier Recycled (RISC 1.0 section 2.6): the identifier in the subject was recycled and now belongs to
   * a new user. The subject must be an {@code email} or {@code phone_number} identifier (RISC-1); check it with
   * {@link SecurityEvents#checkSubject}. It has no members.
   */
  record IdentifierRecycled() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.IDENTIFIER_RECYCLED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Credential Compromise (RISC 1.0 section 2.7): a credential of the subject was found to be compromised.
   * {@code reason_admin} and {@code reason_user} take the CAEP form, an object keyed by language tag (§18 choice
   * 19).
   *
   * @param credentialType the REQUIRED {@code credential_type}, from the CAEP value set
   * @param eventTimestamp the {@code event_timestamp}: when the transmitter discovered the compromise, in whole
   *     seconds, or null
   * @param reasonAdmin the {@code reason_admin}: why the event was generated, for administrators, or null
   * @param reasonUser the {@code reason_user}: why the event was generated, for the end user, or null
   */
  record CredentialCompromise(
      CredentialType credentialType,
      @Nullable Instant eventTimestamp,
      @Nullable LanguageMap reasonAdmin,
      @Nullable LanguageMap reasonUser) implements RiscEvent {

    /**
     * Validates the members and drops the timestamp's fraction of a second.
     *
     * @param credentialType the {@code credential_type}
     * @param eventTimestamp the {@code event_timestamp}, or null
     * @param reasonAdmin the {@code reason_admin}, or null
     * @param reasonUser the {@code reason_user}, or null
     * @throws IllegalArgumentException naming every violation: a null credential type, a timestamp before the
     *     epoch or more than 10^11 seconds after it (which is what milliseconds look like)
     */
    public CredentialCompromise {
      eventTimestamp = EventRules.wholeSeconds(eventTimestamp);
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("credential_type", credentialType, errors);
      EventRules.timestamp(CaepCommon.EVENT_TIMESTAMP, eventTimestamp, errors);
      EventRules.check("RISC credential-compromise event", errors);
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
     * Starts a builder holding this event's members.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
      return new Builder().credentialType(credentialType).eventTimestamp(eventTimestamp).reasonAdmin(reasonAdmin)
          .reasonUser(reasonUser);
    }

    @Override
    public EventType type() {
      return EventType.CREDENTIAL_COMPROMISE;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("credential_type", credentialType.value());
      EventRules.put(payload, CaepCommon.EVENT_TIMESTAMP,
          eventTimestamp == null ? null : eventTimestamp.getEpochSecond());
      EventRules.put(payload, CaepCommon.REASON_ADMIN, reasonAdmin == null ? null : reasonAdmin.toMap());
      EventRules.put(payload, CaepCommon.REASON_USER, reasonUser == null ? null : reasonUser.toMap());
      return EventRules.done(payload);
    }

    /** Builds a {@link CredentialCompromise}. Not thread-safe. */
    public static final class Builder {

      private @Nullable CredentialType credentialType;
      private @Nullable Instant eventTimestamp;
      private @Nullable LanguageMap reasonAdmin;
      private @Nullable LanguageMap reasonUser;

      private Builder() {}

      /**
       * Sets the REQUIRED {@code credential_type}.
       *
       * @param credentialType a {@link CredentialType} constant, or {@link CredentialType#custom(String)}
       * @return this builder
       */
      public Builder credentialType(CredentialType credentialType) {
        this.credentialType = Objects.requireNonNull(credentialType, "credentialType");
        return this;
      }

      /**
       * Sets the {@code event_timestamp}; a fraction of a second is dropped.
       *
       * @param eventTimestamp when the compromise was discovered, or null for none
       * @return this builder
       */
      public Builder eventTimestamp(@Nullable Instant eventTimestamp) {
        this.eventTimestamp = eventTimestamp;
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
       * Builds the event.
       *
       * @return the event
       * @throws IllegalArgumentException naming every missing REQUIRED member and every invalid member at once
       */
      public CredentialCompromise build() {
        return new CredentialCompromise(EventRules.orMissing(credentialType), eventTimestamp, reasonAdmin,
            reasonUser);
      }
    }
  }

  /**
   * Opt In (RISC 1.0 section 2.8.1): the account identified by the subject opted in to RISC event exchanges;
   * it is in the {@code opt-in} state. It has no members.
   */
  record OptIn() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.OPT_IN;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Opt Out Initiated (RISC 1.0 section 2.8.2): the account identified by the subject asked to opt out of
   * RISC event exchanges; it is in the {@code opt-out-initiated} state, and events are still exchanged for now. It has no members.
   */
  record OptOutInitiated() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.OPT_OUT_INITIATED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Opt Out Cancelled (RISC 1.0 section 2.8.3): the account identified by the subject cancelled its opt-out;
   * it is back in the {@code opt-in} state. It has no members.
   */
  record OptOutCancelled() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.OPT_OUT_CANCELLED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Opt Out Effective (RISC 1.0 section 2.8.4): the account identified by the subject is now opted out of
   * RISC event exchanges. It has no members.
   */
  record OptOutEffective() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.OPT_OUT_EFFECTIVE;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Recovery Activated (RISC 1.0 section 2.9): the account identified by the subject activated a recovery flow. It has no members.
   */
  record RecoveryActivated() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.RECOVERY_ACTIVATED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  /**
   * Recovery Information Changed (RISC 1.0 section 2.10): the account identified by the subject changed
   * some of its recovery information, such as a recovery email address or phone number. It has no members.
   */
  record RecoveryInformationChanged() implements RiscEvent {

    @Override
    public EventType type() {
      return EventType.RECOVERY_INFORMATION_CHANGED;
    }

    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }
}
