package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import io.ssfkit.json.JsonShapes;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.CaepEvent.AssuranceLevelChange;
import io.ssfkit.event.CaepEvent.CredentialChange;
import io.ssfkit.event.CaepEvent.DeviceComplianceChange;
import io.ssfkit.event.CaepEvent.RiskLevelChange;
import io.ssfkit.event.CaepEvent.SessionEstablished;
import io.ssfkit.event.CaepEvent.SessionPresented;
import io.ssfkit.event.CaepEvent.SessionRevoked;
import io.ssfkit.event.CaepEvent.TokenClaimsChange;
import io.ssfkit.stream.StreamStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the JSON-shaped payload of an event into a {@link SecurityEvent}, reporting every invalid member at once
 * with its wire name relative to the payload.
 *
 * <p>Member shapes (present, non-null, string, number, object, array) and value sets are checked here; the value
 * rules shared with the record constructors come from {@link EventRules}. Stateless and thread-safe.
 */
final class EventParser {

  /** Legacy event-type URIs and the SSF 1.0 URI that replaces each (§18 choice 21). */
  private static final Map<String, EventType> LEGACY = Map.of(
      "https://schemas.openid.net/secevent/sse/event-type/verification", EventType.VERIFICATION,
      "https://schemas.openid.net/secevent/risc/event-type/verification", EventType.VERIFICATION,
      "https://schemas.openid.net/secevent/sse/event-type/stream-updated", EventType.STREAM_UPDATED);

  /** The legacy payload member that carried the subject before {@code sub_id} (SSF 1.0 section 3.1.1). */
  private static final String SUBJECT = "subject";

  /** One catalog type: its name for messages, its spec section, and how to read its members. */
  private record Entry(String name, String section, Function<Members, @Nullable SecurityEvent> reader) {}

  private static final Map<EventType, Entry> CATALOG = catalog();

  private EventParser() {}

