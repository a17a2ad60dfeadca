package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.rules.Condition.All;
import io.ssfkit.rules.Condition.Any;
import io.ssfkit.rules.Condition.AttributeChanged;
import io.ssfkit.rules.Condition.AttributeChangedFrom;
import io.ssfkit.rules.Condition.AttributeChangedTo;
import io.ssfkit.rules.Condition.AttributeMatches;
import io.ssfkit.rules.Condition.LifecycleEntered;
import io.ssfkit.rules.Condition.Not;
import io.ssfkit.rules.Condition.ProfileIn;
import io.ssfkit.rules.ConditionResult.Mismatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConditionTest {

  private static final LifecycleEntered LEFT = new LifecycleEntered(Set.of("inactive", "terminated"));

  @Nested
  @DisplayName("LifecycleEntered fires on the edge into a state (issue 5: rules fire on entering the state)")
  class Edge {

    @Test
    @DisplayName("entering one of the states matches")
    void evaluateWhenEnteringThenMatches() {
      assertThat(LEFT.evaluate(TestChanges.lifecycle("active", "inactive").build()).matched()).isTrue();
      assertThat(LEFT.evaluate(TestChanges.lifecycle("active", "terminated").build()).matched()).isTrue();
    }

    @Test
    @DisplayName("a change while already in one of the states does not match")
    void evaluateWhenAlreadyInStateThenAlreadyInState() {
      ConditionResult moved = LEFT.evaluate(TestChanges.lifecycle("inactive", "terminated").build());
      ConditionResult attributeOnly = LEFT.evaluate(IdentityChange.builder().identityId("id-1")
          .attribute(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "inactive").change("department", "a", "b")
          .occurredAt(TestChanges.AT).sourceEventId("e").orgId("o").build());

      assertThat(moved.mismatch()).isEqualTo(Mismatch.LIFECYCLE_ALREADY_IN_STATE);
      assertThat(attributeOnly.mismatch()).isEqualTo(Mismatch.LIFECYCLE_ALREADY_IN_STATE);
      assertThat(moved.failed()).isEqualTo(LEFT);
    }

    @Test
    @DisplayName("leaving a state, or moving between other states, does not match")
    void evaluateWhenLeavingThenNotInSet() {
      ConditionResult leaving = LEFT.evaluate(TestChanges.lifecycle("inactive", "active").build());
      ConditionResult other = LEFT.evaluate(TestChanges.lifecycle("prehire", "active").build());

      assertThat(leaving.mismatch()).isEqualTo(Mismatch.LIFECYCLE_STATE_NOT_IN_SET);
      assertThat(other.mismatch()).isEqualTo(Mismatch.LIFECYCLE_STATE_NOT_IN_SET);
      assertThat(leaving.reason()).contains("active").contains("inactive");
    }

    @Test
    @DisplayName("a new identity whose first state is in the set matches (no state before)")
    void evaluateWhenNoStateBeforeThenMatches() {
      IdentityChange created = IdentityChange.builder().identityId("id-2")
          .change(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, null, "inactive")
          .occurredAt(TestChanges.AT).sourceEventId("e").orgId("o").build();

      assertThat(LEFT.evaluate(created).matched()).isTrue();
    }

    @Test
    @DisplayName("the lifecycle attribute is configurable and explicit states win")
    void evaluateWhenOtherLifecycleAttributeThenUsesIt() {
      IdentityChange custom = IdentityChange.builder().identityId("id-1").lifecycleAttribute("status")
          .change("status", "active", "inactive").occurredAt(TestChanges.AT).sourceEventId("e").orgId("o").build();
      IdentityChange explicit = TestChanges.lifecycle("active", "inactive").lifecycle("inactive", "inactive").build();

      assertThat(custom.lifecycleBefore()).isEqualTo("active");
      assertThat(LEFT.evaluate(custom).matched()).isTrue();
      assertThat(LEFT.evaluate(explicit).mismatch()).isEqualTo(Mismatch.LIFECYCLE_ALREADY_IN_STATE);
    }
  }

  @Test
  @DisplayName("ProfileIn matches the identity's profile, not an unknown or other profile")
  void profileInWhenEvaluatedThenMatchesOnlyListedProfiles() {
    ProfileIn employees = new ProfileIn(Set.of("Employees", "Contractors"));

    assertThat(employees.evaluate(TestChanges.lifecycle("a", "b").build()).matched()).isTrue();
    assertThat(employees.evaluate(TestChanges.lifecycle("a", "b").profile("Guests").build()).mismatch())
        .isEqualTo(Mismatch.PROFILE_NOT_IN_SET);
    assertThat(employees.evaluate(TestChanges.lifecycle("a", "b").profile(null).build()).reason())
        .contains("unknown");
  }

  @Test
  @DisplayName("AttributeChanged matches only an attribute among the changes")
  void attributeChangedWhenEvaluatedThenMatchesChangedAttribute() {
    IdentityChange change = TestChanges.attribute("department", "Sales", "Legal").build();

    assertThat(new AttributeChanged("department").evaluate(change).matched()).isTrue();
    ConditionResult other = new AttributeChanged("manager").evaluate(change);
    assertThat(other.mismatch()).isEqualTo(Mismatch.ATTRIBUTE_NOT_CHANGED);
    assertThat(other.reason()).isEqualTo("attribute manager did not change");
  }

  @Test
  @DisplayName("AttributeChangedTo and AttributeChangedFrom compare the new and old values as text")
  void changedToAndFromWhenEvaluatedThenCompareValues() {
    IdentityChange change = TestChanges.attribute("riskScore", 10, 90).build();

    assertThat(new AttributeChangedTo("riskScore", "90").evaluate(change).matched()).isTrue();
    assertThat(new AttributeChangedTo("riskScore", "10").evaluate(change).mismatch())
        .isEqualTo(Mismatch.NEW_VALUE_DIFFERS);
    assertThat(new AttributeChangedTo("other", "10").evaluate(change).mismatch())
        .isEqualTo(Mismatch.ATTRIBUTE_NOT_CHANGED);
    assertThat(new AttributeChangedFrom("riskScore", "10").evaluate(change).matched()).isTrue();
    assertThat(new AttributeChangedFrom("riskScore", "90").evaluate(change).mismatch())
        .isEqualTo(Mismatch.OLD_VALUE_DIFFERS);
    assertThat(new AttributeChangedFrom("other", "90").evaluate(change).mismatch())
        .isEqualTo(Mismatch.ATTRIBUTE_NOT_CHANGED);
  }

  @Test
  @DisplayName("AttributeMatches matches the whole current value against the expression")
  void attributeMatchesWhenEvaluatedThenWholeValue() {
    IdentityChange change = TestChanges.attribute("email", "a@old.example", "a@corp.example").build();

    assertThat(new AttributeMatches("email", ".*@corp\\.example").evaluate(change).matched()).isTrue();
    assertThat(new AttributeMatches("email", "corp").evaluate(change).mismatch())
        .isEqualTo(Mismatch.VALUE_DOES_NOT_MATCH);
    assertThat(new AttributeMatches("phone", ".*").evaluate(change).mismatch()).isEqualTo(Mismatch.ATTRIBUTE_ABSENT);
    assertThatThrownBy(() -> new AttributeMatches("email", "(")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("regex");
  }

  @Test
  @Timeout(60) // A guard against a hang, should the step budget not hold; not a measure of speed.
  @DisplayName("AttributeMatches gives up a match that backtracks past its budget: not matching, and explained")
  void attributeMatchesWhenCatastrophicBacktrackingThenGivenUp() {
    IdentityChange change = TestChanges.lifecycle("active", "inactive").attribute("nick", "a".repeat(40) + "b")
        .build();
    AttributeMatches redos = new AttributeMatches("nick", "(.*a){12}");

    ConditionResult result = redos.evaluate(change);

    assertThat(result.mismatch()).isEqualTo(Mismatch.MATCH_GIVEN_UP);
    assertThat(result.reason()).contains("(.*a){12}", "nick", "given up").doesNotContain("aaaa");
    assertThat(new Not(redos).evaluate(change).matched()).as("counts as not matching").isTrue();
  }

  @Test
  @DisplayName("All matches when every condition does and reports the first that fails")
  void allWhenOneFailsThenReportsIt() {
    ProfileIn guests = new ProfileIn(Set.of("Guests"));
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();

    assertThat(new All(List.of(new ProfileIn(Set.of("Employees")), LEFT)).evaluate(change).matched()).isTrue();
    ConditionResult failed = new All(List.of(LEFT, guests)).evaluate(change);
    assertThat(failed.failed()).isEqualTo(guests);
    assertThat(failed.mismatch()).isEqualTo(Mismatch.PROFILE_NOT_IN_SET);
  }

  @Test
  @DisplayName("Any matches when one condition does, otherwise names every reason")
  void anyWhenNoneMatchThenNoAlternative() {
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();
    Any any = new Any(List.of(new ProfileIn(Set.of("Guests")), new AttributeChanged("department")));

    assertThat(new Any(List.of(new ProfileIn(Set.of("Guests")), LEFT)).evaluate(change).matched()).isTrue();
    ConditionResult failed = any.evaluate(change);
    assertThat(failed.mismatch()).isEqualTo(Mismatch.NO_ALTERNATIVE_MATCHED);
    assertThat(failed.failed()).isEqualTo(any);
    assertThat(failed.reason()).contains("Guests").contains("department");
  }

  @Test
  @DisplayName("Not inverts its condition")
  void notWhenEvaluatedThenInverts() {
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();
    Not notGuests = new Not(new ProfileIn(Set.of("Guests")));
    Not notEmployees = new Not(new ProfileIn(Set.of("Employees")));

    assertThat(notGuests.evaluate(change).matched()).isTrue();
    assertThat(notEmployees.evaluate(change).mismatch()).isEqualTo(Mismatch.NEGATED_CONDITION_MATCHED);
  }

  @Test
  @DisplayName("conditions are validated at construction")
  void constructWhenInvalidThenRefused() {
    assertThatThrownBy(() -> new ProfileIn(Set.of())).hasMessage("profiles must not be empty");
    assertThatThrownBy(() -> new LifecycleEntered(Set.of(" "))).hasMessage("states element must not be blank");
    assertThatThrownBy(() -> new AttributeChanged("")).hasMessage("attribute must not be blank");
    assertThatThrownBy(() -> new All(List.of())).hasMessage("all must not be empty");
    assertThatThrownBy(() -> new Any(List.of())).hasMessage("any must not be empty");
  }
}
