package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP;
import static io.ssfkit.event.TestEvents.errorOf;
import static io.ssfkit.event.TestEvents.errorsOf;
import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
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
import io.ssfkit.event.CaepEvent.SessionRevoked;
import io.ssfkit.event.CaepEvent.TokenClaimsChange;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityEventsTest {

  static final Instant TIMESTAMP = Instant.ofEpochSecond(SPEC_TIMESTAMP);

  static CaepCommon common(InitiatingEntity entity, LanguageMap reasonAdmin, LanguageMap reasonUser) {
    return new CaepCommon(TIMESTAMP, entity, reasonAdmin, reasonUser);
  }

  /** Every payload example of CAEP 1.0, RISC 1.0 and SSF 1.0, with the record it must parse to. */
  static Stream<Arguments> specExamples() {
    return Stream.of(
        Arguments.of("CAEP session-revoked, required claims", EventType.SESSION_REVOKED,
            TestEvents.sessionRevokedRequired(),
            new SessionRevoked(CaepCommon.builder().eventTimestamp(TIMESTAMP).build())),
        Arguments.of("CAEP session-revoked, optional claims", EventType.SESSION_REVOKED,
            TestEvents.sessionRevokedOptional(),
            new SessionRevoked(common(InitiatingEntity.POLICY,
                LanguageMap.of("en", "Landspeed Policy Violation: C076E82F"),
                new LanguageMap(Map.of("en", "Access attempt from multiple regions.",
                    "es-410", "Intento de acceso desde varias regiones."))))),
        Arguments.of("CAEP session-revoked, user + device + tenant", EventType.SESSION_REVOKED,
            TestEvents.sessionRevokedDevice(),
            new SessionRevoked(common(InitiatingEntity.POLICY, LanguageMap.of("en", "Policy Violation: C076E822"),
                new LanguageMap(Map.of("en", "This device is no longer compliant.",
                    "it", "Questo dispositivo non è più conforme."))))),
        Arguments.of("CAEP section 2, reason_admin in three languages", EventType.SESSION_REVOKED,
            TestEvents.sessionRevokedThreeLanguages(),
            new SessionRevoked(CaepCommon.builder().reasonAdmin(new LanguageMap(Map.of(
                "en", "Landspeed Policy Violation: C076E82F",
                "de", "Landspeed-Richtlinienverstoß: C076E82F",
                "es-410", "Violación de la política de landspeed: C076E82F"))).build())),
        Arguments.of("CAEP token-claims-change, OIDC", EventType.TOKEN_CLAIMS_CHANGE,
            TestEvents.tokenClaimsChangeOidc(),
            new TokenClaimsChange(Map.of("role", "ro-admin"), CaepCommon.builder().eventTimestamp(TIMESTAMP).build())),
        Arguments.of("CAEP token-claims-change, optional claims", EventType.TOKEN_CLAIMS_CHANGE,
            TestEvents.tokenClaimsChangeOptional(),
            new TokenClaimsChange(Map.of("trusted_network", false), common(InitiatingEntity.POLICY,
                LanguageMap.of("en", "User left trusted network: CorpNet3"),
                new LanguageMap(Map.of("en", "You're no longer connected to a trusted network.",
                    "it", "Non sei più connesso a una rete attendibile."))))),
        Arguments.of("CAEP token-claims-change, SAML", EventType.TOKEN_CLAIMS_CHANGE,
            TestEvents.tokenClaimsChangeSaml(),
            new TokenClaimsChange(Map.of("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/role", "ro-admin"),
                CaepCommon.builder().eventTimestamp(TIMESTAMP).build())),
        Arguments.of("CAEP credential-change, FIDO2", EventType.CREDENTIAL_CHANGE,
            TestEvents.credentialChangeFido2(),
            CredentialChange.builder()
                .credentialType(CredentialType.FIDO2_ROAMING)
                .changeType(ChangeType.CREATE)
                .fido2Aaguid("accced6a-63f5-490a-9eea-e59bc1896cfc")
                .friendlyName("Jane's USB authenticator")
                .common(CaepCommon.builder().initiatingEntity(InitiatingEntity.USER)
                    .reasonAdmin(LanguageMap.of("en", "User self-enrollment")).eventTimestamp(TIMESTAMP).build())
                .build()),
        Arguments.of("CAEP assurance-level-change, increase", EventType.ASSURANCE_LEVEL_CHANGE,
            TestEvents.assuranceLevelIncrease(),
            AssuranceLevelChange.builder()
                .namespace(AssuranceNamespace.NIST_AAL)
                .currentLevel("nist-aal2")
                .previousLevel("nist-aal1")
                .changeDirection(ChangeDirection.INCREASE)
                .common(CaepCommon.builder().initiatingEntity(InitiatingEntity.USER).eventTimestamp(TIMESTAMP).build())
                .build()),
        Arguments.of("CAEP device-compliance-change, no longer compliant", EventType.DEVICE_COMPLIANCE_CHANGE,
            TestEvents.deviceNoLongerCompliant(),
            new DeviceComplianceChange(ComplianceStatus.COMPLIANT, ComplianceStatus.NOT_COMPLIANT,
                common(InitiatingEntity.POLICY, LanguageMap.of("en", "Location Policy Violation: C076E8A3"),
                    LanguageMap.of("en", "Device is no longer in a trusted location.")))),
        Arguments.of("CAEP session-established", EventType.SESSION_ESTABLISHED,
            TestEvents.sessionEstablished(),
            SessionEstablished.builder()
                .fpUa("abb0b6e7da81a42233f8f2b1a8ddb1b9a4c81611")
                .acr("AAL2")
                .amr(List.of("otp"))
                .common(CaepCommon.builder().eventTimestamp(TIMESTAMP).build())
                .build()),
        Arguments.of("CAEP session-established, with ext_id", EventType.SESSION_ESTABLISHED,
            TestEvents.sessionEstablishedWithExtId(),
            SessionEstablished.builder()
                .fpUa("abb0b6e7da81a42233f8f2b1a8ddb1b9a4c81611")
                .acr("AAL2")
                .amr(List.of("otp"))
                .extId("12345")
                .common(CaepCommon.builder().eventTimestamp(TIMESTAMP).build())
                .build()),
        Arguments.of("CAEP session-presented", EventType.SESSION_PRESENTED,
            TestEvents.sessionPresented(),
            SessionPresented.builder()
                .fpUa("abb0b6e7da81a42233f8f2b1a8ddb1b9a4c81611")
                .extId("12345")
                .common(CaepCommon.builder().eventTimestamp(TIMESTAMP).build())
                .build()),
        Arguments.of("CAEP risk-level-change", EventType.RISK_LEVEL_CHANGE,
            TestEvents.riskLevelChange(),
            RiskLevelChange.builder()
                .principal(RiskPrincipal.USER)
                .currentLevel(RiskLevel.LOW)
                .previousLevel(RiskLevel.HIGH)
                .riskReason("PASSWORD_FOUND_IN_DATA_BREACH")
                .common(CaepCommon.builder().eventTimestamp(TIMESTAMP).build())
                .build()),
        Arguments.of("RISC account-credential-change-required", EventType.ACCOUNT_CREDENTIAL_CHANGE_REQUIRED,
            json(), new RiscEvent.AccountCredentialChangeRequired()),
        Arguments.of("RISC account-disabled, hijacking", EventType.ACCOUNT_DISABLED,
            TestEvents.accountDisabled(), new RiscEvent.AccountDisabled(RiscEvent.AccountDisabled.Reason.HIJACKING)),
        Arguments.of("RISC identifier-changed", EventType.IDENTIFIER_CHANGED,
            TestEvents.identifierChanged(), new RiscEvent.IdentifierChanged("john.roe@example.com")),
        Arguments.of("RISC identifier-recycled", EventType.IDENTIFIER_RECYCLED,
            json(), new RiscEvent.IdentifierRecycled()),
        Arguments.of("RISC credential-compromise", EventType.CREDENTIAL_COMPROMISE,
            TestEvents.credentialCompromise(),
            RiscEvent.CredentialCompromise.builder().credentialType(CredentialType.PASSWORD).build()),
        Arguments.of("SSF verification with state", EventType.VERIFICATION,
            TestEvents.verification(), new SsfEvent.Verification("VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=")),
        Arguments.of("SSF stream-updated, paused", EventType.STREAM_UPDATED,
            TestEvents.streamUpdatedPaused(), new SsfEvent.StreamUpdated(StreamStatus.PAUSED, "License is not valid")));
  }

  /** One valid payload per catalog type. */
  static Stream<Arguments> validFixtures() {
    return Stream.of(
        Arguments.of(EventType.VERIFICATION, json()),
        Arguments.of(EventType.STREAM_UPDATED, json("status", "enabled")),
        Arguments.of(EventType.SESSION_REVOKED, TestEvents.sessionRevokedOptional()),
        Arguments.of(EventType.TOKEN_CLAIMS_CHANGE, TestEvents.tokenClaimsChangeOidc()),
        Arguments.of(EventType.CREDENTIAL_CHANGE, json("credential_type", "password", "change_type", "update")),
        Arguments.of(EventType.ASSURANCE_LEVEL_CHANGE, json("namespace", "RFC8176", "current_level", "mfa")),
        Arguments.of(EventType.DEVICE_COMPLIANCE_CHANGE,
            json("previous_status", "not-compliant", "current_status", "compliant")),
        Arguments.of(EventType.SESSION_ESTABLISHED, json()),
        Arguments.of(EventType.SESSION_PRESENTED, json("ext_id", "12345")),
        Arguments.of(EventType.RISK_LEVEL_CHANGE, json("principal", "DEVICE", "current_level", "MEDIUM")),
        Arguments.of(EventType.ACCOUNT_CREDENTIAL_CHANGE_REQUIRED, json()),
        Arguments.of(EventType.ACCOUNT_PURGED, json()),
        Arguments.of(EventType.ACCOUNT_DISABLED, json("reason", "bulk-account")),
        Arguments.of(EventType.ACCOUNT_ENABLED, json()),
        Arguments.of(EventType.IDENTIFIER_CHANGED, json()),
        Arguments.of(EventType.IDENTIFIER_RECYCLED, json()),
        Arguments.of(EventType.CREDENTIAL_COMPROMISE, json("credential_type", "phone-sms",
            "event_timestamp", SPEC_TIMESTAMP, "reason_admin", json("en", "Found in a breach corpus"),
            "reason_user", json("en", "Your code was intercepted."))),
        Arguments.of(EventType.OPT_IN, json()),
        Arguments.of(EventType.OPT_OUT_INITIATED, json()),
        Arguments.of(EventType.OPT_OUT_CANCELLED, json()),
        Arguments.of(EventType.OPT_OUT_EFFECTIVE, json()),
        Arguments.of(EventType.RECOVERY_ACTIVATED, json()),
        Arguments.of(EventType.RECOVERY_INFORMATION_CHANGED, json()));
  }

  /** One invalid payload per catalog type, with the member its error must name. */
  static Stream<Arguments> invalidFixtures() {
    return Stream.of(
        Arguments.of(EventType.VERIFICATION, json("state", 42), "state"),
        Arguments.of(EventType.STREAM_UPDATED, json("status", "active"), "status"),
        Arguments.of(EventType.SESSION_REVOKED, json("initiating_entity", "robot"), "initiating_entity"),
        Arguments.of(EventType.TOKEN_CLAIMS_CHANGE, json("claims", json()), "claims"),
        Arguments.of(EventType.CREDENTIAL_CHANGE, json("credential_type", "passwd", "change_type", "create"),
            "credential_type"),
        Arguments.of(EventType.ASSURANCE_LEVEL_CHANGE,
            json("namespace", "NIST-AAL", "current_level", "nist-aal2", "change_direction", "up"), "change_direction"),
        Arguments.of(EventType.DEVICE_COMPLIANCE_CHANGE,
            json("previous_status", "compliant", "current_status", "noncompliant"), "current_status"),
        Arguments.of(EventType.SESSION_ESTABLISHED, json("amr", "otp"), "amr"),
        Arguments.of(EventType.SESSION_PRESENTED, json("fp_ua", ""), "fp_ua"),
        Arguments.of(EventType.RISK_LEVEL_CHANGE, json("principal", "USER", "current_level", "CRITICAL"),
            "current_level"),
        Arguments.of(EventType.ACCOUNT_CREDENTIAL_CHANGE_REQUIRED, json("credential_type", "password"),
            "credential_type"),
        Arguments.of(EventType.ACCOUNT_PURGED, json("reason", "hijacking"), "reason"),
        Arguments.of(EventType.ACCOUNT_DISABLED, json("reason", "spam"), "reason"),
        Arguments.of(EventType.ACCOUNT_ENABLED, json("event_timestamp", SPEC_TIMESTAMP), "event_timestamp"),
        Arguments.of(EventType.IDENTIFIER_CHANGED, json("new_value", "john.roe@example.com"), "new_value"),
        Arguments.of(EventType.IDENTIFIER_RECYCLED, json("new-value", "foo@example.com"), "new-value"),
        Arguments.of(EventType.CREDENTIAL_COMPROMISE,
            json("credential_type", "password", "reason_admin", "Found in a breach corpus"), "reason_admin"),
        Arguments.of(EventType.OPT_IN, json("state", "opt-in"), "state"),
        Arguments.of(EventType.OPT_OUT_INITIATED, json("reason", "user request"), "reason"),
        Arguments.of(EventType.OPT_OUT_CANCELLED, json("status", "opt-in"), "status"),
        Arguments.of(EventType.OPT_OUT_EFFECTIVE, json("event_timestamp", SPEC_TIMESTAMP), "event_timestamp"),
        Arguments.of(EventType.RECOVERY_ACTIVATED, json("subject",
            json("format", "email", "email", "foo@example.com")), "subject"),
        Arguments.of(EventType.RECOVERY_INFORMATION_CHANGED, json("new-value", "+12065550100"), "new-value"));
  }

  static Set<EventType> catalog() {
    Set<EventType> catalog = new HashSet<>(EventType.SSF_EVENTS);
    catalog.addAll(EventType.CAEP_EVENTS);
    catalog.addAll(EventType.RISC_EVENTS);
    return catalog;
  }

  @Nested
  @DisplayName("Golden fixtures: the examples of the CAEP 1.0, RISC 1.0 and SSF 1.0 specifications")
  class SpecExamples {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ssfkit.event.SecurityEventsTest#specExamples")
    @DisplayName("CAEP-3 the spec example parses to the expected record")
    void fromMapWhenSpecExampleThenExpectedRecord(String name, EventType type, Map<String, Object> payload,
        SecurityEvent expected) {
      SecurityEvent event = SecurityEvents.fromMap(type.uri(), payload);

      assertThat(event).isEqualTo(expected);
      assertThat(event.type()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ssfkit.event.SecurityEventsTest#specExamples")
    @DisplayName("CAEP-3 the record writes the spec example back, member for member, and round-trips")
    void toMapWhenSpecExampleThenSamePayloadAndRoundTrip(String name, EventType type, Map<String, Object> payload,
        SecurityEvent expected) {
      assertThat(expected.toMap()).isEqualTo(payload);
      assertThat(SecurityEvents.fromMap(type.uri(), expected.toMap())).isEqualTo(expected);
    }

    @Test
    @DisplayName("CAEP-1 the millisecond event_timestamp of early CAEP drafts is refused with a clear message")
    void fromMapWhenTimestampInMillisecondsThenRefused() {
      Map<String, Object> payload = TestEvents.sessionRevokedOptional();
      payload.put("event_timestamp", TestEvents.SPEC_TIMESTAMP_MILLIS);

      FieldError error = errorOf(EventType.SESSION_REVOKED, payload, "event_timestamp");

      assertThat(error.message()).contains("seconds", "milliseconds", "1615304991643");
    }

    @Test
    @DisplayName("§18 choice 22: the SSF stream-updated example's legacy subject member is refused, pointing to sub_id")
    void fromMapWhenStreamUpdatedExampleWithLegacySubjectThenSubjectRefused() {
      Map<String, Object> payload = json("subject", json("tenant",
          json("format", "iss_sub", "iss", "http://example.com/idp1", "sub", "1234")));
      payload.putAll(TestEvents.streamUpdatedPaused());

      FieldError error = errorOf(EventType.STREAM_UPDATED, payload, "subject");

      assertThat(error.message()).contains("sub_id");
    }

    @Test
    @DisplayName("CAEP-3 the custom namespace example parses only when built explicitly as custom")
    void fromMapWhenCustomNamespaceExampleThenRefusedButBuildableInJava() {
      AssuranceLevelChange built = AssuranceLevelChange.builder()
          .namespace(AssuranceNamespace.custom("Retinal Scan"))
          .currentLevel("hi-res-scan")
          .common(CaepCommon.builder().initiatingEntity(InitiatingEntity.USER).eventTimestamp(TIMESTAMP).build())
          .build();

      FieldError error = errorOf(EventType.ASSURANCE_LEVEL_CHANGE, TestEvents.assuranceLevelCustom(), "namespace");

      assertThat(built.toMap()).isEqualTo(TestEvents.assuranceLevelCustom());
      assertThat(error.message()).contains("NIST-AAL", "'Retinal Scan'", "AssuranceNamespace.custom");
    }
  }

  @Nested
  @DisplayName("CAEP-3: one valid and one invalid fixture per event type")
  class Fixtures {

    @Test
    @DisplayName("CAEP-3 the fixtures cover every SSF, CAEP and non-deprecated RISC event type exactly once")
    void fixturesWhenListedThenCoverTheCatalogOnce() {
      List<Object> valid = validFixtures().map(a -> a.get()[0]).toList();
      List<Object> invalid = invalidFixtures().map(a -> a.get()[0]).toList();

      assertThat(catalog()).hasSize(23);
      assertThat(valid).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(catalog());
      assertThat(invalid).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(catalog());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ssfkit.event.SecurityEventsTest#validFixtures")
    @DisplayName("CAEP-3 a valid payload parses to a typed record that round-trips")
    void fromMapWhenValidThenTypedRecordThatRoundTrips(EventType type, Map<String, Object> payload) {
      SecurityEvent event = SecurityEvents.fromMap(type.uri(), payload);

      assertThat(event).isNotInstanceOf(GenericEvent.class);
      assertThat(event.type()).isEqualTo(type);
      assertThat(event.toMap()).isEqualTo(payload);
      assertThat(SecurityEvents.fromMap(type.uri(), event.toMap())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0} names {2}")
    @MethodSource("io.ssfkit.event.SecurityEventsTest#invalidFixtures")
    @DisplayName("CAEP-3 an invalid payload is refused with an error naming the member")
    void fromMapWhenInvalidThenErrorNamesMember(EventType type, Map<String, Object> payload, String member) {
      FieldError error = errorOf(type, payload, member);

      assertThat(error.message()).isNotBlank();
    }
  }

  @Nested
  @DisplayName("Reporting: every violation at once, by wire name")
  class Reporting {

    @Test
    @DisplayName("CAEP-3 every invalid member is reported at once, each by its wire name")
    void fromMapWhenManyMembersInvalidThenAllReported() {
      Map<String, Object> payload = json(
          "credential_type", "passwd",
          "change_type", "modify",
          "friendly_name", 7,
          "event_timestamp", TestEvents.SPEC_TIMESTAMP_MILLIS,
          "initiating_entity", "robot",
          "reason_admin", json("en", ""),
          "reason_user", "Your password changed.",
          "credentialType", "password");

      List<FieldError> errors = errorsOf(EventType.CREDENTIAL_CHANGE, payload);

      assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
          "credential_type", "change_type", "friendly_name", "event_timestamp", "initiating_entity",
          "reason_admin.en", "reason_user", "credentialType");
    }

    @Test
    @DisplayName("CAEP-3 every missing REQUIRED member is reported at once")
    void fromMapWhenRequiredMembersMissingThenAllReported() {
      assertThat(errorsOf(EventType.CREDENTIAL_CHANGE, json())).extracting(FieldError::field)
          .containsExactly("credential_type", "change_type");
      assertThat(errorsOf(EventType.ASSURANCE_LEVEL_CHANGE, json())).extracting(FieldError::field)
          .containsExactly("namespace", "current_level");
      assertThat(errorsOf(EventType.DEVICE_COMPLIANCE_CHANGE, json())).extracting(FieldError::field)
          .containsExactly("previous_status", "current_status");
      assertThat(errorsOf(EventType.RISK_LEVEL_CHANGE, json())).extracting(FieldError::field)
          .containsExactly("principal", "current_level");
      assertThat(errorsOf(EventType.TOKEN_CLAIMS_CHANGE, json())).extracting(FieldError::field)
          .containsExactly("claims");
      assertThat(errorsOf(EventType.CREDENTIAL_COMPROMISE, json())).extracting(FieldError::field)
          .containsExactly("credential_type");
      assertThat(errorsOf(EventType.STREAM_UPDATED, json())).extracting(FieldError::field)
          .containsExactly("status");
    }

    @Test
    @DisplayName("CAEP-3 a member set to JSON null is refused rather than read as absent")
    void fromMapWhenMemberNullThenRefused() {
      FieldError error = errorOf(EventType.ACCOUNT_DISABLED, json("reason", null), "reason");

      assertThat(error.message()).contains("null");
    }

    @Test
    @DisplayName("RISC 1.0 section 2.5: a misspelt member is refused with a hint at the member it resembles")
    void fromMapWhenMemberMisspeltThenHint() {
      FieldError error = errorOf(EventType.IDENTIFIER_CHANGED, json("new_value", "john.roe@example.com"), "new_value");

      assertThat(error.message()).contains("did you mean new-value?");
    }

    @Test
    @DisplayName("§18 choice 22: the legacy subject member is refused in CAEP and RISC payloads, pointing to sub_id")
    void fromMapWhenLegacySubjectMemberThenRefused() {
      Map<String, Object> subject = json("format", "email", "email", "foo@example.com");

      FieldError caep = errorOf(EventType.SESSION_REVOKED, json("subject", subject), "subject");
      FieldError risc = errorOf(EventType.IDENTIFIER_RECYCLED, json("subject", subject), "subject");

      assertThat(caep.message()).contains("sub_id");
      assertThat(risc.message()).contains("sub_id");
    }

    @Test
    @DisplayName("an event-type URI that is not absolute is refused as a whole, with an empty field name")
    void fromMapWhenTypeNotAbsoluteUriThenRefused() {
      SsfException e = catchThrowableOfType(SsfException.class,
          () -> SecurityEvents.fromMap("session-revoked", json()));

      assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST);
      assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("");
      assertThat(e.getMessage()).contains("absolute URI");
    }
  }

  @Nested
  @DisplayName("The catalog: deprecated, legacy and unknown event types")
  class Catalog {

    @Test
    @DisplayName("RISC-3 the deprecated RISC sessions-revoked is refused, pointing to CAEP session-revoked")
    @SuppressWarnings("deprecation")
    void fromMapWhenRiscSessionsRevokedThenRefusedPointingToCaep() {
      SsfException e = catchThrowableOfType(SsfException.class,
          () -> SecurityEvents.fromMap(EventType.SESSIONS_REVOKED.uri(), json()));

      assertThat(e.getMessage()).contains("deprecated", "RISC-3", EventType.SESSION_REVOKED.uri());
      assertThat(EventType.RISC_EVENTS).doesNotContain(EventType.SESSIONS_REVOKED).hasSize(13);
    }

    @Test
    @DisplayName("RISC-3 the catalog marks sessions-revoked deprecated")
    void sessionsRevokedWhenReflectedThenDeprecated() throws NoSuchFieldException {
      assertThat(EventType.class.getField("SESSIONS_REVOKED").isAnnotationPresent(Deprecated.class)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ssfkit.event.SecurityEventsTest#legacyUris")
    @DisplayName("§18 choice 21: a legacy verification or stream-updated URI is refused, naming the SSF 1.0 URI")
    void fromMapWhenLegacyUriThenRefusedNamingSsfUri(String legacyUri, EventType replacement) {
      SsfException e = catchThrowableOfType(SsfException.class,
          () -> SecurityEvents.fromMap(legacyUri, json("state", "abc")));

      assertThat(e.getMessage()).contains("legacy", replacement.uri());
    }

    @Test
    @DisplayName("SET-10 an unknown event type parses to a GenericEvent that round-trips")
    void fromMapWhenUnknownTypeThenGenericEvent() {
      String uri = "https://events.example.com/event-type/license-revoked";
      Map<String, Object> payload = json("license", "L-42", "seats", 5, "tags", List.of("a", "b"),
          "details", json("by", "admin", "forced", true));

      SecurityEvent event = SecurityEvents.fromMap(uri, payload);

      assertThat(event).isEqualTo(new GenericEvent(EventType.of(uri), payload));
      assertThat(event.toMap()).isEqualTo(payload);
      assertThat(SecurityEvents.fromMap(uri, event.toMap())).isEqualTo(event);
    }

    @Test
    @DisplayName("SET-7 an unknown event type may not carry the primary subject in its payload")
    void fromMapWhenUnknownTypeWithSubjectMemberThenRefused() {
      String uri = "https://events.example.com/event-type/license-revoked";

      List<FieldError> errors = errorsOf(EventType.of(uri),
          json("subject", json("format", "email", "email", "foo@example.com"), "bad", json("x", null)));

      assertThat(errors).extracting(FieldError::field).containsExactly("subject", "bad.x");
    }
  }

  static Stream<Arguments> legacyUris() {
    return Stream.of(
        Arguments.of("https://schemas.openid.net/secevent/sse/event-type/verification", EventType.VERIFICATION),
        Arguments.of("https://schemas.openid.net/secevent/risc/event-type/verification", EventType.VERIFICATION),
        Arguments.of("https://schemas.openid.net/secevent/sse/event-type/stream-updated", EventType.STREAM_UPDATED));
  }

  @Nested
  @DisplayName("RISC-1, VERIFY-2, UPD-1: checkSubject")
  class CheckSubject {

    final SubjectIdentifier email = SubjectIdentifier.email("john.doe@example.com");
    final SubjectIdentifier phone = SubjectIdentifier.phoneNumber("+12065550100");
    final SubjectIdentifier issSub = SubjectIdentifier.issSub("https://idp.example.com/", "7375626A656374");
    final SubjectIdentifier opaque = SubjectIdentifier.opaque("f67e39a0a4d34d56b3aa1bc4cff0069f");

    @Test
    @DisplayName("RISC-1 identifier-changed and identifier-recycled refuse an iss_sub subject")
    void checkSubjectWhenIdentifierEventWithIssSubThenRefused() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new RiscEvent.IdentifierChanged("john.roe@example.com"), issSub))
          .withMessageContaining("identifier-changed").withMessageContaining("RISC-1").withMessageContaining("iss_sub");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new RiscEvent.IdentifierRecycled(), issSub))
          .withMessageContaining("identifier-recycled").withMessageContaining("email or phone_number");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new RiscEvent.IdentifierRecycled(), opaque));
    }

    @Test
    @DisplayName("RISC-1 identifier-changed and identifier-recycled accept an email or phone_number subject")
    void checkSubjectWhenIdentifierEventWithEmailOrPhoneThenAccepted() {
      assertThatNoException().isThrownBy(() -> {
        SecurityEvents.checkSubject(new RiscEvent.IdentifierChanged("john.roe@example.com"), email);
        SecurityEvents.checkSubject(new RiscEvent.IdentifierChanged(null), email);
        SecurityEvents.checkSubject(new RiscEvent.IdentifierChanged("+12065550199"), phone);
        SecurityEvents.checkSubject(new RiscEvent.IdentifierRecycled(), email);
        SecurityEvents.checkSubject(new RiscEvent.IdentifierRecycled(), phone);
      });
    }

    @Test
    @DisplayName("RISC-1 the new-value is the same kind of identifier as the subject, and differs from the old one")
    void checkSubjectWhenNewValueOfOtherKindOrUnchangedThenRefused() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new RiscEvent.IdentifierChanged("+12065550199"), email))
          .withMessageContaining("must be a email");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new RiscEvent.IdentifierChanged("john.doe@example.com"), email))
          .withMessageContaining("old value");
    }

    @Test
    @DisplayName("VERIFY-2, UPD-1 the SSF events need the stream's opaque subject")
    void checkSubjectWhenSsfEventThenOpaqueOnly() {
      assertThatNoException().isThrownBy(() -> {
        SecurityEvents.checkSubject(SsfEvent.Verification.unsolicited(), opaque);
        SecurityEvents.checkSubject(new SsfEvent.StreamUpdated(StreamStatus.DISABLED, null), opaque);
      });
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new SsfEvent.Verification("s"), email))
          .withMessageContaining("opaque");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SecurityEvents.checkSubject(new SsfEvent.StreamUpdated(StreamStatus.PAUSED, null), issSub))
          .withMessageContaining("opaque");
    }

    @Test
    @DisplayName("CAEP-4 is not enforced here: CAEP and other RISC events accept any subject")
    void checkSubjectWhenOtherEventThenAnySubject() {
      assertThatNoException().isThrownBy(() -> {
        SecurityEvents.checkSubject(new CaepEvent.SessionRevoked(CaepCommon.NONE), opaque);
        SecurityEvents.checkSubject(new RiscEvent.AccountPurged(), issSub);
      });
    }
  }

  @Nested
  @DisplayName("RISC-5: subject_type is never written")
  class NoSubjectType {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ssfkit.event.SecurityEventsTest#specExamples")
    @DisplayName("RISC-5 no payload written by a typed record holds a subject_type member, at any depth")
    void toMapWhenAnyEventThenNoSubjectType(String name, EventType type, Map<String, Object> payload,
        SecurityEvent event) {
      assertThat(memberNames(event.toMap())).doesNotContain("subject_type", "subject");
    }
  }

  /** Every member name of a JSON value, at any depth. */
  static List<String> memberNames(Object json) {
    List<String> names = new ArrayList<>();
    if (json instanceof Map<?, ?> map) {
      map.forEach((name, value) -> {
        names.add(String.valueOf(name));
        names.addAll(memberNames(value));
      });
    } else if (json instanceof List<?> list) {
      list.forEach(element -> names.addAll(memberNames(element)));
    }
    return names;
  }
}
