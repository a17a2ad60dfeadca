package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP;
import static io.ssfkit.event.TestEvents.errorOf;
import static io.ssfkit.event.TestEvents.errorsOf;
import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.ssfkit.error.FieldError;
import io.ssfkit.event.CaepEvent.AssuranceLevelChange;
import io.ssfkit.event.CaepEvent.AssuranceLevelChange.ChangeDirection;
import io.ssfkit.event.CaepEvent.CredentialChange;
import io.ssfkit.event.CaepEvent.CredentialChange.ChangeType;
import io.ssfkit.event.CaepEvent.DeviceComplianceChange;
import io.ssfkit.event.CaepEvent.DeviceComplianceChange.ComplianceStatus;
import io.ssfkit.event.CaepEvent.RiskLevelChange;
import io.ssfkit.event.CaepEvent.RiskLevelChange.RiskLevel;
import io.ssfkit.event.CaepEvent.SessionEstablished;
import io.ssfkit.event.CaepEvent.SessionPresented;
import io.ssfkit.event.CaepEvent.TokenClaimsChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CaepEventTest {

  static final CaepCommon COMMON = CaepCommon.builder()
      .eventTimestamp(Instant.ofEpochSecond(SPEC_TIMESTAMP))
      .initiatingEntity(InitiatingEntity.POLICY)
      .reasonAdmin(LanguageMap.of("en", "Policy Violation: C076E822"))
      .build();

  @Nested
  @DisplayName("Builders report every violation at once")
  class Builders {

    @Test
    @DisplayName("CAEP-3 credential-change: every missing REQUIRED member and every blank string at once")
    void buildWhenCredentialChangeEmptyThenEveryViolation() {
      CredentialChange.Builder builder = CredentialChange.builder().friendlyName(" ").x509Serial("");

      assertThatIllegalArgumentException().isThrownBy(builder::build)
          .withMessageContaining("credential_type: is required")
          .withMessageContaining("change_type: is required")
          .withMessageContaining("friendly_name: must not be empty")
          .withMessageContaining("x509_serial: must not be empty");
    }

    @Test
    @DisplayName("CAEP-3 assurance-level-change: namespace and current_level are REQUIRED")
    void buildWhenAssuranceLevelChangeEmptyThenEveryViolation() {
      assertThatIllegalArgumentException().isThrownBy(() -> AssuranceLevelChange.builder().previousLevel("").build())
          .withMessageContaining("namespace: is required")
          .withMessageContaining("current_level: is required")
          .withMessageContaining("previous_level: must not be empty");
    }

    @Test
    @DisplayName("CAEP-3 risk-level-change: principal and current_level are REQUIRED")
    void buildWhenRiskLevelChangeEmptyThenEveryViolation() {
      assertThatIllegalArgumentException().isThrownBy(() -> RiskLevelChange.builder().riskReason(" ").build())
          .withMessageContaining("principal: is required")
          .withMessageContaining("current_level: is required")
          .withMessageContaining("risk_reason: must not be empty");
    }

    @Test
    @DisplayName("CAEP-3 session-established and session-presented: every blank member at once")
    void buildWhenSessionEventsBlankThenEveryViolation() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SessionEstablished.builder().fpUa("").acr(" ").amr(Arrays.asList("otp", "", null)).build())
          .withMessageContaining("fp_ua").withMessageContaining("acr")
          .withMessageContaining("amr[1]").withMessageContaining("amr[2]");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SessionPresented.builder().fpUa("").extId("").build())
          .withMessageContaining("fp_ua").withMessageContaining("ext_id");
    }

    @Test
    @DisplayName("toBuilder().build() gives an equal record for every CAEP builder")
    void toBuilderWhenBuiltThenEqual() {
      CredentialChange credentialChange = CredentialChange.builder()
          .credentialType(CredentialType.X509).changeType(ChangeType.REVOKE)
          .x509Issuer("CN=Example CA").x509Serial("0A:1B").friendlyName("laptop").fido2Aaguid("none")
          .common(COMMON).build();
      AssuranceLevelChange assurance = AssuranceLevelChange.builder()
          .namespace(AssuranceNamespace.RFC6711).currentLevel("1").previousLevel("2")
          .changeDirection(ChangeDirection.DECREASE).common(COMMON).build();
      SessionEstablished established = SessionEstablished.builder()
          .fpUa("fp").acr("AAL2").amr(List.of("pwd", "otp")).extId("x").common(COMMON).build();
      SessionPresented presented = SessionPresented.builder().fpUa("fp").extId("x").common(COMMON).build();
      RiskLevelChange risk = RiskLevelChange.builder().principal(RiskPrincipal.TENANT)
          .currentLevel(RiskLevel.HIGH).previousLevel(RiskLevel.MEDIUM).riskReason("r").common(COMMON).build();

      assertThat(credentialChange.toBuilder().build()).usingRecursiveComparison().isEqualTo(credentialChange);
      assertThat(assurance.toBuilder().build()).usingRecursiveComparison().isEqualTo(assurance);
      assertThat(established.toBuilder().build()).usingRecursiveComparison().isEqualTo(established);
      assertThat(presented.toBuilder().build()).usingRecursiveComparison().isEqualTo(presented);
      assertThat(risk.toBuilder().build()).usingRecursiveComparison().isEqualTo(risk);
    }

    @Test
    @DisplayName("an event built in Java round-trips through toMap and fromMap, common members included")
    void fromMapWhenBuiltEventThenRoundTrips() {
      List<CaepEvent> events = List.of(
          new CaepEvent.SessionRevoked(COMMON),
          new TokenClaimsChange(Map.of("groups", List.of("a", "b"), "level", 3), COMMON),
          CredentialChange.builder().credentialType(CredentialType.PASSWORD).changeType(ChangeType.UPDATE)
              .common(COMMON).build(),
          new DeviceComplianceChange(ComplianceStatus.NOT_COMPLIANT, ComplianceStatus.COMPLIANT, COMMON),
          SessionEstablished.builder().amr(List.of("hwk")).common(COMMON).build(),
          RiskLevelChange.builder().principal(RiskPrincipal.GROUP).currentLevel(RiskLevel.MEDIUM).build());

      for (CaepEvent event : events) {
        assertThat(SecurityEvents.fromMap(event.type().uri(), event.toMap())).isEqualTo(event);
      }
    }

    @Test
    @DisplayName("the common members are not wire members, so null is a programming error")
    void constructorWhenCommonNullThenNullPointerException() {
      assertThatNullPointerException().isThrownBy(() -> new CaepEvent.SessionRevoked(null))
          .withMessage("common");
    }
  }

  @Nested
  @DisplayName("CAEP-3 value sets")
  class ValueSets {

    @Test
    @DisplayName("CAEP-3 every registered credential_type is read; an unregistered one names CredentialType.custom")
    void fromMapWhenCredentialTypeThenOnlyRegistered() {
      for (String value : List.of("password", "pin", "x509", "fido2-platform", "fido2-roaming", "fido-u2f",
          "verifiable-credential", "phone-voice", "phone-sms", "app")) {
        CredentialChange event = (CredentialChange) SecurityEvents.fromMap(EventType.CREDENTIAL_CHANGE.uri(),
            json("credential_type", value, "change_type", "delete"));
        assertThat(event.credentialType().isRegistered()).isTrue();
      }

      FieldError error = errorOf(EventType.CREDENTIAL_CHANGE,
          json("credential_type", "smartcard", "change_type", "delete"), "credential_type");

      assertThat(error.message()).contains("'smartcard'", "CredentialType.custom(...)");
    }

    @Test
    @DisplayName("CAEP-3 a credential_type agreed with the receiver is written when built explicitly as custom")
    void toMapWhenCustomCredentialTypeThenWritten() {
      CredentialChange event = CredentialChange.builder()
          .credentialType(CredentialType.custom("smartcard")).changeType(ChangeType.CREATE).build();

      assertThat(event.toMap()).isEqualTo(json("credential_type", "smartcard", "change_type", "create"));
      assertThat(event.credentialType().isRegistered()).isFalse();
    }

    @Test
    @DisplayName("CAEP-3 change_type, change_direction, compliance status and risk levels are closed sets")
    void fromMapWhenClosedSetValueUnknownThenRefused() {
      List<FieldError> errors = new ArrayList<>();
      errors.addAll(errorsOf(EventType.CREDENTIAL_CHANGE, json("credential_type", "pin", "change_type", "Create")));
      errors.addAll(errorsOf(EventType.ASSURANCE_LEVEL_CHANGE,
          json("namespace", "NIST-IAL", "current_level", "2", "change_direction", "same")));
      errors.addAll(errorsOf(EventType.DEVICE_COMPLIANCE_CHANGE,
          json("previous_status", "not_compliant", "current_status", true)));
      errors.addAll(errorsOf(EventType.RISK_LEVEL_CHANGE,
          json("principal", "USER", "current_level", "low", "previous_level", "SEVERE")));

      assertThat(errors).extracting(FieldError::field).containsExactly("change_type", "change_direction",
          "previous_status", "current_status", "current_level", "previous_level");
      assertThat(errors.get(0).message()).contains("create, revoke, update, delete");
      assertThat(errors.get(1).message()).contains("increase, decrease");
      assertThat(errors.get(2).message()).contains("compliant, not-compliant");
      assertThat(errors.get(4).message()).contains("LOW, MEDIUM, HIGH");
    }

    @Test
    @DisplayName("CAEP-3 namespace and principal accept their registered values and explicit custom ones")
    void customWhenNamespaceOrPrincipalThenWrittenButNotParsed() {
      RiskLevelChange application = RiskLevelChange.builder()
          .principal(RiskPrincipal.custom("APPLICATION")).currentLevel(RiskLevel.HIGH).build();

      assertThat(AssuranceNamespace.NIST_FAL.isRegistered()).isTrue();
      assertThat(application.toMap()).isEqualTo(json("principal", "APPLICATION", "current_level", "HIGH"));
      assertThat(errorOf(EventType.RISK_LEVEL_CHANGE, application.toMap(), "principal").message())
          .contains("RiskPrincipal.custom(...)");
      assertThat(errorOf(EventType.ASSURANCE_LEVEL_CHANGE,
          json("namespace", "nist-aal", "current_level", "nist-aal2"), "namespace").message())
          .contains("'NIST-AAL'", "case");
    }

    @Test
    @DisplayName("CAEP-3 the SHOULD of change_direction is not enforced: previous_level alone is accepted")
    void fromMapWhenPreviousLevelWithoutDirectionThenAccepted() {
      SecurityEvent event = SecurityEvents.fromMap(EventType.ASSURANCE_LEVEL_CHANGE.uri(),
          json("namespace", "NIST-AAL", "current_level", "nist-aal2", "previous_level", "nist-aal1"));

      assertThat(((AssuranceLevelChange) event).changeDirection()).isNull();
    }
  }

  @Nested
  @DisplayName("CAEP-3 members with structure: claims and amr")
  class StructuredMembers {

    @Test
    @DisplayName("CAEP-3 claims must be a non-empty object of JSON values")
    void fromMapWhenClaimsInvalidThenRefused() {
      errorOf(EventType.TOKEN_CLAIMS_CHANGE, json("claims", "role=ro-admin"), "claims");
      errorOf(EventType.TOKEN_CLAIMS_CHANGE, json("claims", json("role", null)), "claims.role");
      errorOf(EventType.TOKEN_CLAIMS_CHANGE, json("claims", json("role", new Object())), "claims.role");
      errorOf(EventType.TOKEN_CLAIMS_CHANGE, json("claims", json("score", Double.NaN)), "claims.score");
    }

    @Test
    @DisplayName("CAEP-3 the claims are copied deeply and cannot be changed")
    void constructorWhenClaimsGivenThenDeepImmutableCopy() {
      List<String> groups = new ArrayList<>(List.of("a"));
      Map<String, Object> claims = json("groups", groups);

      TokenClaimsChange event = new TokenClaimsChange(claims, CaepCommon.NONE);
      groups.add("b");
      claims.put("role", "x");

      assertThat(event.claims()).isEqualTo(Map.of("groups", List.of("a")));
      assertThatExceptionOfType(UnsupportedOperationException.class)
          .isThrownBy(() -> event.claims().put("role", "x"));
      assertThatIllegalArgumentException().isThrownBy(() -> new TokenClaimsChange(Map.of(), CaepCommon.NONE))
          .withMessageContaining("claims");
    }

    @Test
    @DisplayName("CAEP-3 amr must be a non-empty array of non-empty strings")
    void fromMapWhenAmrInvalidThenRefused() {
      errorOf(EventType.SESSION_ESTABLISHED, json("amr", List.of()), "amr");
      errorOf(EventType.SESSION_ESTABLISHED, json("amr", List.of("otp", 1)), "amr[1]");
      errorOf(EventType.SESSION_ESTABLISHED, json("amr", List.of("otp", "")), "amr[1]");
    }
  }
}
