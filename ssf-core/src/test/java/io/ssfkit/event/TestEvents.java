package io.ssfkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Event payloads from the examples of CAEP 1.0 section 3, RISC 1.0 section 2 and SSF 1.0 section 8.1, and helpers
 * shared by the event tests.
 */
final class TestEvents {

  /** The {@code event_timestamp} of every CAEP example, in seconds. */
  static final long SPEC_TIMESTAMP = 1615304991L;

  /** The same time in milliseconds, the unit of early CAEP drafts; CAEP 1.0 refuses it (CAEP-1). */
  static final long SPEC_TIMESTAMP_MILLIS = 1615304991643L;

  private TestEvents() {}

  // --- CAEP 1.0 section 3 ------------------------------------------------------------------------

  /** CAEP 1.0 section 3.1, "Session Revoked - Required claims + Simple Subject". */
  static Map<String, Object> sessionRevokedRequired() {
    return json("event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.1, "Session Revoked - subject as sub claim (includes optional claims)". */
  static Map<String, Object> sessionRevokedOptional() {
    return json(
        "initiating_entity", "policy",
        "reason_admin", json("en", "Landspeed Policy Violation: C076E82F"),
        "reason_user", json(
            "en", "Access attempt from multiple regions.",
            "es-410", "Intento de acceso desde varias regiones."),
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.1, "Session Revoked - Complex Subject describing user + device + tenant". */
  static Map<String, Object> sessionRevokedDevice() {
    return json(
        "initiating_entity", "policy",
        "reason_admin", json("en", "Policy Violation: C076E822"),
        "reason_user", json(
            "en", "This device is no longer compliant.",
            "it", "Questo dispositivo non è più conforme."),
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 2, the reason_admin example with multiple languages, in a session-revoked payload. */
  static Map<String, Object> sessionRevokedThreeLanguages() {
    return json("reason_admin", json(
        "en", "Landspeed Policy Violation: C076E82F",
        "de", "Landspeed-Richtlinienverstoß: C076E82F",
        "es-410", "Violación de la política de landspeed: C076E82F"));
  }

  /** CAEP 1.0 section 3.2, "OIDC ID Token Claims Change - Required claims only". */
  static Map<String, Object> tokenClaimsChangeOidc() {
    return json("event_timestamp", SPEC_TIMESTAMP, "claims", json("role", "ro-admin"));
  }

  /** CAEP 1.0 section 3.2, "OIDC ID Token Claims Change - Optional claims". */
  static Map<String, Object> tokenClaimsChangeOptional() {
    return json(
        "event_timestamp", SPEC_TIMESTAMP,
        "initiating_entity", "policy",
        "reason_admin", json("en", "User left trusted network: CorpNet3"),
        "reason_user", json(
            "en", "You're no longer connected to a trusted network.",
            "it", "Non sei più connesso a una rete attendibile."),
        "claims", json("trusted_network", false));
  }

  /** CAEP 1.0 section 3.2, "SAML Assertion Claims Change - Required claims only". */
  static Map<String, Object> tokenClaimsChangeSaml() {
    return json("event_timestamp", SPEC_TIMESTAMP,
        "claims", json("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/role", "ro-admin"));
  }

  /** CAEP 1.0 section 3.3, "Provisioning a new FIDO2 authenticator". */
  static Map<String, Object> credentialChangeFido2() {
    return json(
        "credential_type", "fido2-roaming",
        "change_type", "create",
        "fido2_aaguid", "accced6a-63f5-490a-9eea-e59bc1896cfc",
        "friendly_name", "Jane's USB authenticator",
        "initiating_entity", "user",
        "reason_admin", json("en", "User self-enrollment"),
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.4, "Assurance Level Increase". */
  static Map<String, Object> assuranceLevelIncrease() {
    return json(
        "namespace", "NIST-AAL",
        "current_level", "nist-aal2",
        "previous_level", "nist-aal1",
        "change_direction", "increase",
        "initiating_entity", "user",
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.4, "Custom Assurance Level": a namespace agreed between the parties. */
  static Map<String, Object> assuranceLevelCustom() {
    return json(
        "namespace", "Retinal Scan",
        "current_level", "hi-res-scan",
        "initiating_entity", "user",
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.5, "Device No Longer Compliant". */
  static Map<String, Object> deviceNoLongerCompliant() {
    return json(
        "current_status", "not-compliant",
        "previous_status", "compliant",
        "initiating_entity", "policy",
        "reason_admin", json("en", "Location Policy Violation: C076E8A3"),
        "reason_user", json("en", "Device is no longer in a trusted location."),
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.6, the session-established example. */
  static Map<String, Object> sessionEstablished() {
    return json(
        "fp_ua", "abb0b6e7da81a42233f8f2b1a8ddb1b9a4c81611",
        "acr", "AAL2",
        "amr", List.of("otp"),
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** The session-established example with the {@code ext_id} the specification defines but does not show. */
  static Map<String, Object> sessionEstablishedWithExtId() {
    Map<String, Object> payload = sessionEstablished();
    payload.put("ext_id", "12345");
    return payload;
  }

  /** CAEP 1.0 section 3.7, the session-presented example. */
  static Map<String, Object> sessionPresented() {
    return json(
        "fp_ua", "abb0b6e7da81a42233f8f2b1a8ddb1b9a4c81611",
        "ext_id", "12345",
        "event_timestamp", SPEC_TIMESTAMP);
  }

  /** CAEP 1.0 section 3.8, the risk-level-change example. */
  static Map<String, Object> riskLevelChange() {
    return json(
        "current_level", "LOW",
        "previous_level", "HIGH",
        "event_timestamp", SPEC_TIMESTAMP,
        "principal", "USER",
        "risk_reason", "PASSWORD_FOUND_IN_DATA_BREACH");
  }

  // --- RISC 1.0 section 2 ------------------------------------------------------------------------

  /** RISC 1.0 section 2.3, "Account Disabled". */
  static Map<String, Object> accountDisabled() {
    return json("reason", "hijacking");
  }

  /** RISC 1.0 section 2.5, "Identifier Changed". */
  static Map<String, Object> identifierChanged() {
    return json("new-value", "john.roe@example.com");
  }

  /** RISC 1.0 section 2.7, "Compromised credential found". */
  static Map<String, Object> credentialCompromise() {
    return json("credential_type", "password");
  }

  // --- SSF 1.0 section 8.1 -----------------------------------------------------------------------

  /** SSF 1.0 section 4.1.8, the verification payload of "SET with array 'aud' claim". */
  static Map<String, Object> verification() {
    return json("state", "VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=");
  }

  /** SSF 1.0 section 8.1.5, "Stream Updated SET", without its legacy {@code subject} member. */
  static Map<String, Object> streamUpdatedPaused() {
    return json("status", "paused", "reason", "License is not valid");
  }

  // --- Helpers -----------------------------------------------------------------------------------

  /** A mutable, ordered JSON object from alternating member names and values; values may be null. */
  static Map<String, Object> json(@Nullable Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  /** The field errors {@link SecurityEvents#fromMap} reports for a payload it must refuse. */
  static List<FieldError> errorsOf(EventType type, Map<String, ?> payload) {
    SsfException e = catchThrowableOfType(SsfException.class, () -> SecurityEvents.fromMap(type.uri(), payload));
    assertThat(e).as("fromMap(%s) should refuse %s", type, payload).isNotNull();
    assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST);
    return e.fieldErrors();
  }

  /** The one field error {@link SecurityEvents#fromMap} reports for a payload, which must name {@code field}. */
  static FieldError errorOf(EventType type, Map<String, ?> payload, String field) {
    List<FieldError> errors = errorsOf(type, payload);
    assertThat(errors).extracting(FieldError::field).containsExactly(field);
    return errors.get(0);
  }
}