  private static Map<EventType, Entry> catalog() {
    Map<EventType, Entry> catalog = new HashMap<>();
    catalog.put(EventType.VERIFICATION, new Entry("SSF verification", "SSF 1.0 section 8.1.4", m -> {
      String state = m.string("state", false, true);
      return m.build(() -> new SsfEvent.Verification(state));
    }));
    catalog.put(EventType.STREAM_UPDATED, new Entry("SSF stream-updated", "SSF 1.0 section 8.1.5", m -> {
      StreamStatus status = m.choice("status", true, StreamStatus.values(), StreamStatus::wireValue);
      String reason = m.string("reason", false, false);
      return m.build(() -> new SsfEvent.StreamUpdated(status, reason));
    }));

    catalog.put(EventType.SESSION_REVOKED, new Entry("CAEP session-revoked", "CAEP 1.0 section 3.1", m -> {
      CaepCommon common = m.common();
      return m.build(() -> new SessionRevoked(common));
    }));
    catalog.put(EventType.TOKEN_CLAIMS_CHANGE, new Entry("CAEP token-claims-change", "CAEP 1.0 section 3.2", m -> {
      Map<String, Object> claims = m.object("claims");
      CaepCommon common = m.common();
      return m.build(() -> new TokenClaimsChange(claims, common));
    }));
    catalog.put(EventType.CREDENTIAL_CHANGE, new Entry("CAEP credential-change", "CAEP 1.0 section 3.3", m -> {
      CredentialType credentialType = m.credentialType();
      CredentialChange.ChangeType changeType = m.choice("change_type", true,
          CredentialChange.ChangeType.values(), CredentialChange.ChangeType::wireValue);
      String friendlyName = m.string("friendly_name", false, false);
      String x509Issuer = m.string("x509_issuer", false, false);
      String x509Serial = m.string("x509_serial", false, false);
      String fido2Aaguid = m.string("fido2_aaguid", false, false);
      CaepCommon common = m.common();
      return m.build(() -> new CredentialChange(credentialType, changeType, friendlyName, x509Issuer, x509Serial,
          fido2Aaguid, common));
    }));
    catalog.put(EventType.ASSURANCE_LEVEL_CHANGE,
        new Entry("CAEP assurance-level-change", "CAEP 1.0 section 3.4", m -> {
          String namespace = m.registryValue("namespace", AssuranceNamespace.registeredValues(),
              "AssuranceNamespace.custom(...)");
          String currentLevel = m.string("current_level", true, false);
          String previousLevel = m.string("previous_level", false, false);
          AssuranceLevelChange.ChangeDirection direction = m.choice("change_direction", false,
              AssuranceLevelChange.ChangeDirection.values(), AssuranceLevelChange.ChangeDirection::wireValue);
          CaepCommon common = m.common();
          return m.build(() -> new AssuranceLevelChange(new AssuranceNamespace(namespace), currentLevel,
              previousLevel, direction, common));
        }));
    catalog.put(EventType.DEVICE_COMPLIANCE_CHANGE,
        new Entry("CAEP device-compliance-change", "CAEP 1.0 section 3.5", m -> {
          DeviceComplianceChange.ComplianceStatus[] values = DeviceComplianceChange.ComplianceStatus.values();
          DeviceComplianceChange.ComplianceStatus previous = m.choice("previous_status", true, values,
              DeviceComplianceChange.ComplianceStatus::wireValue);
          DeviceComplianceChange.ComplianceStatus current = m.choice("current_status", true, values,
              DeviceComplianceChange.ComplianceStatus::wireValue);
          CaepCommon common = m.common();
          return m.build(() -> new DeviceComplianceChange(previous, current, common));
        }));
    catalog.put(EventType.SESSION_ESTABLISHED, new Entry("CAEP session-established", "CAEP 1.0 section 3.6", m -> {
      String fpUa = m.string("fp_ua", false, false);
      String acr = m.string("acr", false, false);
      List<String> amr = m.strings("amr");
      String extId = m.string("ext_id", false, false);
      CaepCommon common = m.common();
      return m.build(() -> new SessionEstablished(fpUa, acr, amr == null ? List.of() : amr, extId, common));
    }));
    catalog.put(EventType.SESSION_PRESENTED, new Entry("CAEP session-presented", "CAEP 1.0 section 3.7", m -> {
      String fpUa = m.string("fp_ua", false, false);
      String extId = m.string("ext_id", false, false);
      CaepCommon common = m.common();
      return m.build(() -> new SessionPresented(fpUa, extId, common));
    }));
    catalog.put(EventType.RISK_LEVEL_CHANGE, new Entry("CAEP risk-level-change", "CAEP 1.0 section 3.8", m -> {
      String principal = m.registryValue("principal", RiskPrincipal.registeredValues(), "RiskPrincipal.custom(...)");
      RiskLevelChange.RiskLevel[] levels = RiskLevelChange.RiskLevel.values();
      RiskLevelChange.RiskLevel current = m.choice("current_level", true, levels, RiskLevelChange.RiskLevel::name);
      RiskLevelChange.RiskLevel previous = m.choice("previous_level", false, levels, RiskLevelChange.RiskLevel::name);
      String riskReason = m.string("risk_reason", false, false);
      CaepCommon common = m.common();
      return m.build(() -> new RiskLevelChange(new RiskPrincipal(principal), current, previous, riskReason, common));
    }));

    empty(catalog, EventType.ACCOUNT_CREDENTIAL_CHANGE_REQUIRED, "account-credential-change-required", "2.1",
        RiscEvent.AccountCredentialChangeRequired::new);
    empty(catalog, EventType.ACCOUNT_PURGED, "account-purged", "2.2", RiscEvent.AccountPurged::new);
    catalog.put(EventType.ACCOUNT_DISABLED, new Entry("RISC account-disabled", "RISC 1.0 section 2.3", m -> {
      RiscEvent.AccountDisabled.Reason reason = m.choice("reason", false,
          RiscEvent.AccountDisabled.Reason.values(), RiscEvent.AccountDisabled.Reason::wireValue);
      return m.build(() -> new RiscEvent.AccountDisabled(reason));
    }));
    empty(catalog, EventType.ACCOUNT_ENABLED, "account-enabled", "2.4", RiscEvent.AccountEnabled::new);
    catalog.put(EventType.IDENTIFIER_CHANGED, new Entry("RISC identifier-changed", "RISC 1.0 section 2.5", m -> {
      String newValue = m.string("new-value", false, false);
      return m.build(() -> new RiscEvent.IdentifierChanged(newValue));
    }));
    empty(catalog, EventType.IDENTIFIER_RECYCLED, "identifier-recycled", "2.6", RiscEvent.IdentifierRecycled::new);
    catalog.put(EventType.CREDENTIAL_COMPROMISE,
        new Entry("RISC credential-compromise", "RISC 1.0 section 2.7", m -> {
          CredentialType credentialType = m.credentialType();
          Instant timestamp = m.timestamp(CaepCommon.EVENT_TIMESTAMP);
          LanguageMap reasonAdmin = m.languageMap(CaepCommon.REASON_ADMIN);
          LanguageMap reasonUser = m.languageMap(CaepCommon.REASON_USER);
          return m.build(() -> new RiscEvent.CredentialCompromise(credentialType, timestamp, reasonAdmin,
              reasonUser));
        }));
    empty(catalog, EventType.OPT_IN, "opt-in", "2.8.1", RiscEvent.OptIn::new);
    empty(catalog, EventType.OPT_OUT_INITIATED, "opt-out-initiated", "2.8.2", RiscEvent.OptOutInitiated::new);
    empty(catalog, EventType.OPT_OUT_CANCELLED, "opt-out-cancelled", "2.8.3", RiscEvent.OptOutCancelled::new);
    empty(catalog, EventType.OPT_OUT_EFFECTIVE, "opt-out-effective", "2.8.4", RiscEvent.OptOutEffective::new);
    empty(catalog, EventType.RECOVERY_ACTIVATED, "recovery-activated", "2.9", RiscEvent.RecoveryActivated::new);
    empty(catalog, EventType.RECOVERY_INFORMATION_CHANGED, "recovery-information-changed", "2.10",
        RiscEvent.RecoveryInformationChanged::new);
    return Map.copyOf(catalog);
  }

