package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP;
import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP_MILLIS;
import static io.ssfkit.event.TestEvents.errorOf;
import static io.ssfkit.event.TestEvents.errorsOf;
import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ssfkit.error.FieldError;
import io.ssfkit.event.RiscEvent.AccountDisabled;
import io.ssfkit.event.RiscEvent.CredentialCompromise;
import io.ssfkit.event.RiscEvent.IdentifierChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RiscEventTest {

  @Nested
  @DisplayName("RISC 1.0 section 2: members of the RISC events")
  class Members {

    @Test
    @DisplayName("account-disabled: reason is optional and one of hijacking or bulk-account")
    void accountDisabledWhenReasonThenWireValue() {
      assertThat(new AccountDisabled(null).toMap()).isEmpty();
      assertThat(new AccountDisabled(AccountDisabled.Reason.BULK_ACCOUNT).toMap())
          .isEqualTo(Map.of("reason", "bulk-account"));
      assertThat(errorOf(EventType.ACCOUNT_DISABLED, json("reason", "Hijacking"), "reason").message())
          .contains("hijacking, bulk-account");
    }

    @Test
    @DisplayName("identifier-changed: the member is new-value, with a hyphen, and not blank")
    void identifierChangedWhenNewValueThenHyphenatedMember() {
      assertThat(new IdentifierChanged("john.roe@example.com").toMap())
          .containsOnlyKeys("new-value").doesNotContainKey("new_value");
      assertThat(new IdentifierChanged(null).toMap()).isEmpty();
      assertThatIllegalArgumentException().isThrownBy(() -> new IdentifierChanged(" "))
          .withMessageContaining("new-value");
    }

    @Test
    @DisplayName("credential-compromise: credential_type is REQUIRED; timestamp and reasons are optional")
    void credentialCompromiseWhenAllMembersThenRoundTrip() {
      CredentialCompromise event = CredentialCompromise.builder()
          .credentialType(CredentialType.PASSWORD)
          .eventTimestamp(Instant.ofEpochSecond(SPEC_TIMESTAMP, 5))
          .reasonAdmin(LanguageMap.of("en", "Found in a breach corpus"))
          .reasonUser(LanguageMap.of("en", "Your password appeared in a data breach."))
          .build();

      assertThat(event.toMap()).isEqualTo(json(
          "credential_type", "password",
          "event_timestamp", SPEC_TIMESTAMP,
          "reason_admin", json("en", "Found in a breach corpus"),
          "reason_user", json("en", "Your password appeared in a data breach.")));
      assertThat(SecurityEvents.fromMap(EventType.CREDENTIAL_COMPROMISE.uri(), event.toMap())).isEqualTo(event);
      assertThat(event.toBuilder().build()).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    @DisplayName("credential-compromise: the builder reports the missing type and a millisecond timestamp at once")
    void credentialCompromiseWhenEmptyAndMillisecondsThenEveryViolation() {
      CredentialCompromise.Builder builder = CredentialCompromise.builder()
          .eventTimestamp(Instant.ofEpochSecond(SPEC_TIMESTAMP_MILLIS));

      assertThatIllegalArgumentException().isThrownBy(builder::build)
          .withMessageContaining("credential_type: is required")
          .withMessageContaining("event_timestamp").withMessageContaining("milliseconds");
    }

    @Test
    @DisplayName("credential-compromise: CAEP's initiating_entity is not one of its members")
    void credentialCompromiseWhenInitiatingEntityThenRefused() {
      List<FieldError> errors = errorsOf(EventType.CREDENTIAL_COMPROMISE,
          json("credential_type", "pin", "initiating_entity", "user", "event_timestamp", SPEC_TIMESTAMP_MILLIS));

      assertThat(errors).extracting(FieldError::field).containsExactly("event_timestamp", "initiating_entity");
    }

    @Test
    @DisplayName("the RISC events without members write {} and refuse any member")
    void toMapWhenEventWithoutMembersThenEmpty() {
      List<RiscEvent> events = List.of(new RiscEvent.AccountCredentialChangeRequired(), new RiscEvent.AccountPurged(),
          new RiscEvent.AccountEnabled(), new RiscEvent.IdentifierRecycled(), new RiscEvent.OptIn(),
          new RiscEvent.OptOutInitiated(), new RiscEvent.OptOutCancelled(), new RiscEvent.OptOutEffective(),
          new RiscEvent.RecoveryActivated(), new RiscEvent.RecoveryInformationChanged());

      assertThat(events).extracting(SecurityEvent::type).doesNotHaveDuplicates().hasSize(10)
          .allMatch(EventType.RISC_EVENTS::contains);
      for (RiscEvent event : events) {
        assertThat(event.toMap()).isEmpty();
        assertThat(errorOf(event.type(), json("reason", "x"), "reason").message()).contains("has no members");
      }
    }
  }
}
