package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.rules.Condition.All;
import io.ssfkit.rules.Condition.Any;
import io.ssfkit.rules.Condition.AttributeChanged;
import io.ssfkit.rules.Condition.AttributeChangedFrom;
import io.ssfkit.rules.Condition.AttributeChangedTo;
import io.ssfkit.rules.Condition.AttributeMatches;
import io.ssfkit.rules.Condition.LifecycleEntered;
import io.ssfkit.rules.Condition.Not;
import io.ssfkit.rules.Condition.ProfileIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MatchingTest {

  @Test
  @DisplayName("matches agrees with evaluate(...).matched() for every condition type, combinator and change")
  void matchesWhenAnyConditionThenSameAsEvaluate() {
    List<Condition> leaves = List.of(
        new ProfileIn(Set.of("Employees")),
        new ProfileIn(Set.of("Guests")),
        new LifecycleEntered(Set.of("inactive")),
        new LifecycleEntered(Set.of("active", "inactive")),
        new AttributeChanged("department"),
        new AttributeChanged("title"),
        new AttributeChangedTo("department", "b"),
        new AttributeChangedTo("department", "x"),
        new AttributeChangedFrom("department", "a"),
        new AttributeChangedFrom("department", "x"),
        new AttributeMatches(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "in.*"),
        new AttributeMatches(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "act"),
        new AttributeMatches("email", ".*@example\\.com"),
        new AttributeMatches("nick", "(.*a){12}")); // given up on the last change's nick: not matching
    List<Condition> conditions = new ArrayList<>(leaves);
    for (Condition a : leaves) {
      conditions.add(new Not(a));
      for (Condition b : leaves) {
        conditions.add(new All(List.of(a, b)));
        conditions.add(new Any(List.of(a, new Not(b))));
      }
    }
    List<IdentityChange> changes = List.of(
        TestChanges.lifecycle("active", "inactive").build(),
        TestChanges.lifecycle("inactive", "inactive").build(),
        TestChanges.lifecycle("inactive", "active").build(),
        TestChanges.attribute("department", "a", "b").build(),
        TestChanges.attribute("department", "a", "b").profile(null).build(),
        TestChanges.lifecycle("active", "inactive").profile("Guests").attribute("email", "u@example.com").build(),
        TestChanges.lifecycle("active", "inactive").attribute("nick", "a".repeat(40) + "b").build());
    int matched = 0;
    for (Condition condition : conditions) {
      for (IdentityChange change : changes) {
        boolean expected = condition.evaluate(change).matched();
        assertThat(Matching.matches(condition, change)).as("%s on %s", condition, change).isEqualTo(expected);
        matched += expected ? 1 : 0;
      }
    }
    assertThat(matched).as("both outcomes are covered").isPositive().isLessThan(conditions.size() * changes.size());
  }
}