  /** Registers a RISC event without members: any member is unknown. */
  private static void empty(Map<EventType, Entry> catalog, EventType type, String name, String section,
      Supplier<SecurityEvent> event) {
    catalog.put(type, new Entry("RISC " + name, "RISC 1.0 section " + section, m -> m.build(event)));
  }

  // --- Entry points ----------------------------------------------------------------------------

  /**
   * Parses one event payload.
   *
   * @throws SsfException {@code INVALID_REQUEST} listing every invalid member
   */
  static SecurityEvent parse(String typeUri, Map<String, ?> payload) {
    EventType type;
    try {
      type = new EventType(typeUri);
    } catch (IllegalArgumentException e) {
      throw SsfException.invalid("", String.valueOf(e.getMessage()));
    }
    String refusal = refusal(type);
    if (refusal != null) {
      throw SsfException.invalid("", refusal);
    }
    Entry entry = CATALOG.get(type);
    List<FieldError> errors = new ArrayList<>();
    SecurityEvent event;
    if (entry == null) {
      generic(payload, errors);
      event = errors.isEmpty() ? new GenericEvent(type, new LinkedHashMap<>(payload)) : null;
    } else {
      Members members = new Members(entry, payload, errors);
      event = entry.reader().apply(members);
      members.rejectUnknown();
    }
    if (!errors.isEmpty() || event == null) {
      if (errors.isEmpty()) {
        throw new IllegalStateException("event rejected without a reason");
      }
      throw SsfException.invalid(errors);
    }
    return event;
  }

  /** Says why an event type may never be built or parsed, or returns null when it may. */
  @SuppressWarnings("deprecation") // names the deprecated type precisely in order to refuse it (RISC-3)
  static @Nullable String refusal(EventType type) {
    if (type.equals(EventType.SESSIONS_REVOKED)) {
      return "the RISC sessions-revoked event type is deprecated and must not be used in new integrations (RISC 1.0"
          + " section 2.11, RISC-3); use the CAEP session-revoked event " + EventType.SESSION_REVOKED
          + " (CaepEvent.SessionRevoked) instead";
    }
    EventType replacement = LEGACY.get(type.uri());
    if (replacement != null) {
      return "event type " + type + " is a legacy URI that ssfkit does not emit; use the SSF 1.0 URI " + replacement
          + " (§18 choice 21)";
    }
    return null;
  }

  /** Tells whether a type has a typed record. */
  static boolean isCatalog(EventType type) {
    return CATALOG.containsKey(type);
  }

  /** A generic payload: JSON-shaped, without the {@code subject} member new event types must not use. */
  static void generic(Map<String, ?> payload, List<FieldError> errors) {
    if (payload.containsKey(SUBJECT)) {
      errors.add(new FieldError(SUBJECT, "new event types must not carry a subject member in the payload (SSF 1.0"
          + " section 3.1.2); the subject is the SET's sub_id claim"));
    }
    Map<String, Object> rest = new LinkedHashMap<>(payload);
    rest.remove(SUBJECT);
    EventRules.jsonObject("", rest, errors);
  }


  // --- Reading members -------------------------------------------------------------------------

  /**
   * The members of one payload being read. Every read names a member the type defines, so what is left over
   * afterwards is unknown. Every read appends its errors and returns null for a member that is absent or invalid.
   */
  static final class Members {

