package io.ssfkit.jackson.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.AssuranceNamespace;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.CredentialType;
import io.ssfkit.event.InitiatingEntity;
import io.ssfkit.event.LanguageMap;
import io.ssfkit.rules.Condition;
import io.ssfkit.rules.EventAction;
import io.ssfkit.rules.EventKind;
import io.ssfkit.rules.Explanation;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.rules.ConditionResult;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamEligibility;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleJsonTest {

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T00:00:00Z"));

  private static List<String> errors(Runnable read) {
    try {
      read.run();
    } catch (SsfException e) {
      assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST);
      return e.fieldErrors().stream().map(FieldError::toString).toList();
    }
    throw new AssertionError("no error");
  }

  @Test
  @DisplayName("a rule set reads every condition, combinator and action member")
  void readRuleSetWhenValidThenEveryPart() {
    RuleSet rules = RuleJson.readRuleSet("""
        {"rules": [
          {"name": "leavers",
           "when": {"all": [{"profileIn": ["Employees"]}, {"lifecycleEntered": ["inactive", "terminated"]}]},
           "emit": [{"event": "session-revoked", "reasonAdmin": {"en": "Identity ${identity.id} left"},
                     "reasonUser": {"en": "Bye"}, "initiatingEntity": "policy"}]},
          {"name": "movers", "enabled": false,
           "when": {"any": [{"attributeChanged": "department"},
                            {"not": {"attributeChangedTo": {"attribute": "riskScore", "value": 10}}},
                            {"attributeChangedFrom": {"attribute": "x", "value": "y"}},
                            {"attributeMatches": {"attribute": "email", "regex": ".*@corp\\\\.example"}}]},
           "emit": [{"event": "credential-change", "credentialType": "password", "changeType": "revoke"},
                    {"event": "token-claims-change", "claims": {"dept": "department"}},
                    {"event": "assurance-level-change", "namespace": "NIST-AAL", "attribute": "aal"},
                    {"event": "account-disabled"}, {"event": "account-enabled"}, {"event": "account-purged"},
                    {"event": "identifier-changed", "attribute": "mail"}]}]}""");

    assertThat(rules.rules().get(0)).isEqualTo(new RevocationRule("leavers",
        new Condition.All(List.of(new Condition.ProfileIn(Set.of("Employees")),
            new Condition.LifecycleEntered(Set.of("inactive", "terminated")))),
        List.of(EventAction.builder(EventKind.SESSION_REVOKED)
            .reasonAdmin(LanguageMap.of("en", "Identity ${identity.id} left")).reasonUser(LanguageMap.of("en", "Bye"))
            .initiatingEntity(InitiatingEntity.POLICY).build()), true));
    RevocationRule movers = rules.rules().get(1);
    assertThat(movers.enabled()).isFalse();
    assertThat(movers.condition()).isEqualTo(new Condition.Any(List.of(new Condition.AttributeChanged("department"),
        new Condition.Not(new Condition.AttributeChangedTo("riskScore", "10")),
        new Condition.AttributeChangedFrom("x", "y"),
        new Condition.AttributeMatches("email", ".*@corp\\.example"))));
    assertThat(movers.actions()).extracting(EventAction::kind).containsExactly(EventKind.CREDENTIAL_CHANGE,
        EventKind.TOKEN_CLAIMS_CHANGE, EventKind.ASSURANCE_LEVEL_CHANGE, EventKind.ACCOUNT_DISABLED,
        EventKind.ACCOUNT_ENABLED, EventKind.ACCOUNT_PURGED, EventKind.IDENTIFIER_CHANGED);
    assertThat(movers.actions().get(0).credentialType()).isEqualTo(CredentialType.PASSWORD);
    assertThat(movers.actions().get(0).changeType()).isEqualTo(CaepEvent.CredentialChange.ChangeType.REVOKE);
    assertThat(movers.actions().get(1).claims()).containsEntry("dept", "department");
    assertThat(movers.actions().get(2).namespace()).isEqualTo(AssuranceNamespace.NIST_AAL);
    assertThat(movers.actions().get(6).attribute()).isEqualTo("mail");
  }

  @Test
  @DisplayName("rule errors point at the rule and field, all at once")
  void readRuleSetWhenInvalidThenPathsToEveryError() {
    assertThat(errors(() -> RuleJson.readRuleSet("""
        {"rules": [
          {"name": "ok", "when": {"attributeChanged": "a"}, "emit": [{"event": "session-revoked"}]},
          {"name": " ", "when": {"attributeChanged": "a"}, "emit": []},
          {"name": "r2", "when": {"all": [{"profileIn": ["P"]}, {"lifecycleEntered": []}]},
           "emit": [{"event": "session-revokd"}, {"event": "account-purged", "reasonAdmin": {"en": "x"}}]},
          {"name": "r3", "when": {"any": [{"attributeMatches": {"attribute": "e", "regex": "("}}, {"bogus": 1}],
                                  "not": {}},
           "emit": [{"event": "session-revoked", "reasonAdmin": {"en": "${identity.idd}"}, "extra": 1}],
           "enabled": "yes"},
          {"name": "ok", "when": {"attributeChanged": "a"}, "emit": [{"event": "account-enabled"}]}]}""")))
        .containsExactly(
            "rules[1].name: must be a non-blank string",
            "rules[1].emit: must be a non-empty array of actions",
            "rules[2].when.all[1].lifecycleEntered: must not be empty",
            "rules[2].emit[0].event: unknown event session-revokd; one of [session-revoked, credential-change,"
                + " token-claims-change, assurance-level-change, account-disabled, account-enabled,"
                + " account-purged, identifier-changed]",
            "rules[2].emit[1].reasonAdmin: the RISC account-purged event has no such member",
            "rules[3].enabled: must be true or false",
            "rules[3].when: must be an object with exactly one of all, any, not, profileIn, lifecycleEntered,"
                + " attributeChanged, attributeChangedTo, attributeChangedFrom, attributeMatches",
            "rules[3].emit[0].extra: unknown member");
    assertThat(errors(() -> RuleJson.readRuleSet("""
        {"rules": [{"name": "r", "when": {"any": [{"attributeMatches": {"attribute": "e", "regex": "("}},
                                                  {"bogus": 1}]},
                    "emit": [{"event": "session-revoked", "reasonAdmin": {"en": "${identity.idd}"}}]}]}""")))
        .containsExactly(
            "rules[0].when.any[0].attributeMatches.regex: regex is not a valid regular expression: Unclosed group",
            "rules[0].when.any[1].bogus: unknown condition",
            "rules[0].emit[0].reasonAdmin.en: unknown placeholder ${identity.idd}");
    assertThat(errors(() -> RuleJson.readRuleSet("""
        {"rules": [{"name": "r", "when": {"attributeChanged": "a"}, "emit": [{"event": "account-enabled"}]},
                   {"name": "r", "when": {"attributeChanged": "a"}, "emit": [{"event": "account-enabled"}]}]}""")))
        .containsExactly("rules[1].name: duplicate rule name r");
    assertThat(errors(() -> RuleJson.readRuleSet("{\"rule\": []}")))
        .containsExactly("rule: unknown member", "rules: must be an array");
    assertThatThrownBy(() -> RuleJson.readRuleSet("{nope")).hasMessageStartingWith("malformed JSON")
        .asInstanceOf(type(SsfException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST));
  }

  @Test
  @DisplayName("an identity-attributes-changed trigger reads with the lifecycle from cloudLifecycleState")
  void readIdentityChangeWhenTriggerShapeThenLifecycleDerived() {
    IdentityChange change = RuleJson.readIdentityChange("""
        {"identity": {"id": "id-1", "name": "Ann", "type": "IDENTITY"},
         "changes": [{"attribute": "cloudLifecycleState", "oldValue": "active", "newValue": "inactive"},
                     {"attribute": "email", "oldValue": null, "newValue": "ann@example.com"},
                     {"attribute": "riskScore", "oldValue": 10, "newValue": 90}],
         "orgId": "org-1", "profile": "Employees", "eventId": "evt-1", "occurredAt": "2026-03-01T12:00:00Z",
         "attributes": {"department": "Legal"}}""", IdentityChangeOptions.ofDefaults(clock));

    assertThat(change.identityId()).isEqualTo("id-1");
    assertThat(change.profile()).isEqualTo("Employees");
    assertThat(change.lifecycleBefore()).isEqualTo("active");
    assertThat(change.lifecycleAfter()).isEqualTo("inactive");
    assertThat(change.sourceEventId()).isEqualTo("evt-1");
    assertThat(change.orgId()).isEqualTo("org-1");
    assertThat(change.occurredAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(change.attributes()).containsEntry("department", "Legal").containsEntry("name", "Ann")
        .containsEntry("email", "ann@example.com").containsEntry("riskScore", 90);
    assertThat(change.change("riskScore").orElseThrow().oldValue()).isEqualTo(10);
  }

  @Test
  @DisplayName("defaults: org from the options, time from the clock, a stable event ID, another lifecycle attribute")
  void readIdentityChangeWhenMinimalThenDefaults() {
    String json = """
        {"identity": {"id": "id-1"}, "changes": [{"attribute": "status", "oldValue": "a", "newValue": "b"}]}""";
    IdentityChangeOptions options = new IdentityChangeOptions(null, "status", clock).withDefaultOrgId("org-9");

    IdentityChange first = RuleJson.readIdentityChange(json, options);
    IdentityChange second = RuleJson.readIdentityChange(json, options);

    assertThat(first.orgId()).isEqualTo("org-9");
    assertThat(first.occurredAt()).isEqualTo(clock.instant());
    assertThat(first.lifecycleAfter()).isEqualTo("b");
    assertThat(first.profile()).isNull();
    assertThat(first.sourceEventId()).isEqualTo(second.sourceEventId());
  }

  @Test
  @DisplayName("identity-change errors name every invalid member")
  void readIdentityChangeWhenInvalidThenEveryError() {
    assertThat(errors(() -> RuleJson.readIdentityChange("""
        {"identity": {"name": "x"}, "changes": [{"oldValue": 1}, 3], "occurredAt": "yesterday", "x": 1}""",
        IdentityChangeOptions.ofDefaults(clock))))
        .containsExactly(
            "x: unknown member",
            "identity.id: must be present",
            "changes[0].attribute: must be present",
            "changes[1]: must be an object",
            "orgId: must be present",
            "occurredAt: must be an RFC 3339 date-time such as 2026-03-01T12:00:00Z");
  }

  @Test
  @DisplayName("an explanation writes rule verdicts with the failed condition and stream decisions with reasons")
  void writeExplanationWhenWrittenThenMachineReadable() throws Exception {
    Condition guests = new Condition.ProfileIn(Set.of("Guests"));
    Explanation explanation = new Explanation("evt-1", "txn-1", false,
        List.of(new Explanation.RuleExplanation("leavers", Explanation.RuleVerdict.MATCHED, null, null, ""),
            new Explanation.RuleExplanation("guests", Explanation.RuleVerdict.NOT_MATCHED,
                ConditionResult.Mismatch.PROFILE_NOT_IN_SET, guests, "identity profile P is not in [Guests]")),
        List.of(new Explanation.EventExplanation("leavers", EventKind.SESSION_REVOKED,
            Explanation.EventVerdict.PUBLISHED, "", SubjectIdentifier.email("ann@example.com"),
            List.of(new StreamDecision(StreamId.of("s1"), StreamEligibility.HELD_WHILE_PAUSED,
                    SubjectIdentifier.issSub("https://tr.example.com", "id-1")),
                new StreamDecision(StreamId.of("s2"), StreamEligibility.EVENT_TYPE_NOT_DELIVERED, null)))));

    JsonNode json = new ObjectMapper().readTree(RuleJson.writeExplanation(explanation));

    assertThat(json.at("/txn").asText()).isEqualTo("txn-1");
    assertThat(json.at("/rules/1/verdict").asText()).isEqualTo("NOT_MATCHED");
    assertThat(json.at("/rules/1/mismatch").asText()).isEqualTo("PROFILE_NOT_IN_SET");
    assertThat(json.at("/rules/1/failedCondition/profileIn/0").asText()).isEqualTo("Guests");
    assertThat(json.at("/rules/0/reason").isMissingNode()).isTrue();
    assertThat(json.at("/events/0/eventType").asText()).endsWith("/session-revoked");
    assertThat(json.at("/events/0/subject/format").asText()).isEqualTo("email");
    assertThat(json.at("/events/0/streams/0/decision").asText()).isEqualTo("HELD_WHILE_PAUSED");
    assertThat(json.at("/events/0/streams/0/receives").asBoolean()).isTrue();
    assertThat(json.at("/events/0/streams/0/subject/format").asText()).as("the identifier this stream gets")
        .isEqualTo("iss_sub");
    assertThat(json.at("/events/0/streams/1/subject").isMissingNode()).isTrue();
    assertThat(json.at("/events/0/streams/1/text").asText()).isEqualTo("event type not in events_delivered");
    assertThat(RuleJson.conditionToMap(new Condition.Not(new Condition.AttributeChangedTo("a", "b"))))
        .isEqualTo(Map.of("not", Map.of("attributeChangedTo", Map.of("attribute", "a", "value", "b"))));
  }
}
