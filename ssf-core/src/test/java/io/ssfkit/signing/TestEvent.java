package io.ssfkit.signing;

import io.ssfkit.event.EventType;
import io.ssfkit.event.SecurityEvent;
import java.util.Map;

/** A minimal event for signing tests; the typed CAEP and RISC payloads live in the event package. */
record TestEvent(EventType type, Map<String, Object> payload) implements SecurityEvent {

  static TestEvent sessionRevoked(long eventTimestamp) {
    return new TestEvent(EventType.SESSION_REVOKED, Map.of("event_timestamp", eventTimestamp));
  }

  @Override
  public Map<String, Object> toMap() {
    return payload;
  }
}
