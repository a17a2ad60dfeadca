package io.ssfkit.event;

import io.ssfkit.error.SsfException;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.Map;
import java.util.Objects;

/**
 * Reads security events from their JSON-shaped payloads, and checks an event against its SET's subject.
 *
 * <p>{@link #fromMap(String, Map)} is the one way to turn a payload into an event: it dispatches on the event-type
 * URI to the typed records of {@link SsfEvent}, {@link CaepEvent} and {@link RiscEvent}, validates every member,
 * and reports every violation at once; any other type becomes a {@link GenericEvent}. Stateless and thread-safe.
 */
public final class SecurityEvents {

  private SecurityEvents() {}

  /**
   * Parses and validates the payload of one event.
   *
   * <p>For a catalog type, every REQUIRED member must be present and every member must have its JSON type and
   * value set (CAEP-3): {@code event_timestamp} a whole number of seconds, not milliseconds (CAEP-1);
   * {@code reason_admin} and {@code reason_user} objects keyed by language tag, never plain strings (CAEP-2);
   * {@code credential_type}, {@code namespace} and {@code principal} registered values, since values agreed with a
   * receiver are built explicitly with {@link CredentialType#custom(String)} and its siblings. A member the type
   * does not define is refused, so that a misspelt one (say {@code new_value} for {@code new-value}) is not sent,
   * and so is the legacy {@code subject} member (§18 choice 22): the subject is the SET's {@code sub_id}.
   *
   * <p>The deprecated RISC {@code sessions-revoked} type (RISC-3) and the legacy {@code sse} and {@code risc}
   * verification and stream-updated URIs (§18 choice 21) are refused. Any other type gives a {@link GenericEvent},
   * whose payload need only be JSON-shaped.
   *
   * <p>For every event this returns, {@code fromMap(e.type().uri(), e.toMap())} equals {@code e}.
   *
   * @param typeUri the event-type URI, the key of the payload in the SET's {@code events} claim
   * @param payload the payload: strings, numbers, booleans, lists and string-keyed maps, as a JSON parser makes them
   * @return the event: a {@link CaepEvent}, {@link RiscEvent} or {@link SsfEvent} record for a catalog type, or a
   *     {@link GenericEvent}
   * @throws SsfException {@code INVALID_REQUEST} with a {@link io.ssfkit.error.FieldError} for every invalid member,
   *     named by its wire name relative to the payload (such as {@code credential_type}, {@code reason_admin.en} or
   *     {@code amr[0]}); an error about the type itself has an empty field name
   */
  public static SecurityEvent fromMap(String typeUri, Map<String, ?> payload) {
    Objects.requireNonNull(typeUri, "typeUri");
    Objects.requireNonNull(payload, "payload");
    return EventParser.parse(typeUri, payload);
  }

  /**
   * Checks that an event may be sent about a subject, for the SET builder to call before it creates a
   * {@link SecurityEventToken}.
   *
   * <ul>
   *   <li>RISC identifier-changed and identifier-recycled need an {@code email} or {@code phone_number} subject,
   *       which for identifier-changed holds the old value (RISC 1.0 sections 2.5 and 2.6, RISC-1); the
   *       {@code new-value}, when present, must be the same kind of identifier and differ from the old one.
   *   <li>SSF verification and stream-updated are about the stream itself, so their subject is the stream's
   *       {@code opaque} subject (VERIFY-2, UPD-1).
   * </ul>
   *
   * <p>The check goes by {@link SecurityEvent#type()}, so it applies to any implementation of the interface.
   *
   * @param event the event
   * @param subject the SET's {@code sub_id}
   * @throws IllegalArgumentException if the subject does not fit the event, saying why
   */
  public static void checkSubject(SecurityEvent event, SubjectIdentifier subject) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(subject, "subject");
    EventType type = event.type();
    if (type.equals(EventType.IDENTIFIER_CHANGED) || type.equals(EventType.IDENTIFIER_RECYCLED)) {
      String name = type.equals(EventType.IDENTIFIER_CHANGED) ? "identifier-changed" : "identifier-recycled";
      if (!(subject instanceof SubjectIdentifier.Email) && !(subject instanceof SubjectIdentifier.PhoneNumber)) {
        throw new IllegalArgumentException("the RISC " + name + " event needs an email or phone_number subject that"
            + " holds the identifier (RISC 1.0 section 2.5 and 2.6, RISC-1), got a " + subject.format() + " subject");
      }
      Object newValue = event.toMap().get("new-value");
      if (type.equals(EventType.IDENTIFIER_CHANGED) && newValue instanceof String value) {
        checkNewValue(subject, value);
      }
    } else if (EventType.SSF_EVENTS.contains(type) && !(subject instanceof SubjectIdentifier.Opaque)) {
      throw new IllegalArgumentException("the SSF " + type + " event is about the stream itself: its sub_id must be"
          + " the stream's opaque subject {\"format\":\"opaque\",\"id\":\"<stream_id>\"} (SSF 1.0 section 8.1.4.1"
          + " and 8.1.5, VERIFY-2, UPD-1), got a " + subject.format() + " subject");
    }
  }

  /** RISC 1.0 section 2.5: the subject holds the old identifier, {@code new-value} the new one of the same kind. */
  private static void checkNewValue(SubjectIdentifier subject, String newValue) {
    SubjectIdentifier changed;
    try {
      changed = subject instanceof SubjectIdentifier.Email
          ? SubjectIdentifier.email(newValue)
          : SubjectIdentifier.phoneNumber(newValue);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the new-value of a RISC identifier-changed event about a "
          + subject.format() + " subject must be a " + subject.format() + " too: " + e.getMessage(), e);
    }
    if (changed.equals(subject)) {
      throw new IllegalArgumentException("the new-value of a RISC identifier-changed event equals its subject, which"
          + " must hold the old value (RISC 1.0 section 2.5)");
    }
  }
}
