package io.ssfkit.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * A security event type, identified by its URI. An open registry: the constants cover SSF 1.0, CAEP 1.0
 * and RISC 1.0, and a host may create its own for proprietary events.
 *
 * @param uri the absolute event-type URI
 */
public record EventType(String uri) {

  private static final String CAEP = "https://schemas.openid.net/secevent/caep/event-type/";
  private static final String RISC = "https://schemas.openid.net/secevent/risc/event-type/";
  private static final String SSF = "https://schemas.openid.net/secevent/ssf/event-type/";

  /** SSF verification (SSF 1.0 section 8.1.4). */
  public static final EventType VERIFICATION = new EventType(SSF + "verification");
  /** SSF stream updated (SSF 1.0 section 8.1.5). */
  public static final EventType STREAM_UPDATED = new EventType(SSF + "stream-updated");

  /** CAEP session revoked. */
  public static final EventType SESSION_REVOKED = new EventType(CAEP + "session-revoked");
  /** CAEP token claims change. */
  public static final EventType TOKEN_CLAIMS_CHANGE = new EventType(CAEP + "token-claims-change");
  /** CAEP credential change. */
  public static final EventType CREDENTIAL_CHANGE = new EventType(CAEP + "credential-change");
  /** CAEP assurance level change. */
  public static final EventType ASSURANCE_LEVEL_CHANGE = new EventType(CAEP + "assurance-level-change");
  /** CAEP device compliance change. */
  public static final EventType DEVICE_COMPLIANCE_CHANGE =
      new EventType(CAEP + "device-compliance-change");
  /** CAEP session established. */
  public static final EventType SESSION_ESTABLISHED = new EventType(CAEP + "session-established");
  /** CAEP session presented. */
  public static final EventType SESSION_PRESENTED = new EventType(CAEP + "session-presented");
  /** CAEP risk level change. */
  public static final EventType RISK_LEVEL_CHANGE = new EventType(CAEP + "risk-level-change");

  /** RISC account credential change required. */
  public static final EventType ACCOUNT_CREDENTIAL_CHANGE_REQUIRED =
      new EventType(RISC + "account-credential-change-required");
  /** RISC account purged. */
  public static final EventType ACCOUNT_PURGED = new EventType(RISC + "account-purged");
  /** RISC account disabled. */
  public static final EventType ACCOUNT_DISABLED = new EventType(RISC + "account-disabled");
  /** RISC account enabled. */
  public static final EventType ACCOUNT_ENABLED = new EventType(RISC + "account-enabled");
  /** RISC identifier changed. */
  public static final EventType IDENTIFIER_CHANGED = new EventType(RISC + "identifier-changed");
  /** RISC identifier recycled. */
  public static final EventType IDENTIFIER_RECYCLED = new EventType(RISC + "identifier-recycled");
  /** RISC credential compromise. */
  public static final EventType CREDENTIAL_COMPROMISE = new EventType(RISC + "credential-compromise");
  /** RISC opt in. */
  public static final EventType OPT_IN = new EventType(RISC + "opt-in");
  /** RISC opt out initiated. */
  public static final EventType OPT_OUT_INITIATED = new EventType(RISC + "opt-out-initiated");
  /** RISC opt out cancelled. */
  public static final EventType OPT_OUT_CANCELLED = new EventType(RISC + "opt-out-cancelled");
  /** RISC opt out effective. */
  public static final EventType OPT_OUT_EFFECTIVE = new EventType(RISC + "opt-out-effective");
  /** RISC recovery activated. */
  public static final EventType RECOVERY_ACTIVATED = new EventType(RISC + "recovery-activated");
  /** RISC recovery information changed. */
  public static final EventType RECOVERY_INFORMATION_CHANGED =
      new EventType(RISC + "recovery-information-changed");

  /**
   * RISC sessions revoked: deprecated by RISC 1.0 section 2.11. It stays in the registry only so that it can be
   * recognised and refused: no ssfkit event of this type can be built or parsed (RISC-3).
   *
   * @deprecated new integrations MUST use CAEP {@link #SESSION_REVOKED} instead (RISC 1.0 section 2.11).
   */
  @Deprecated(since = "RISC 1.0")
  public static final EventType SESSIONS_REVOKED = new EventType(RISC + "sessions-revoked");

  /** The two SSF 1.0 event types, which the transmitter emits about a stream itself. */
  public static final List<EventType> SSF_EVENTS = List.of(VERIFICATION, STREAM_UPDATED);

  /** The eight CAEP 1.0 event types. */
  public static final List<EventType> CAEP_EVENTS =
      List.of(
          SESSION_REVOKED,
          TOKEN_CLAIMS_CHANGE,
          CREDENTIAL_CHANGE,
          ASSURANCE_LEVEL_CHANGE,
          DEVICE_COMPLIANCE_CHANGE,
          SESSION_ESTABLISHED,
          SESSION_PRESENTED,
          RISK_LEVEL_CHANGE);

  /** The thirteen RISC 1.0 event types that new integrations may emit (the deprecated one is left out). */
  public static final List<EventType> RISC_EVENTS =
      List.of(
          ACCOUNT_CREDENTIAL_CHANGE_REQUIRED,
          ACCOUNT_PURGED,
          ACCOUNT_DISABLED,
          ACCOUNT_ENABLED,
          IDENTIFIER_CHANGED,
          IDENTIFIER_RECYCLED,
          CREDENTIAL_COMPROMISE,
          OPT_IN,
          OPT_OUT_INITIATED,
          OPT_OUT_CANCELLED,
          OPT_OUT_EFFECTIVE,
          RECOVERY_ACTIVATED,
          RECOVERY_INFORMATION_CHANGED);

  /**
   * Validates the URI.
   *
   * @param uri the absolute event-type URI
   * @throws IllegalArgumentException if it is not an absolute URI
   */
  public EventType {
    Objects.requireNonNull(uri, "uri");
    try {
      if (!new URI(uri).isAbsolute()) {
        throw new IllegalArgumentException("event type must be an absolute URI, but was " + uri);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("event type must be an absolute URI, but was " + uri, e);
    }
  }

  /**
   * Returns an event type.
   *
   * @param uri the absolute event-type URI
   * @return the event type
   */
  public static EventType of(String uri) {
    return new EventType(uri);
  }

  /** Returns the URI. */
  @Override
  public String toString() {
    return uri;
  }
}
