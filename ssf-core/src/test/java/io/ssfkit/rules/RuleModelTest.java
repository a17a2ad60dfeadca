package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.CredentialType;
import io.ssfkit.event.LanguageMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleModelTest {

  @Test
  @DisplayName("an action reports every problem at once, unknown template placeholders included")
  void eventActionWhenInvalidThenEveryProblem() {
    assertThatThrownBy(() -> EventAction.builder(EventKind.CREDENTIAL_CHANGE)
            .reasonAdmin(LanguageMap.of("en", "Identity ${identiy.id} ${attribute.} ${oops"))
            .attribute("x")
            .build())
        .asInstanceOf(type(SsfException.class))
        .extracting(SsfException::fieldErrors, org.assertj.core.api.InstanceOfAssertFactories.list(FieldError.class))
        .extracting(FieldError::toString)
        .containsExactly(
            "reasonAdmin.en: unknown placeholder ${identiy.id}",
            "reasonAdmin.en: unknown placeholder ${attribute.}",
            "reasonAdmin.en: unterminated placeholder at index 37",
            "credentialType: must be present for credential-change",
            "changeType: must be present for credential-change",
            "attribute: applies only to another event kind, not to credential-change");
  }

  @Test
  @DisplayName("CAEP-4: session-revoked and credential-change always carry reason_admin; RISC kinds carry no reasons")
  void eventActionWhenDefaultsThenReasonAdminAndNoRiscReasons() {
    assertThat(EventAction.of(EventKind.SESSION_REVOKED).reasonAdmin()).isEqualTo(EventAction.DEFAULT_REASON_ADMIN);
    assertThat(EventAction.of(EventKind.ACCOUNT_PURGED).reasonAdmin()).isNull();
    assertThat(EventAction.of(EventKind.IDENTIFIER_CHANGED).attribute()).isEqualTo("email");
    assertThatThrownBy(() -> EventAction.builder(EventKind.ACCOUNT_DISABLED).reasonAdmin(LanguageMap.of("en", "x"))
        .build()).hasMessage("reasonAdmin: the RISC account-disabled event has no such member");
    assertThatThrownBy(() -> EventAction.of(EventKind.TOKEN_CLAIMS_CHANGE))
        .hasMessage("claims: must be present for token-claims-change");
    assertThatThrownBy(() -> EventAction.of(EventKind.ASSURANCE_LEVEL_CHANGE))
        .hasMessage("namespace: must be present for assurance-level-change;"
            + " attribute: must be present for assurance-level-change");
  }

  @Test
  @DisplayName("a rule needs a name, a condition and at least one action, one per event kind")
  void revocationRuleWhenInvalidThenEveryProblem() {
    assertThatThrownBy(() -> RevocationRule.builder(" ").build())
        .hasMessage("name: must not be blank; when: must be present; emit: must hold at least one action");
    assertThatThrownBy(() -> RevocationRule.builder("r").when(new Condition.AttributeChanged("a"))
            .emit(EventAction.of(EventKind.SESSION_REVOKED)).emit(EventAction.of(EventKind.SESSION_REVOKED)).build())
        .hasMessage("emit[1].event: duplicate event session-revoked");
  }

  @Test
  @DisplayName("the product's rule is All(ProfileIn, LifecycleEntered) -> session-revoked; builder round-trips")
  void lifecycleWhenCreatedThenProductCondition() {
    RevocationRule rule = RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive", "terminated"));

    assertThat(rule.condition()).isEqualTo(new Condition.All(List.of(new Condition.ProfileIn(Set.of("Employees")),
        new Condition.LifecycleEntered(Set.of("inactive", "terminated")))));
    assertThat(rule.actions()).containsExactly(EventAction.of(EventKind.SESSION_REVOKED));
    assertThat(rule.enabled()).isTrue();
    assertThat(rule.toBuilder().build()).usingRecursiveComparison().isEqualTo(rule);
    EventAction action = EventAction.builder(EventKind.CREDENTIAL_CHANGE).credentialType(CredentialType.PIN)
        .changeType(io.ssfkit.event.CaepEvent.CredentialChange.ChangeType.CREATE).build();
    assertThat(action.toBuilder().build()).usingRecursiveComparison().isEqualTo(action);
  }

  @Test
  @DisplayName("a rule set refuses duplicate rule names, naming the index")
  void ruleSetWhenDuplicateNamesThenRefused() {
    RevocationRule rule = RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive"));

    assertThatThrownBy(() -> RuleSet.of(rule, rule)).hasMessage("rules[1].name: duplicate rule name leavers");
    assertThat(RuleSet.of(rule).rule("leavers")).contains(rule);
    assertThat(RuleSet.empty().rules()).isEmpty();
  }

  @Test
  @DisplayName("an identity change reports every missing field and merges new values into the attributes")
  void identityChangeWhenBuiltThenValidatedAndMerged() {
    assertThatThrownBy(() -> IdentityChange.builder().change("a", 1, 2).change("a", 2, 3).build())
        .hasMessage("identityId: must be present; sourceEventId: must be present; orgId: must be present;"
            + " occurredAt: must be present; changes[1].name: duplicate attribute a");
    IdentityChange change = TestChanges.attribute("department", "Sales", "Legal").attribute("email", "a@b.example")
        .build();

    assertThat(change.attributes()).containsEntry("department", "Legal").containsEntry("email", "a@b.example");
    assertThat(change.lifecycleBefore()).isEqualTo("active").isEqualTo(change.lifecycleAfter());
  }
}
