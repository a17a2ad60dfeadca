package io.ssfkit.jackson.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.AssuranceNamespace;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.CredentialType;
import io.ssfkit.event.InitiatingEntity;
import io.ssfkit.event.LanguageMap;
import io.ssfkit.rules.AttributeChange;
import io.ssfkit.rules.Condition;
import io.ssfkit.rules.EventAction;
import io.ssfkit.rules.EventKind;
import io.ssfkit.rules.Explanation;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.stream.StreamDecision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * JSON for the revocation rule engine: reads rule sets and identity changes, writes explanations.
 *
 * <p>A rule set:
 * <pre>{@code
 * {"rules": [{
 *   "name": "leavers",
 *   "enabled": true,
 *   "when": {"all": [{"profileIn": ["Employees"]}, {"lifecycleEntered": ["inactive", "terminated"]}]},
 *   "emit": [{"event": "session-revoked", "reasonAdmin": {"en": "Identity ${identity.id} left"},
 *             "initiatingEntity": "policy"}]
 * }]}
 * }</pre>
 * A condition is an object with exactly one member: {@code all}, {@code any} (non-empty arrays of conditions),
 * {@code not} (a condition), {@code profileIn}, {@code lifecycleEntered} (non-empty arrays of strings),
 * {@code attributeChanged} (an attribute name), {@code attributeChangedTo}, {@code attributeChangedFrom}
 * ({@code {"attribute", "value"}}) or {@code attributeMatches} ({@code {"attribute", "regex"}}). An action has
 * {@code event} (the kind's short name, such as {@code session-revoked} or {@code account-disabled}) and, as the
 * kind needs, {@code reasonAdmin}, {@code reasonUser}, {@code initiatingEntity}, {@code credentialType},
 * {@code changeType}, {@code claims} (claim name to attribute name), {@code namespace} and {@code attribute}
 * (see {@link EventAction}). {@code enabled} defaults to true. Unknown members are errors.
 *
 * <p>An identity change, in the shape of an "identity attributes changed" trigger:
 * <pre>{@code
 * {"identity": {"id": "2c91...", "name": "Ann", "type": "IDENTITY"},
 *  "changes": [{"attribute": "cloudLifecycleState", "oldValue": "active", "newValue": "inactive"}],
 *  "orgId": "acme", "profile": "Employees", "eventId": "evt-1", "occurredAt": "2026-03-01T12:00:00Z",
 *  "attributes": {"email": "ann@example.com"}}
 * }</pre>
 * Only {@code identity.id} and {@code changes} are required. The lifecycle states come from the change of the
 * configured lifecycle attribute; {@code identity.name} becomes the {@code name} attribute unless
 * {@code attributes} has one; without {@code eventId} the ID is a name-based UUID of the document's bytes, so the
 * same document sent twice is recognised as a replay.
 *
 * <p>Every error names the member it is about, such as {@code rules[2].when.all[1].lifecycleEntered: must not be
 * empty}; all errors of a document are reported at once as {@link SsfErrorCode#INVALID_REQUEST}. Thread-safe.
 */
public final class RuleJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleJson() {}

  /**
   * Reads a rule set.
   *
   * @param json the document
   * @return the validated rule set
   * @throws SsfException {@code INVALID_REQUEST} listing every invalid member by its path
   */
  public static RuleSet readRuleSet(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root = parse(json);
    List<FieldError> errors = new ArrayList<>();
    List<RevocationRule> rules = new ArrayList<>();
    if (!root.isObject()) {
      throw SsfException.invalid("", "must be a JSON object");
    }
    unknown(root, "", Set.of("rules"), errors);
    JsonNode list = root.get("rules");
    if (list == null || !list.isArray()) {
      errors.add(new FieldError("rules", "must be an array"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        RevocationRule rule = rule(list.get(i), "rules[" + i + "]", errors);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    try {
      return new RuleSet(rules);
    } catch (SsfException e) {
      throw e; // Duplicate names, already named rules[i].name.
    }
  }

  private static @Nullable RevocationRule rule(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError(path, "must be an object"));
      return null;
    }
    int before = errors.size();
    unknown(node, path, Set.of("name", "enabled", "when", "emit"), errors);
    String name = text(node, "name", path, errors);
    boolean enabled = true;
    JsonNode enabledNode = node.get("enabled");
    if (enabledNode != null) {
      if (enabledNode.isBoolean()) {
        enabled = enabledNode.booleanValue();
      } else {
        errors.add(new FieldError(path + ".enabled", "must be true or false"));
      }
    }
    Condition condition = null;
    JsonNode when = node.get("when");
    if (when == null) {
      errors.add(new FieldError(path + ".when", "must be present"));
    } else {
      condition = condition(when, path + ".when", errors);
    }
    List<EventAction> actions = new ArrayList<>();
    JsonNode emit = node.get("emit");
    if (emit == null || !emit.isArray() || emit.isEmpty()) {
      errors.add(new FieldError(path + ".emit", "must be a non-empty array of actions"));
    } else {
      for (int i = 0; i < emit.size(); i++) {
        EventAction action = action(emit.get(i), path + ".emit[" + i + "]", errors);
        if (action != null) {
          actions.add(action);
        }
      }
    }
    if (errors.size() > before || name == null || condition == null) {
      return null;
    }
    try {
      return new RevocationRule(name, condition, actions, enabled);
    } catch (SsfException e) {
      errors.addAll(e.under(path).fieldErrors());
      return null;
    }
  }

  private static @Nullable Condition condition(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isObject() || node.size() != 1) {
      errors.add(new FieldError(path, "must be an object with exactly one of all, any, not, profileIn,"
          + " lifecycleEntered, attributeChanged, attributeChangedTo, attributeChangedFrom, attributeMatches"));
      return null;
    }
    String key = node.fieldNames().next();
    JsonNode value = node.get(key);
    String at = path + "." + key;
    switch (key) {
      case "all", "any" -> {
        if (!value.isArray() || value.isEmpty()) {
          errors.add(new FieldError(at, "must be a non-empty array of conditions"));
          return null;
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          Condition c = condition(value.get(i), at + "[" + i + "]", errors);
          if (c != null) {
            conditions.add(c);
          }
        }
        if (conditions.size() != value.size()) {
          return null;
        }
        return key.equals("all") ? new Condition.All(conditions) : new Condition.Any(conditions);
      }
      case "not" -> {
        Condition inner = condition(value, at, errors);
        return inner == null ? null : new Condition.Not(inner);
      }
      case "profileIn", "lifecycleEntered" -> {
        Set<String> values = texts(value, at, errors);
        if (values == null) {
          return null;
        }
        return key.equals("profileIn") ? new Condition.ProfileIn(values) : new Condition.LifecycleEntered(values);
      }
      case "attributeChanged" -> {
        if (!value.isTextual() || value.textValue().isBlank()) {
          errors.add(new FieldError(at, "must be an attribute name"));
          return null;
        }
        return new Condition.AttributeChanged(value.textValue());
      }
      case "attributeChangedTo", "attributeChangedFrom", "attributeMatches" -> {
        String second = key.equals("attributeMatches") ? "regex" : "value";
        if (!value.isObject()) {
          errors.add(new FieldError(at, "must be an object with attribute and " + second));
          return null;
        }
        int before = errors.size();
        unknown(value, at, Set.of("attribute", second), errors);
        String attribute = text(value, "attribute", at, errors);
        JsonNode operand = value.get(second);
        if (operand == null || !(operand.isTextual() || operand.isNumber() || operand.isBoolean())) {
          errors.add(new FieldError(at + "." + second, "must be a string"));
        }
        if (errors.size() > before || attribute == null || operand == null) {
          return null;
        }
        String text = operand.asText();
        try {
          return switch (key) {
            case "attributeChangedTo" -> new Condition.AttributeChangedTo(attribute, text);
            case "attributeChangedFrom" -> new Condition.AttributeChangedFrom(attribute, text);
            default -> new Condition.AttributeMatches(attribute, text);
          };
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(at + "." + second, String.valueOf(e.getMessage())));
          return null;
        }
      }
      default -> {
        errors.add(new FieldError(at, "unknown condition"));
        return null;
      }
    }
  }

  private static @Nullable EventAction action(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError(path, "must be an object"));
      return null;
    }
    int before = errors.size();
    unknown(node, path, Set.of("event", "reasonAdmin", "reasonUser", "initiatingEntity", "credentialType",
        "changeType", "claims", "namespace", "attribute"), errors);
    String event = text(node, "event", path, errors);
    EventKind kind = null;
    if (event != null) {
      kind = EventKind.fromWireName(event).orElse(null);
      if (kind == null) {
        List<String> names = new ArrayList<>();
        for (EventKind k : EventKind.values()) {
          names.add(k.wireName());
        }
        errors.add(new FieldError(path + ".event", "unknown event " + event + "; one of " + names));
      }
    }
    LanguageMap reasonAdmin = languageMap(node.get("reasonAdmin"), path + ".reasonAdmin", errors);
    LanguageMap reasonUser = languageMap(node.get("reasonUser"), path + ".reasonUser", errors);
    InitiatingEntity entity = null;
    String entityText = optionalText(node, "initiatingEntity", path, errors);
    if (entityText != null) {
      for (InitiatingEntity e : InitiatingEntity.values()) {
        if (e.wireValue().equals(entityText)) {
          entity = e;
        }
      }
      if (entity == null) {
        errors.add(new FieldError(path + ".initiatingEntity", "must be one of admin, user, policy, system"));
      }
    }
    CaepEvent.CredentialChange.ChangeType changeType = null;
    String changeText = optionalText(node, "changeType", path, errors);
    if (changeText != null) {
      for (CaepEvent.CredentialChange.ChangeType t : CaepEvent.CredentialChange.ChangeType.values()) {
        if (t.wireValue().equals(changeText)) {
          changeType = t;
        }
      }
      if (changeType == null) {
        errors.add(new FieldError(path + ".changeType", "must be one of create, revoke, update, delete"));
      }
    }
    CredentialType credentialType = null;
    String credentialText = optionalText(node, "credentialType", path, errors);
    if (credentialText != null) {
      try {
        credentialType = new CredentialType(credentialText);
      } catch (RuntimeException e) {
        errors.add(new FieldError(path + ".credentialType", String.valueOf(e.getMessage())));
      }
    }
    AssuranceNamespace namespace = null;
    String namespaceText = optionalText(node, "namespace", path, errors);
    if (namespaceText != null) {
      try {
        namespace = new AssuranceNamespace(namespaceText);
      } catch (RuntimeException e) {
        errors.add(new FieldError(path + ".namespace", String.valueOf(e.getMessage())));
      }
    }
    Map<String, String> claims = new LinkedHashMap<>();
    JsonNode claimsNode = node.get("claims");
    if (claimsNode != null) {
      if (!claimsNode.isObject()) {
        errors.add(new FieldError(path + ".claims", "must be an object of claim name to attribute name"));
      } else {
        claimsNode.properties().forEach(e -> {
          if (e.getValue().isTextual()) {
            claims.put(e.getKey(), e.getValue().textValue());
          } else {
            errors.add(new FieldError(path + ".claims." + e.getKey(), "must be an attribute name"));
          }
        });
      }
    }
    String attribute = optionalText(node, "attribute", path, errors);
    if (errors.size() > before || kind == null) {
      return null;
    }
    try {
      return new EventAction(kind, reasonAdmin, reasonUser, entity, credentialType, changeType, claims, namespace,
          attribute);
    } catch (SsfException e) {
      errors.addAll(e.under(path).fieldErrors());
      return null;
    }
  }

  private static @Nullable LanguageMap languageMap(@Nullable JsonNode node, String path, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    if (!node.isObject() || node.isEmpty()) {
      errors.add(new FieldError(path, "must be a non-empty object of language tag to message"));
      return null;
    }
    Map<String, String> messages = new LinkedHashMap<>();
    node.properties().forEach(e -> {
      if (e.getValue().isTextual()) {
        messages.put(e.getKey(), e.getValue().textValue());
      } else {
        errors.add(new FieldError(path + "." + e.getKey(), "must be a string"));
      }
    });
    try {
      return new LanguageMap(messages);
    } catch (SsfException e) {
      errors.addAll(e.under(path).fieldErrors().isEmpty()
          ? List.of(new FieldError(path, String.valueOf(e.getMessage())))
          : e.under(path).fieldErrors());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(path, String.valueOf(e.getMessage())));
    }
    return null;
  }

  private static @Nullable Set<String> texts(JsonNode node, String path, List<FieldError> errors) {
    if (!node.isArray()) {
      errors.add(new FieldError(path, "must be an array of strings"));
      return null;
    }
    if (node.isEmpty()) {
      errors.add(new FieldError(path, "must not be empty"));
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual() || item.textValue().isBlank()) {
        errors.add(new FieldError(path + "[" + i + "]", "must be a non-blank string"));
        ok = false;
      } else {
        values.add(item.textValue());
      }
    }
    return ok ? values : null;
  }

  private static @Nullable String text(JsonNode node, String field, String path, List<FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      errors.add(new FieldError(join(path, field), "must be present"));
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      errors.add(new FieldError(join(path, field), "must be a non-blank string"));
      return null;
    }
    return value.textValue();
  }

  private static @Nullable String optionalText(JsonNode node, String field, String path, List<FieldError> errors) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : text(node, field, path, errors);
  }

  private static void unknown(JsonNode node, String path, Set<String> known, List<FieldError> errors) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(new FieldError(join(path, name), "unknown member"));
      }
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /**
   * Reads an identity change.
   *
   * @param json the document, in the shape described above
   * @param options how to fill what the document leaves out
   * @return the change
   * @throws SsfException {@code INVALID_REQUEST} listing every invalid member by its path
   */
  public static IdentityChange readIdentityChange(String json, IdentityChangeOptions options) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(options, "options");
    JsonNode root = parse(json);
    if (!root.isObject()) {
      throw SsfException.invalid("", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    unknown(root, "", Set.of("identity", "changes", "orgId", "profile", "eventId", "occurredAt", "attributes"),
        errors);
    IdentityChange.Builder builder = IdentityChange.builder().lifecycleAttribute(options.lifecycleAttribute());
    JsonNode identity = root.get("identity");
    String name = null;
    if (identity == null || !identity.isObject()) {
      errors.add(new FieldError("identity", "must be an object with id"));
    } else {
      String id = text(identity, "id", "identity", errors);
      if (id != null) {
        builder.identityId(id);
      }
      name = optionalText(identity, "name", "identity", errors);
    }
    JsonNode changes = root.get("changes");
    if (changes == null || !changes.isArray()) {
      errors.add(new FieldError("changes", "must be an array"));
    } else {
      for (int i = 0; i < changes.size(); i++) {
        String at = "changes[" + i + "]";
        JsonNode change = changes.get(i);
        if (!change.isObject()) {
          errors.add(new FieldError(at, "must be an object"));
          continue;
        }
        unknown(change, at, Set.of("attribute", "oldValue", "newValue"), errors);
        String attribute = text(change, "attribute", at, errors);
        if (attribute != null) {
          builder.changes(List.of(new AttributeChange(attribute, value(change.get("oldValue")),
              value(change.get("newValue")))));
        }
      }
    }
    JsonNode attributes = root.get("attributes");
    Map<String, Object> values = new LinkedHashMap<>();
    if (attributes != null) {
      if (!attributes.isObject()) {
        errors.add(new FieldError("attributes", "must be an object"));
      } else {
        attributes.properties().forEach(e -> {
          Object value = value(e.getValue());
          if (value != null) {
            values.put(e.getKey(), value);
          }
        });
      }
    }
    if (name != null) {
      values.putIfAbsent("name", name);
    }
    builder.attributes(values);
    builder.profile(optionalText(root, "profile", "", errors));
    String orgId = optionalText(root, "orgId", "", errors);
    if (orgId == null) {
      orgId = options.defaultOrgId();
    }
    if (orgId == null) {
      errors.add(new FieldError("orgId", "must be present"));
    } else {
      builder.orgId(orgId);
    }
    String eventId = optionalText(root, "eventId", "", errors);
    builder.sourceEventId(eventId != null
        ? eventId
        : UUID.nameUUIDFromBytes(json.getBytes(StandardCharsets.UTF_8)).toString());
    String occurredAt = optionalText(root, "occurredAt", "", errors);
    Instant at = options.clock().instant();
    if (occurredAt != null) {
      try {
        at = Instant.parse(occurredAt);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("occurredAt", "must be an RFC 3339 date-time such as 2026-03-01T12:00:00Z"));
      }
    }
    builder.occurredAt(at);
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    return builder.build();
  }

  private static @Nullable Object value(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return JSON.convertValue(node, Object.class);
  }

  /**
   * Writes an explanation as a JSON document: {@code sourceEventId}, {@code txn}, {@code alreadyProcessed},
   * {@code rules} (each with {@code rule}, {@code verdict}, and when not matched {@code mismatch},
   * {@code failedCondition} in the rule-file syntax and {@code reason}) and {@code events} (each with
   * {@code rule}, {@code event}, {@code eventType}, {@code verdict}, {@code text}, {@code subject} and
   * {@code streams}, each stream with {@code streamId}, {@code decision}, {@code receives}, {@code text} and, when
   * it receives the event, the {@code subject} its SET carries).
   * Enum values are written as their names.
   *
   * @param explanation the explanation
   * @return the JSON text
   */
  public static String writeExplanation(Explanation explanation) {
    Objects.requireNonNull(explanation, "explanation");
    ObjectNode root = JSON.createObjectNode();
    root.put("sourceEventId", explanation.sourceEventId());
    root.put("txn", explanation.txn());
    root.put("alreadyProcessed", explanation.alreadyProcessed());
    var rules = root.putArray("rules");
    for (Explanation.RuleExplanation rule : explanation.rules()) {
      ObjectNode node = rules.addObject();
      node.put("rule", rule.rule());
      node.put("verdict", rule.verdict().name());
      if (rule.mismatch() != null) {
        node.put("mismatch", rule.mismatch().name());
      }
      if (rule.failedCondition() != null) {
        node.set("failedCondition", JSON.valueToTree(conditionToMap(rule.failedCondition())));
      }
      if (!rule.reason().isEmpty()) {
        node.put("reason", rule.reason());
      }
    }
    var events = root.putArray("events");
    for (Explanation.EventExplanation event : explanation.events()) {
      ObjectNode node = events.addObject();
      node.put("rule", event.rule());
      node.put("event", event.kind().wireName());
      node.put("eventType", event.kind().eventType().uri());
      node.put("verdict", event.verdict().name());
      if (!event.text().isEmpty()) {
        node.put("text", event.text());
      }
      if (event.subject() != null) {
        node.set("subject", JSON.valueToTree(event.subject().toMap()));
      }
      var streams = node.putArray("streams");
      for (StreamDecision decision : event.streams()) {
        ObjectNode s = streams.addObject();
        s.put("streamId", decision.streamId().value());
        s.put("decision", decision.eligibility().name());
        s.put("receives", decision.eligibility().receives());
        s.put("text", decision.text());
        if (decision.subject() != null) {
          s.set("subject", JSON.valueToTree(decision.subject().toMap()));
        }
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an explanation", e);
    }
  }

  /**
   * Renders a condition in the rule-file syntax, such as {@code {"profileIn": ["Employees"]}}.
   *
   * @param condition the condition
   * @return its JSON-shaped map
   */
  public static Map<String, Object> conditionToMap(Condition condition) {
    Objects.requireNonNull(condition, "condition");
    if (condition instanceof Condition.All all) {
      return Map.of("all", all.conditions().stream().map(RuleJson::conditionToMap).toList());
    } else if (condition instanceof Condition.Any any) {
      return Map.of("any", any.conditions().stream().map(RuleJson::conditionToMap).toList());
    } else if (condition instanceof Condition.Not not) {
      return Map.of("not", conditionToMap(not.condition()));
    } else if (condition instanceof Condition.ProfileIn p) {
      return Map.of("profileIn", List.copyOf(p.profiles()));
    } else if (condition instanceof Condition.LifecycleEntered l) {
      return Map.of("lifecycleEntered", List.copyOf(l.states()));
    } else if (condition instanceof Condition.AttributeChanged c) {
      return Map.of("attributeChanged", c.attribute());
    } else if (condition instanceof Condition.AttributeChangedTo c) {
      return Map.of("attributeChangedTo", Map.of("attribute", c.attribute(), "value", c.value()));
    } else if (condition instanceof Condition.AttributeChangedFrom c) {
      return Map.of("attributeChangedFrom", Map.of("attribute", c.attribute(), "value", c.value()));
    } else {
      Condition.AttributeMatches m = (Condition.AttributeMatches) condition;
      return Map.of("attributeMatches", Map.of("attribute", m.attribute(), "regex", m.regex()));
    }
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw SsfException.invalid("", "must be a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SsfException(SsfErrorCode.INVALID_REQUEST, "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }
}
