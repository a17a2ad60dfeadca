package io.ssfkit.rules;

import io.ssfkit.event.EventType;
import java.util.Objects;
import java.util.Optional;

/** The events a rule can emit: CAEP and RISC types about an identity (CAEP 1.0 section 3, RISC 1.0 section 2). */
public enum EventKind {
  /** CAEP session-revoked: end the identity's sessions. */
  SESSION_REVOKED("session-revoked", EventType.SESSION_REVOKED, true),
  /** CAEP credential-change, with a configured credential type and change type. */
  CREDENTIAL_CHANGE("credential-change", EventType.CREDENTIAL_CHANGE, true),
  /** CAEP token-claims-change, with claims taken from attributes. */
  TOKEN_CLAIMS_CHANGE("token-claims-change", EventType.TOKEN_CLAIMS_CHANGE, true),
  /** CAEP assurance-level-change, with the levels taken from an attribute's change. */
  ASSURANCE_LEVEL_CHANGE("assurance-level-change", EventType.ASSURANCE_LEVEL_CHANGE, true),
  /** RISC account-disabled. */
  ACCOUNT_DISABLED("account-disabled", EventType.ACCOUNT_DISABLED, false),
  /** RISC account-enabled. */
  ACCOUNT_ENABLED("account-enabled", EventType.ACCOUNT_ENABLED, false),
  /** RISC account-purged. */
  ACCOUNT_PURGED("account-purged", EventType.ACCOUNT_PURGED, false),
  /** RISC identifier-changed: the subject is the old email, {@code new-value} the new one (RISC-1). */
  IDENTIFIER_CHANGED("identifier-changed", EventType.IDENTIFIER_CHANGED, false);

  private final String wireName;
  private final EventType eventType;
  private final boolean caep;

  EventKind(String wireName, EventType eventType, boolean caep) {
    this.wireName = wireName;
    this.eventType = eventType;
    this.caep = caep;
  }

  /**
   * Returns the short name used in rule files, the last segment of the event-type URI.
   *
   * @return the name, such as {@code session-revoked}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the event type.
   *
   * @return the type
   */
  public EventType eventType() {
    return eventType;
  }

  /**
   * Tells whether the event carries the CAEP common members ({@code reason_admin}, {@code reason_user},
   * {@code initiating_entity}, {@code event_timestamp}).
   *
   * @return true for the CAEP kinds
   */
  public boolean caep() {
    return caep;
  }

  /**
   * Finds a kind by its short name.
   *
   * @param wireName the name, such as {@code account-disabled}
   * @return the kind, or empty when unknown
   */
  public static Optional<EventKind> fromWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName");
    for (EventKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