    private final Entry entry;
    private final Map<String, ?> payload;
    private final List<FieldError> errors;
    private final Set<String> defined = new LinkedHashSet<>();

    Members(Entry entry, Map<String, ?> payload, List<FieldError> errors) {
      this.entry = entry;
      this.payload = payload;
      this.errors = errors;
    }

    /** Builds the event unless an error was found. */
    @Nullable SecurityEvent build(Supplier<? extends SecurityEvent> event) {
      return errors.isEmpty() ? event.get() : null;
    }

    /**
     * Returns a member's value, or null when it is absent (an error when it is required) or JSON null (always an
     * error: an absent member is left out, not set to null).
     */
    private @Nullable Object value(String name, boolean required) {
      defined.add(name);
      if (!payload.containsKey(name)) {
        if (required) {
          errors.add(new FieldError(name, "is required (" + section(name) + ")"));
        }
        return null;
      }
      Object value = payload.get(name);
      if (value == null) {
        errors.add(new FieldError(name, "must not be null; leave the member out instead"));
      }
      return value;
    }

    /** A string member; blank ones are refused unless {@code anyString} (the verification {@code state}). */
    @Nullable String string(String name, boolean required, boolean anyString) {
      Object value = value(name, required);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String text)) {
        errors.add(new FieldError(name, "must be a string, got " + JsonShapes.type(value)));
        return null;
      }
      if (!anyString) {
        int before = errors.size();
        EventRules.optionalText(name, text, errors);
        if (errors.size() != before) {
          return null;
        }
      }
      return text;
    }

    /** A string member from a closed set. */
    <E> @Nullable E choice(String name, boolean required, E[] values, Function<E, String> wire) {
      Object value = value(name, required);
      if (value == null) {
        return null;
      }
      if (value instanceof String text) {
        for (E candidate : values) {
          if (wire.apply(candidate).equals(text)) {
            return candidate;
          }
        }
      }
      String allowed = Arrays.stream(values).map(wire).collect(Collectors.joining(", "));
      errors.add(new FieldError(name, "must be one of " + allowed + " (" + section(name) + "), got "
          + (value instanceof String text ? "'" + text + "'" : JsonShapes.type(value))));
      return null;
    }

    /** A REQUIRED string member from an open registry, which only Java code may extend (CAEP-3). */
    @Nullable String registryValue(String name, List<String> registered, String hint) {
      String value = string(name, true, true);
      if (value == null) {
        return null;
      }
      int before = errors.size();
      EventRules.registryValue(name, value, registered, false, hint, errors);
      return errors.size() == before ? value : null;
    }

    /** The REQUIRED {@code credential_type} (CAEP 1.0 section 3.3; RISC 1.0 section 2.7). */
    @Nullable CredentialType credentialType() {
      String value = registryValue("credential_type", CredentialType.registeredValues(),
          "CredentialType.custom(...)");
      return value == null ? null : new CredentialType(value);
    }

    /** An {@code event_timestamp}: a whole JSON number of seconds since the epoch, not milliseconds (CAEP-1). */
    @Nullable Instant timestamp(String name) {
      Object value = value(name, false);
      if (value == null) {
        return null;
      }
      Long seconds = wholeNumber(value);
      if (seconds == null) {
        errors.add(new FieldError(name, "must be a whole JSON number of seconds since the epoch (CAEP 1.0 section 2),"
            + " got " + (value instanceof Number number ? number.toString() : JsonShapes.type(value))));
        return null;
      }
      int before = errors.size();
      EventRules.epochSecond(name, seconds, errors);
      return errors.size() == before ? Instant.ofEpochSecond(seconds) : null;
    }

    /** The value of an integral number that fits a long; null for anything else, fractions included. */
    private static @Nullable Long wholeNumber(Object value) {
      if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      try {
        if (value instanceof BigInteger big) {
          return big.longValueExact();
        }
        if (value instanceof BigDecimal decimal) {
          return decimal.longValueExact();
        }
      } catch (ArithmeticException e) {
        return null;
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
          return (long) d;
        }
      }
      return null;
    }

    /** A {@code reason_admin} or {@code reason_user}: an object keyed by language tag, never a string (CAEP-2). */
    @Nullable LanguageMap languageMap(String name) {
      Object value = value(name, false);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Map<?, ?> map)) {
        String got = value instanceof String ? "a plain string" : JsonShapes.type(value);
        errors.add(new FieldError(name, "must be an object mapping language tags to messages, such as"
            + " {\"en\": \"...\"}, not " + got + " (CAEP 1.0 section 2, CAEP-2)"));
        return null;
      }
      int before = errors.size();
      Map<String, String> messages = new LinkedHashMap<>();
      map.forEach((tag, message) -> {
        String key = String.valueOf(tag);
        if (message instanceof String text) {
          messages.put(key, text);
        } else {
          errors.add(new FieldError(name + "." + key, "the message must be a string, got "
              + JsonShapes.type(message)));
        }
      });
      EventRules.languageMap(name, messages, errors);
      return errors.size() == before ? new LanguageMap(messages) : null;
    }

    /** A REQUIRED JSON object with at least one member, such as {@code claims}. */
    @Nullable Map<String, Object> object(String name) {
      Object value = value(name, true);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Map<?, ?> map)) {
        errors.add(new FieldError(name, "must be an object, got " + JsonShapes.type(value)));
        return null;
      }
      int before = errors.size();
      if (map.isEmpty()) {
        errors.add(new FieldError(name, "must hold at least one member"));
      }
      JsonShapes.check(name, map, 0, errors);
      if (errors.size() != before) {
        return null;
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, member) -> copy.put((String) key, member));
      return copy;
    }

    /** An optional non-empty array of non-empty strings, such as {@code amr}. */
    @Nullable List<String> strings(String name) {
      Object value = value(name, false);
      if (value == null) {
        return null;
      }
      if (!(value instanceof List<?> list)) {
        errors.add(new FieldError(name, "must be an array of strings, got " + JsonShapes.type(value)));
        return null;
      }
      int before = errors.size();
      if (list.isEmpty()) {
        errors.add(new FieldError(name, "must hold at least one value; leave the member out instead"));
      }
      List<@Nullable String> strings = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        if (element == null || element instanceof String) {
          strings.add((String) element);
        } else {
          errors.add(new FieldError(name + "[" + i + "]", "must be a string, got " + JsonShapes.type(element)));
        }
      }
      EventRules.textList(name, strings, errors);
      if (errors.size() != before) {
        return null;
      }
      List<String> result = new ArrayList<>();
      strings.forEach(s -> result.add(String.valueOf(s)));
      return result;
    }

    /** The optional members common to every CAEP event (CAEP 1.0 section 2). */
    CaepCommon common() {
      Instant timestamp = timestamp(CaepCommon.EVENT_TIMESTAMP);
      InitiatingEntity initiatingEntity = choice(CaepCommon.INITIATING_ENTITY, false, InitiatingEntity.values(),
          InitiatingEntity::wireValue);
      LanguageMap reasonAdmin = languageMap(CaepCommon.REASON_ADMIN);
      LanguageMap reasonUser = languageMap(CaepCommon.REASON_USER);
      return errors.isEmpty() ? new CaepCommon(timestamp, initiatingEntity, reasonAdmin, reasonUser) : CaepCommon.NONE;
    }

    /**
     * Refuses every member the type does not define: a misspelt member must not reach a receiver, which would
     * silently ignore it. The legacy {@code subject} member is refused with its own reason (§18 choice 22).
     */
    void rejectUnknown() {
      Map<String, String> normalized = new HashMap<>();
      defined.forEach(name -> normalized.put(normalize(name), name));
      for (String name : payload.keySet()) {
        if (defined.contains(name)) {
          continue;
        }
        if (name.equals(SUBJECT)) {
          errors.add(new FieldError(name, "the legacy subject member is not part of the " + entry.name()
              + " payload (§18 choice 22); the subject is the SET's sub_id claim (SSF 1.0 section 3.1, SET-7)"));
          continue;
        }
        String message = "is not a member of the " + entry.name() + " event (" + entry.section() + ")";
        String match = normalized.get(normalize(name));
        if (match != null) {
          message += "; did you mean " + match + "?";
        } else if (defined.isEmpty()) {
          message += ", which has no members";
        }
        errors.add(new FieldError(name, message));
      }
    }

    /** The section that defines a member: CAEP 1.0 section 2 for the common members, else the event's own. */
    private String section(String name) {
      boolean common = name.equals(CaepCommon.EVENT_TIMESTAMP) || name.equals(CaepCommon.INITIATING_ENTITY)
          || name.equals(CaepCommon.REASON_ADMIN) || name.equals(CaepCommon.REASON_USER);
      return common && entry.name().startsWith("CAEP") ? "CAEP 1.0 section 2" : entry.section();
    }

    private static String normalize(String name) {
      return name.toLowerCase(Locale.ROOT).replace('-', '_');
    }
  }
}
