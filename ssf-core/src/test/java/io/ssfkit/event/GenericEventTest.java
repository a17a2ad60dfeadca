package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GenericEventTest {

  static final EventType PROPRIETARY = EventType.of("https://events.example.com/event-type/license-revoked");

  static Stream<EventType> catalogTypes() {
    return SecurityEventsTest.catalog().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogTypes")
  @DisplayName("CAEP-3 a catalog type cannot be wrapped in a GenericEvent, so typed validation cannot be bypassed")
  void constructorWhenCatalogTypeThenRefused(EventType type) {
    assertThatIllegalArgumentException().isThrownBy(() -> new GenericEvent(type, Map.of()))
        .withMessageContaining("typed record");
  }

  @Test
  @DisplayName("RISC-3 the deprecated RISC sessions-revoked cannot be built as a GenericEvent either")
  @SuppressWarnings("deprecation")
  void constructorWhenRiscSessionsRevokedThenRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new GenericEvent(EventType.SESSIONS_REVOKED, Map.of()))
        .withMessageContaining("deprecated").withMessageContaining(EventType.SESSION_REVOKED.uri());
  }

  @Test
  @DisplayName("§18 choice 21: a legacy verification URI cannot be built as a GenericEvent")
  void constructorWhenLegacyUriThenRefused() {
    EventType legacy = EventType.of("https://schemas.openid.net/secevent/sse/event-type/verification");

    assertThatIllegalArgumentException().isThrownBy(() -> new GenericEvent(legacy, Map.of()))
        .withMessageContaining(EventType.VERIFICATION.uri());
  }

  @Test
  @DisplayName("SET-7 a GenericEvent payload may not carry a subject member")
  void constructorWhenSubjectMemberThenRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new GenericEvent(PROPRIETARY, json("subject", json("format", "opaque", "id", "x"))))
        .withMessageContaining("subject").withMessageContaining("sub_id");
  }

  @Test
  @DisplayName("the payload must be JSON-shaped: null and non-JSON values are refused, each named")
  void constructorWhenNotJsonThenRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new GenericEvent(PROPRIETARY, json("a", null, "b", List.of(new Object()),
            "c", Double.POSITIVE_INFINITY)))
        .withMessageContaining("a: must not be null")
        .withMessageContaining("b[0]: must be a JSON value")
        .withMessageContaining("c: must be a finite number");
  }

  @Test
  @DisplayName("the payload is copied deeply and cannot be changed")
  void constructorWhenPayloadGivenThenDeepImmutableCopy() {
    List<Object> list = new ArrayList<>(List.of("x"));
    Map<String, Object> payload = json("list", list, "nested", json("k", "v"));

    GenericEvent event = new GenericEvent(PROPRIETARY, payload);
    list.add("y");
    payload.put("late", true);

    assertThat(event.toMap()).isEqualTo(Map.of("list", List.of("x"), "nested", Map.of("k", "v")));
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> event.toMap().put("late", true));
  }
}
