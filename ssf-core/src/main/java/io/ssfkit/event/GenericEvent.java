package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event of a type outside ssfkit's catalog: a proprietary event agreed with the receiver, or a standard one
 * ssfkit does not model yet. Its payload is only checked to be a JSON object.
 *
 * <p>A catalog type (SSF, CAEP or RISC) cannot be wrapped here, so their typed validation cannot be bypassed; nor
 * can the deprecated RISC {@code sessions-revoked} (RISC-3) or a legacy {@code sse} event-type URI (§18 choice
 * 21). A payload never carries a {@code subject} member, since new event types MUST NOT use it (SSF 1.0 section
 * 3.1.2): the subject is the SET's {@code sub_id}.
 *
 * @param type the event type, outside the catalog
 * @param payload the members of the event: strings, finite numbers, booleans, lists and string-keyed maps, never
 *     null; copied deeply and immutably in the given order
 */
public record GenericEvent(EventType type, Map<String, Object> payload) implements SecurityEvent {

  /**
   * Validates the type and copies the payload.
   *
   * @param type the event type
   * @param payload the members of the event; empty for none
   * @throws NullPointerException if the type, the payload or a member name is null
   * @throws IllegalArgumentException if the type is in the catalog, deprecated or legacy, or the payload has a
   *     {@code subject} member or a value that is null or not JSON-shaped
   */
  public GenericEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    String refusal = EventParser.refusal(type);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    if (EventParser.isCatalog(type)) {
      throw new IllegalArgumentException("event type " + type + " has a typed record in ssfkit (CaepEvent, RiscEvent"
          + " or SsfEvent); build that record instead, so that its members are validated");
    }
    List<FieldError> errors = new ArrayList<>();
    EventParser.generic(payload, errors);
    EventRules.check("event of type " + type, errors);
    payload = EventRules.copyObject(payload);
  }

  @Override
  public Map<String, Object> toMap() {
    return payload;
  }
}
