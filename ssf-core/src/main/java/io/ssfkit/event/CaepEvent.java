package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A CAEP 1.0 event: one record per event type, each validated when constructed, so an event that lacks a
 * REQUIRED member or holds a value outside its value set cannot exist (CAEP-3).
 *
 * <p>The records are {@link SessionRevoked}, {@link TokenClaimsChange}, {@link CredentialChange},
 * {@link AssuranceLevelChange}, {@link DeviceComplianceChange}, {@link SessionEstablished},
 * {@link SessionPresented} and {@link RiskLevelChange}. Each carries the optional members common to every CAEP
 * event as one {@link CaepCommon} value. Records with several optional members have a builder whose
 * {@code build()} reports every violation at once. Constructors throw {@link IllegalArgumentException} naming
 * every offending member by its wire name; a REQUIRED member that is null is one of those violations.
 *
 * <p>Read events from JSON-shaped maps with {@link SecurityEvents#fromMap}; {@link #toMap()} writes the exact wire
 * member names, and the two round-trip, except for a {@code credential_type}, {@code namespace} or
 * {@code principal} built with {@code custom(...)}, which {@code fromMap} refuses because it cannot know what the
 * parties agreed.
 *
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section 3</a>
 */
public sealed interface CaepEvent extends SecurityEvent {

  /**
   * Returns the optional members common to every CAEP event.
   *
   * @return the common members; {@link CaepCommon#NONE} when there are none
   */
  CaepCommon common();

  /**
   * Session Revoked (CAEP 1.0 section 3.1): the session identified by the subject has been revoked. It has no
   * members of its own; {@code event_timestamp} is the time of revocation.
   *
   * @param common the common members
   */
  record SessionRevoked(CaepCommon common) implements CaepEvent {

    /**
     * Checks the common members are given.
     *
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} is null
     */
    public SessionRevoked {
      Objects.requireNonNull(common, "common");
    }

    @Override
    public EventType type() {
      return EventType.SESSION_REVOKED;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      common.writeTo(payload);
      return EventRules.done(payload);
    }
  }

  /**
   * Token Claims Change (CAEP 1.0 section 3.2): claims in the token identified by the subject have changed;
   * {@code event_timestamp} is the time of the change.
   *
   * @param claims the REQUIRED {@code claims}: one or more claims with their new values, JSON-shaped (strings,
   *     finite numbers, booleans, lists and string-keyed maps, never null), copied deeply in the given order
   * @param common the common members
   */
  record TokenClaimsChange(Map<String, Object> claims, CaepCommon common) implements CaepEvent {

    /**
     * Validates and copies the claims.
     *
     * @param claims one or more claims with their new values
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} or a claim name is null
     * @throws IllegalArgumentException if the claims are null or empty, or a value is null or not JSON-shaped
     */
    public TokenClaimsChange {
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("claims", claims, errors);
      if (claims != null) {
        if (claims.isEmpty()) {
          errors.add(new FieldError("claims", "must hold at least one claim with its new value"));
        }
        EventRules.jsonObject("claims", claims, errors);
      }
      EventRules.check("CAEP token-claims-change event", errors);
      claims = EventRules.copyObject(claims);
    }

    @Override
    public EventType type() {
      return EventType.TOKEN_CLAIMS_CHANGE;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("claims", claims);
      common.writeTo(payload);
      return EventRules.done(payload);
    }
  }

  /**
   * Credential Change (CAEP 1.0 section 3.3): a credential was created, changed, revoked or deleted;
   * {@code event_timestamp} is the time of the change.
   *
   * @param credentialType the REQUIRED {@code credential_type}
   * @param changeType the REQUIRED {@code change_type}
   * @param friendlyName the {@code friendly_name} of the credential, or null
   * @param x509Issuer the {@code x509_issuer} of the certificate (RFC 5280), or null
   * @param x509Serial the {@code x509_serial} of the certificate (RFC 5280), or null
   * @param fido2Aaguid the {@code fido2_aaguid}: the FIDO2 authenticator attestation GUID (WebAuthn), or null
   * @param common the common members
   */
  record CredentialChange(
      CredentialType credentialType,
      ChangeType changeType,
      @Nullable String friendlyName,
      @Nullable String x509Issuer,
      @Nullable String x509Serial,
      @Nullable String fido2Aaguid,
      CaepCommon common) implements CaepEvent {

    /**
     * Validates the members.
     *
     * @param credentialType the {@code credential_type}
     * @param changeType the {@code change_type}
     * @param friendlyName the {@code friendly_name}, or null
     * @param x509Issuer the {@code x509_issuer}, or null
     * @param x509Serial the {@code x509_serial}, or null
     * @param fido2Aaguid the {@code fido2_aaguid}, or null
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} is null
     * @throws IllegalArgumentException naming every REQUIRED member that is null and every optional string that
     *     is blank
     */
    public CredentialChange {
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("credential_type", credentialType, errors);
      EventRules.required("change_type", changeType, errors);
      EventRules.optionalText("friendly_name", friendlyName, errors);
      EventRules.optionalText("x509_issuer", x509Issuer, errors);
      EventRules.optionalText("x509_serial", x509Serial, errors);
      EventRules.optionalText("fido2_aaguid", fido2Aaguid, errors);
      EventRules.check("CAEP credential-change event", errors);
    }

    /**
     * Starts a builder with no member set.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Starts a builder holding this event's members.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
      return new Builder().credentialType(credentialType).changeType(changeType).friendlyName(friendlyName)
          .x509Issuer(x509Issuer).x509Serial(x509Serial).fido2Aaguid(fido2Aaguid).common(common);
    }

    @Override
    public EventType type() {
      return EventType.CREDENTIAL_CHANGE;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("credential_type", credentialType.value());
      payload.put("change_type", changeType.wireValue());
      EventRules.put(payload, "friendly_name", friendlyName);
      EventRules.put(payload, "x509_issuer", x509Issuer);
      EventRules.put(payload, "x509_serial", x509Serial);
      EventRules.put(payload, "fido2_aaguid", fido2Aaguid);
      common.writeTo(payload);
      return EventRules.done(payload);
    }

    /** The {@code change_type} of a credential change: a closed set (CAEP 1.0 section 3.3). */
    public enum ChangeType {
      /** The credential was created. */
      CREATE("create"),
      /** The credential was revoked. */
      REVOKE("revoke"),
      /** The credential was updated. */
      UPDATE("update"),
      /** The credential was deleted. */
      DELETE("delete");

      private final String wireValue;

      ChangeType(String wireValue) {
        this.wireValue = wireValue;
      }

      /**
       * Returns the value on the wire.
       *
       * @return {@code create}, {@code revoke}, {@code update} or {@code delete}
       */
      public String wireValue() {
        return wireValue;
      }
    }

    /** Builds a {@link CredentialChange}. Not thread-safe. */
    public static final class Builder {

      private @Nullable CredentialType credentialType;
      private @Nullable ChangeType changeType;
      private @Nullable String friendlyName;
      private @Nullable String x509Issuer;
      private @Nullable String x509Serial;
      private @Nullable String fido2Aaguid;
      private CaepCommon common = CaepCommon.NONE;

      private Builder() {}

      /**
       * Sets the REQUIRED {@code credential_type}.
       *
       * @param credentialType a {@link CredentialType} constant, or {@link CredentialType#custom(String)}
       * @return this builder
       */
      public Builder credentialType(CredentialType credentialType) {
        this.credentialType = Objects.requireNonNull(credentialType, "credentialType");
        return this;
      }

      /**
       * Sets the REQUIRED {@code change_type}.
       *
       * @param changeType what happened to the credential
       * @return this builder
       */
      public Builder changeType(ChangeType changeType) {
        this.changeType = Objects.requireNonNull(changeType, "changeType");
        return this;
      }

      /**
       * Sets the {@code friendly_name}.
       *
       * @param friendlyName the credential's friendly name, or null for none
       * @return this builder
       */
      public Builder friendlyName(@Nullable String friendlyName) {
        this.friendlyName = friendlyName;
        return this;
      }

      /**
       * Sets the {@code x509_issuer}.
       *
       * @param x509Issuer the certificate's issuer, or null for none
       * @return this builder
       */
      public Builder x509Issuer(@Nullable String x509Issuer) {
        this.x509Issuer = x509Issuer;
        return this;
      }

      /**
       * Sets the {@code x509_serial}.
       *
       * @param x509Serial the certificate's serial number, or null for none
       * @return this builder
       */
      public Builder x509Serial(@Nullable String x509Serial) {
        this.x509Serial = x509Serial;
        return this;
      }

      /**
       * Sets the {@code fido2_aaguid}.
       *
       * @param fido2Aaguid the authenticator attestation GUID, or null for none
       * @return this builder
       */
      public Builder fido2Aaguid(@Nullable String fido2Aaguid) {
        this.fido2Aaguid = fido2Aaguid;
        return this;
      }

      /**
       * Sets the common members.
       *
       * @param common the common members; {@link CaepCommon#NONE} by default
       * @return this builder
       */
      public Builder common(CaepCommon common) {
        this.common = Objects.requireNonNull(common, "common");
        return this;
      }

      /**
       * Builds the event.
       *
       * @return the event
       * @throws IllegalArgumentException naming every missing REQUIRED member and every invalid member at once
       */
      public CredentialChange build() {
        return new CredentialChange(EventRules.orMissing(credentialType), EventRules.orMissing(changeType),
            friendlyName, x509Issuer, x509Serial, fido2Aaguid, common);
      }
    }
  }

  /**
   * Assurance Level Change (CAEP 1.0 section 3.4): the authentication assurance of the subject went up or down
   * since the initial login; {@code event_timestamp} is the time of the change.
   *
   * @param namespace the REQUIRED {@code namespace} of the level values
   * @param currentLevel the REQUIRED {@code current_level}, as defined in the namespace, such as {@code nist-aal2}
   * @param previousLevel the {@code previous_level}, or null when the transmitter does not know it
   * @param changeDirection the {@code change_direction}, or null; SHOULD be given when {@code previousLevel} is
   * @param common the common members
   */
  record AssuranceLevelChange(
      AssuranceNamespace namespace,
      String currentLevel,
      @Nullable String previousLevel,
      @Nullable ChangeDirection changeDirection,
      CaepCommon common) implements CaepEvent {

    /**
     * Validates the members.
     *
     * @param namespace the {@code namespace}
     * @param currentLevel the {@code current_level}
     * @param previousLevel the {@code previous_level}, or null
     * @param changeDirection the {@code change_direction}, or null
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} is null
     * @throws IllegalArgumentException naming every REQUIRED member that is null and every level that is blank
     */
    public AssuranceLevelChange {
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("namespace", namespace, errors);
      EventRules.requiredText("current_level", currentLevel, errors);
      EventRules.optionalText("previous_level", previousLevel, errors);
      EventRules.check("CAEP assurance-level-change event", errors);
    }

    /**
     * Starts a builder with no member set.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Starts a builder holding this event's members.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
      return new Builder().namespace(namespace).currentLevel(currentLevel).previousLevel(previousLevel)
          .changeDirection(changeDirection).common(common);
    }

    @Override
    public EventType type() {
      return EventType.ASSURANCE_LEVEL_CHANGE;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("namespace", namespace.value());
      payload.put("current_level", currentLevel);
      EventRules.put(payload, "previous_level", previousLevel);
      EventRules.put(payload, "change_direction", changeDirection == null ? null : changeDirection.wireValue());
      common.writeTo(payload);
      return EventRules.done(payload);
    }

    /** The {@code change_direction} of an assurance level change: a closed set (CAEP 1.0 section 3.4). */
    public enum ChangeDirection {
      /** The assurance level went up. */
      INCREASE("increase"),
      /** The assurance level went down. */
      DECREASE("decrease");

      private final String wireValue;

      ChangeDirection(String wireValue) {
        this.wireValue = wireValue;
      }

      /**
       * Returns the value on the wire.
       *
       * @return {@code increase} or {@code decrease}
       */
      public String wireValue() {
        return wireValue;
      }
    }

    /** Builds an {@link AssuranceLevelChange}. Not thread-safe. */
    public static final class Builder {

      private @Nullable AssuranceNamespace namespace;
      private @Nullable String currentLevel;
      private @Nullable String previousLevel;
      private @Nullable ChangeDirection changeDirection;
      private CaepCommon common = CaepCommon.NONE;

      private Builder() {}

      /**
       * Sets the REQUIRED {@code namespace}.
       *
       * @param namespace an {@link AssuranceNamespace} constant, or {@link AssuranceNamespace#custom(String)}
       * @return this builder
       */
      public Builder namespace(AssuranceNamespace namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        return this;
      }

      /**
       * Sets the REQUIRED {@code current_level}.
       *
       * @param currentLevel the current level, as defined in the namespace
       * @return this builder
       */
      public Builder currentLevel(String currentLevel) {
        this.currentLevel = Objects.requireNonNull(currentLevel, "currentLevel");
        return this;
      }

      /**
       * Sets the {@code previous_level}.
       *
       * @param previousLevel the previous level, or null when unknown
       * @return this builder
       */
      public Builder previousLevel(@Nullable String previousLevel) {
        this.previousLevel = previousLevel;
        return this;
      }

      /**
       * Sets the {@code change_direction}.
       *
       * @param changeDirection whether the level went up or down, or null for none
       * @return this builder
       */
      public Builder changeDirection(@Nullable ChangeDirection changeDirection) {
        this.changeDirection = changeDirection;
        return this;
      }

      /**
       * Sets the common members.
       *
       * @param common the common members; {@link CaepCommon#NONE} by default
       * @return this builder
       */
      public Builder common(CaepCommon common) {
        this.common = Objects.requireNonNull(common, "common");
        return this;
      }

      /**
       * Builds the event.
       *
       * @return the event
       * @throws IllegalArgumentException naming every missing REQUIRED member and every invalid member at once
       */
      public AssuranceLevelChange build() {
        return new AssuranceLevelChange(EventRules.orMissing(namespace), EventRules.orMissing(currentLevel),
            previousLevel, changeDirection, common);
      }
    }
  }

  /**
   * Device Compliance Change (CAEP 1.0 section 3.5): a device's compliance status changed;
   * {@code event_timestamp} is the time of the change.
   *
   * @param previousStatus the REQUIRED {@code previous_status}
   * @param currentStatus the REQUIRED {@code current_status}
   * @param common the common members
   */
  record DeviceComplianceChange(
      ComplianceStatus previousStatus, ComplianceStatus currentStatus, CaepCommon common) implements CaepEvent {

    /**
     * Validates the members.
     *
     * @param previousStatus the {@code previous_status}
     * @param currentStatus the {@code current_status}
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} is null
     * @throws IllegalArgumentException naming every status that is null
     */
    public DeviceComplianceChange {
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("previous_status", previousStatus, errors);
      EventRules.required("current_status", currentStatus, errors);
      EventRules.check("CAEP device-compliance-change event", errors);
    }

    @Override
    public EventType type() {
      return EventType.DEVICE_COMPLIANCE_CHANGE;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("previous_status", previousStatus.wireValue());
      payload.put("current_status", currentStatus.wireValue());
      common.writeTo(payload);
      return EventRules.done(payload);
    }

    /** A device's compliance status: a closed set (CAEP 1.0 section 3.5). */
    public enum ComplianceStatus {
      /** The device complies with policy. */
      COMPLIANT("compliant"),
      /** The device does not comply with policy. */
      NOT_COMPLIANT("not-compliant");

      private final String wireValue;

      ComplianceStatus(String wireValue) {
        this.wireValue = wireValue;
      }

      /**
       * Returns the value on the wire.
       *
       * @return {@code compliant} or {@code not-compliant}
       */
      public String wireValue() {
        return wireValue;
      }
    }
  }

  /**
   * Session Established (CAEP 1.0 section 3.6): the transmitter established a new session for the subject;
   * {@code event_timestamp} is the time it was established.
   *
   * @param fpUa the {@code fp_ua}: a fingerprint of the user agent computed by the transmitter, or null
   * @param acr the {@code acr}: the authentication context class reference, as in an OpenID Connect ID Token, or
   *     null
   * @param amr the {@code amr}: the authentication methods references, as in an OpenID Connect ID Token; empty
   *     when the member is left out
   * @param extId the {@code ext_id}: an external session identifier, such as a federated session's, or null
   * @param common the common members
   */
  record SessionEstablished(
      @Nullable String fpUa,
      @Nullable String acr,
      List<String> amr,
      @Nullable String extId,
      CaepCommon common) implements CaepEvent {

    /**
     * Validates the members and copies {@code amr}.
     *
     * @param fpUa the {@code fp_ua}, or null
     * @param acr the {@code acr}, or null
     * @param amr the {@code amr}; empty for none
     * @param extId the {@code ext_id}, or null
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code amr} or {@code common} is null
     * @throws IllegalArgumentException naming every string that is blank and every {@code amr} element that is
     *     null or blank
     */
    public SessionEstablished {
      Objects.requireNonNull(amr, "amr");
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.optionalText("fp_ua", fpUa, errors);
      EventRules.optionalText("acr", acr, errors);
      EventRules.textList("amr", amr, errors);
      EventRules.optionalText("ext_id", extId, errors);
      EventRules.check("CAEP session-established event", errors);
      amr = List.copyOf(amr);
    }

    /**
     * Starts a builder with no member set.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Starts a builder holding this event's members.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
      return new Builder().fpUa(fpUa).acr(acr).amr(amr).extId(extId).common(common);
    }

    @Override
    public EventType type() {
      return EventType.SESSION_ESTABLISHED;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      EventRules.put(payload, "fp_ua", fpUa);
      EventRules.put(payload, "acr", acr);
      EventRules.put(payload, "amr", amr.isEmpty() ? null : amr);
      EventRules.put(payload, "ext_id", extId);
      common.writeTo(payload);
      return EventRules.done(payload);
    }

    /** Builds a {@link SessionEstablished}. Not thread-safe. */
    public static final class Builder {

      private @Nullable String fpUa;
      private @Nullable String acr;
      private List<String> amr = List.of();
      private @Nullable String extId;
      private CaepCommon common = CaepCommon.NONE;

      private Builder() {}

      /**
       * Sets the {@code fp_ua}.
       *
       * @param fpUa the user-agent fingerprint, or null for none
       * @return this builder
       */
      public Builder fpUa(@Nullable String fpUa) {
        this.fpUa = fpUa;
        return this;
      }

      /**
       * Sets the {@code acr}.
       *
       * @param acr the authentication context class reference, or null for none
       * @return this builder
       */
      public Builder acr(@Nullable String acr) {
        this.acr = acr;
        return this;
      }

      /**
       * Sets the {@code amr}.
       *
       * @param amr the authentication methods references, such as {@code ["otp"]}; empty for none
       * @return this builder
       */
      public Builder amr(List<String> amr) {
        this.amr = Objects.requireNonNull(amr, "amr");
        return this;
      }

      /**
       * Sets the {@code ext_id}.
       *
       * @param extId the external session identifier, or null for none
       * @return this builder
       */
      public Builder extId(@Nullable String extId) {
        this.extId = extId;
        return this;
      }

      /**
       * Sets the common members.
       *
       * @param common the common members; {@link CaepCommon#NONE} by default
       * @return this builder
       */
      public Builder common(CaepCommon common) {
        this.common = Objects.requireNonNull(common, "common");
        return this;
      }

      /**
       * Builds the event.
       *
       * @return the event
       * @throws IllegalArgumentException naming every invalid member at once
       */
      public SessionEstablished build() {
        return new SessionEstablished(fpUa, acr, amr, extId, common);
      }
    }
  }

  /**
   * Session Presented (CAEP 1.0 section 3.7): the transmitter observed the session at the time given by
   * {@code event_timestamp}.
   *
   * @param fpUa the {@code fp_ua}: a fingerprint of the user agent computed by the transmitter, or null
   * @param extId the {@code ext_id}: an external session identifier, such as a federated session's, or null
   * @param common the common members
   */
  record SessionPresented(@Nullable String fpUa, @Nullable String extId, CaepCommon common) implements CaepEvent {

    /**
     * Validates the members.
     *
     * @param fpUa the {@code fp_ua}, or null
     * @param extId the {@code ext_id}, or null
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} is null
     * @throws IllegalArgumentException naming every string that is blank
     */
    public SessionPresented {
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.optionalText("fp_ua", fpUa, errors);
      EventRules.optionalText("ext_id", extId, errors);
      EventRules.check("CAEP session-presented event", errors);
    }

    /**
     * Starts a builder with no member set.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Starts a builder holding this event's members.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
      return new Builder().fpUa(fpUa).extId(extId).common(common);
    }

    @Override
    public EventType type() {
      return EventType.SESSION_PRESENTED;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      EventRules.put(payload, "fp_ua", fpUa);
      EventRules.put(payload, "ext_id", extId);
      common.writeTo(payload);
      return EventRules.done(payload);
    }

    /** Builds a {@link SessionPresented}. Not thread-safe. */
    public static final class Builder {

      private @Nullable String fpUa;
      private @Nullable String extId;
      private CaepCommon common = CaepCommon.NONE;

      private Builder() {}

      /**
       * Sets the {@code fp_ua}.
       *
       * @param fpUa the user-agent fingerprint, or null for none
       * @return this builder
       */
      public Builder fpUa(@Nullable String fpUa) {
        this.fpUa = fpUa;
        return this;
      }

      /**
       * Sets the {@code ext_id}.
       *
       * @param extId the external session identifier, or null for none
       * @return this builder
       */
      public Builder extId(@Nullable String extId) {
        this.extId = extId;
        return this;
      }

      /**
       * Sets the common members.
       *
       * @param common the common members; {@link CaepCommon#NONE} by default
       * @return this builder
       */
      public Builder common(CaepCommon common) {
        this.common = Objects.requireNonNull(common, "common");
        return this;
      }

      /**
       * Builds the event.
       *
       * @return the event
       * @throws IllegalArgumentException naming every invalid member at once
       */
      public SessionPresented build() {
        return new SessionPresented(fpUa, extId, common);
      }
    }
  }

  /**
   * Risk Level Change (CAEP 1.0 section 3.8): the assessed risk level of a principal changed;
   * {@code event_timestamp} is the time of the assessed change.
   *
   * @param principal the REQUIRED {@code principal}: the kind of entity whose risk changed
   * @param currentLevel the REQUIRED {@code current_level}
   * @param previousLevel the {@code previous_level}, or null when the transmitter does not know it
   * @param riskReason the RECOMMENDED {@code risk_reason}, such as {@code PASSWORD_FOUND_IN_DATA_BREACH}, or null
   * @param common the common members
   */
  record RiskLevelChange(
      RiskPrincipal principal,
      RiskLevel currentLevel,
      @Nullable RiskLevel previousLevel,
      @Nullable String riskReason,
      CaepCommon common) implements CaepEvent {

    /**
     * Validates the members.
     *
     * @param principal the {@code principal}
     * @param currentLevel the {@code current_level}
     * @param previousLevel the {@code previous_level}, or null
     * @param riskReason the {@code risk_reason}, or null
     * @param common the common members; {@link CaepCommon#NONE} for none
     * @throws NullPointerException if {@code common} is null
     * @throws IllegalArgumentException naming every REQUIRED member that is null, and the reason if it is blank
     */
    public RiskLevelChange {
      Objects.requireNonNull(common, "common");
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("principal", principal, errors);
      EventRules.required("current_level", currentLevel, errors);
      EventRules.optionalText("risk_reason", riskReason, errors);
      EventRules.check("CAEP risk-level-change event", errors);
    }

    /**
     * Starts a builder with no member set.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Starts a builder holding this event's members.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
      return new Builder().principal(principal).currentLevel(currentLevel).previousLevel(previousLevel)
          .riskReason(riskReason).common(common);
    }

    @Override
    public EventType type() {
      return EventType.RISK_LEVEL_CHANGE;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("principal", principal.value());
      payload.put("current_level", currentLevel.name());
      EventRules.put(payload, "previous_level", previousLevel == null ? null : previousLevel.name());
      EventRules.put(payload, "risk_reason", riskReason);
      common.writeTo(payload);
      return EventRules.done(payload);
    }

    /** A risk level: a closed set whose wire values are the constant names (CAEP 1.0 section 3.8). */
    public enum RiskLevel {
      /** Low risk. */
      LOW,
      /** Medium risk. */
      MEDIUM,
      /** High risk. */
      HIGH
    }

    /** Builds a {@link RiskLevelChange}. Not thread-safe. */
    public static final class Builder {

      private @Nullable RiskPrincipal principal;
      private @Nullable RiskLevel currentLevel;
      private @Nullable RiskLevel previousLevel;
      private @Nullable String riskReason;
      private CaepCommon common = CaepCommon.NONE;

      private Builder() {}

      /**
       * Sets the REQUIRED {@code principal}.
       *
       * @param principal a {@link RiskPrincipal} constant, or {@link RiskPrincipal#custom(String)}
       * @return this builder
       */
      public Builder principal(RiskPrincipal principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
        return this;
      }

      /**
       * Sets the REQUIRED {@code current_level}.
       *
       * @param currentLevel the current risk level
       * @return this builder
       */
      public Builder currentLevel(RiskLevel currentLevel) {
        this.currentLevel = Objects.requireNonNull(currentLevel, "currentLevel");
        return this;
      }

      /**
       * Sets the {@code previous_level}.
       *
       * @param previousLevel the previous risk level, or null when unknown
       * @return this builder
       */
      public Builder previousLevel(@Nullable RiskLevel previousLevel) {
        this.previousLevel = previousLevel;
        return this;
      }

      /**
       * Sets the RECOMMENDED {@code risk_reason}.
       *
       * @param riskReason why the risk level changed, or null for none
       * @return this builder
       */
      public Builder riskReason(@Nullable String riskReason) {
        this.riskReason = riskReason;
        return this;
      }

      /**
       * Sets the common members.
       *
       * @param common the common members; {@link CaepCommon#NONE} by default
       * @return this builder
       */
      public Builder common(CaepCommon common) {
        this.common = Objects.requireNonNull(common, "common");
        return this;
      }

      /**
       * Builds the event.
       *
       * @return the event
       * @throws IllegalArgumentException naming every missing REQUIRED member and every invalid member at once
       */
      public RiskLevelChange build() {
        return new RiskLevelChange(EventRules.orMissing(principal), EventRules.orMissing(currentLevel),
            previousLevel, riskReason, common);
      }
    }
  }
}
