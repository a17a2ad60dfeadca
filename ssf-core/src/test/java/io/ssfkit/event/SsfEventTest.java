package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.errorOf;
import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ssfkit.event.SsfEvent.StreamUpdated;
import io.ssfkit.event.SsfEvent.Verification;
import io.ssfkit.stream.StreamStatus;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SsfEventTest {

  @Nested
  @DisplayName("VERIFY-2, VERIFY-3: verification")
  class VerificationEvent {

    @Test
    @DisplayName("VERIFY-3 an unsolicited verification has no state: its payload is {}")
    void toMapWhenUnsolicitedThenEmpty() {
      assertThat(Verification.unsolicited().toMap()).isEmpty();
      assertThat(SecurityEvents.fromMap(EventType.VERIFICATION.uri(), Map.of())).isEqualTo(Verification.unsolicited());
    }

    @Test
    @DisplayName("VERIFY-2 the state is copied exactly, non-ASCII and empty strings included")
    void toMapWhenStateThenCopiedExactly() {
      for (String state : new String[] {"VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=", "état ✓ 状態", "", " "}) {
        Verification event = new Verification(state);

        assertThat(event.toMap()).isEqualTo(Map.of("state", state));
        assertThat(SecurityEvents.fromMap(EventType.VERIFICATION.uri(), event.toMap())).isEqualTo(event);
      }
    }

    @Test
    @DisplayName("VERIFY-2 a state that is not a string is refused")
    void fromMapWhenStateNotStringThenRefused() {
      errorOf(EventType.VERIFICATION, json("state", Map.of("a", "b")), "state");
    }
  }

  @Nested
  @DisplayName("UPD-1: stream-updated")
  class StreamUpdatedEvent {

    @ParameterizedTest
    @EnumSource(StreamStatus.class)
    @DisplayName("UPD-1 status is REQUIRED and written as enabled, paused or disabled")
    void toMapWhenStatusThenWireValue(StreamStatus status) {
      StreamUpdated event = new StreamUpdated(status, null);

      assertThat(event.toMap()).isEqualTo(Map.of("status", status.wireValue()));
      assertThat(SecurityEvents.fromMap(EventType.STREAM_UPDATED.uri(), event.toMap())).isEqualTo(event);
    }

    @Test
    @DisplayName("UPD-1 the optional reason is written after the status")
    void toMapWhenReasonThenAfterStatus() {
      StreamUpdated event = new StreamUpdated(StreamStatus.PAUSED, "License is not valid");

      assertThat(event.toMap()).containsExactly(Map.entry("status", "paused"), Map.entry("reason", "License is not valid"));
    }

    @Test
    @DisplayName("UPD-1 a missing status and a blank reason are both reported")
    void constructorWhenStatusMissingAndReasonBlankThenBothReported() {
      assertThatIllegalArgumentException().isThrownBy(() -> new StreamUpdated(null, " "))
          .withMessageContaining("status: is required").withMessageContaining("reason: must not be empty");
      assertThat(errorOf(EventType.STREAM_UPDATED, json("status", "Paused"), "status").message())
          .contains("enabled, paused, disabled");
    }
  }
}
