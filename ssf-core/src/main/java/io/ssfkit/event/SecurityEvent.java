package io.ssfkit.event;

import java.util.Map;

/**
 * One security event: its type and its payload, the JSON object that a SET carries under the event-type URI
 * in its {@code events} claim (RFC 8417 section 2.2).
 */
public interface SecurityEvent {

  /**
   * Returns the event type.
   *
   * @return the type, whose URI keys the payload in the SET's {@code events} claim
   */
  EventType type();

  /**
   * Returns the payload as a JSON-shaped map (strings, numbers, booleans, lists and maps).
   *
   * @return an immutable map; empty for events without members
   */
  Map<String, Object> toMap();
}
