package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rule index only narrows: every rule that matches a change is among its candidates, in rule order. */
class RuleIndexTest {

  private static final String[] ATTRIBUTES = {"department", "title", "location"};
  private static final String[] VALUES = {"x", "y", "x1", "xy", "xyz", "xz", "y1"};
  private static final String[] REGEXES = {"[xy]", "x[0-9]*", "xy.*", "y", "xy?z", "x", "xy", "x.", ".*z", "y1|x"};
  private static final String[] PROFILES = {"Employees", "Contractors"};
  private static final String[] STATES = {"active", "inactive", "terminated"};

  private final Random random = new Random(20261203);

  @Test
  @DisplayName("random rule sets × random changes: candidates ⊇ matching rules, in rule-set order")
  void candidatesWhenRandomRulesAndChangesThenEveryMatchingRuleIsACandidate() {
    for (int round = 0; round < 200; round++) {
      List<RevocationRule> rules = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        rules.add(RevocationRule.builder("rule-" + i).when(condition(3))
            .emit(EventAction.of(EventKind.SESSION_REVOKED)).enabled(random.nextInt(10) > 0).build());
      }
      RuleSet ruleSet = new RuleSet(rules);
      RuleIndex index = new RuleIndex(ruleSet);
      for (int c = 0; c < 50; c++) {
        IdentityChange change = change();
        List<RevocationRule> candidates = index.candidates(change);
        List<RevocationRule> matching = rules.stream()
            .filter(r -> r.enabled() && Matching.matches(r.condition(), change)).toList();

        assertThat(candidates).containsAll(matching).doesNotHaveDuplicates();
        assertThat(candidates).allMatch(RevocationRule::enabled);
        assertThat(rules.stream().filter(candidates::contains).toList()).isEqualTo(candidates);
      }
    }
  }

  @Test
  void candidatesWhenNothingRelevantChangedThenGatedRulesAreSkipped() {
    RevocationRule leavers = RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive"));
    RevocationRule title = RevocationRule.builder("title").when(new Condition.AttributeChanged("title"))
        .emit(EventAction.of(EventKind.SESSION_REVOKED)).build();
    RevocationRule notEmployee = RevocationRule.builder("not-employee")
        .when(new Condition.Not(new Condition.ProfileIn(Set.of("Employees"))))
        .emit(EventAction.of(EventKind.SESSION_REVOKED)).build();
    RuleIndex index = new RuleIndex(RuleSet.of(leavers, title, notEmployee));

    IdentityChange departmentOnly = base().change("department", "a", "b").build();

    assertThat(index.candidates(departmentOnly)).containsExactly(notEmployee);
  }

  @Test
  @DisplayName("value facts gate: changed to or from another value, or a value without the literal prefix, "
      + "is no candidate")
  void candidatesWhenValuesDifferThenValueGatedRulesAreSkipped() {
    RevocationRule toSales = rule("to-sales", new Condition.All(List.of(
        new Condition.LifecycleEntered(Set.of("inactive")), new Condition.AttributeChangedTo("department", "Sales"))));
    RevocationRule fromSales = rule("from-sales", new Condition.AttributeChangedFrom("department", "Sales"));
    RevocationRule site = rule("site", new Condition.AttributeMatches("location", "Site-4[0-9]-[A-Z]+"));
    RuleIndex index = new RuleIndex(RuleSet.of(toSales, fromSales, site));

    IdentityChange other = base().lifecycle("active", "inactive").change("department", "Legal", "Finance")
        .attribute("location", "Site-39-HQ").build();
    IdentityChange matching = base().lifecycle("active", "inactive").change("department", "Sales", "Sales")
        .attribute("location", "Site-42-HQ").build();

    assertThat(index.candidates(other)).isEmpty();
    assertThat(index.candidates(matching)).containsExactly(toSales, fromSales, site);
  }

  @Test
  @DisplayName("blockers: a change with the negated profile, or with a fact every alternative negates, "
      + "is no candidate")
  void candidatesWhenNegatedFactPresentThenRuleIsSkipped() {
    RevocationRule notEmployees = rule("not-employees", new Condition.All(List.of(
        new Condition.Not(new Condition.ProfileIn(Set.of("Employees"))),
        new Condition.LifecycleEntered(Set.of("inactive")))));
    RevocationRule eitherNot = rule("either-not", new Condition.Any(List.of(
        new Condition.Not(new Condition.AttributeChanged("title")),
        new Condition.All(List.of(new Condition.AttributeMatches("title", ".*"),
            new Condition.Not(new Condition.AttributeChanged("title")))))));
    RuleIndex index = new RuleIndex(RuleSet.of(notEmployees, eitherNot));

    IdentityChange employee = base().profile("Employees").lifecycle("active", "inactive")
        .change("title", "a", "b").build();
    IdentityChange contractor = base().profile("Contractors").lifecycle("active", "inactive").build();

    assertThat(index.candidates(employee)).isEmpty();
    assertThat(index.candidates(contractor)).containsExactly(notEmployees, eitherNot);
  }

  @Test
  @DisplayName("a lifecycle state that did not change enters nothing: no lifecycle-gated candidate")
  void candidatesWhenLifecycleUnchangedThenEnteredGateIsClosed() {
    RevocationRule entered = rule("entered", new Condition.LifecycleEntered(Set.of("inactive")));
    RuleIndex index = new RuleIndex(RuleSet.of(entered));

    assertThat(index.candidates(base().lifecycle("inactive", "inactive").build())).isEmpty();
    assertThat(index.candidates(base().lifecycle("active", "inactive").build())).containsExactly(entered);
  }

  private static RevocationRule rule(String name, Condition condition) {
    return RevocationRule.builder(name).when(condition).emit(EventAction.of(EventKind.SESSION_REVOKED)).build();
  }

  private Condition condition(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 6);
    return switch (kind) {
      case 0 -> new Condition.ProfileIn(Set.of(pick(PROFILES)));
      case 1 -> new Condition.LifecycleEntered(Set.of(pick(STATES)));
      case 2 -> new Condition.AttributeChanged(pick(ATTRIBUTES));
      case 3 -> new Condition.AttributeChangedTo(pick(ATTRIBUTES), pick(VALUES));
      case 4 -> new Condition.AttributeChangedFrom(pick(ATTRIBUTES), pick(VALUES));
      case 5 -> new Condition.AttributeMatches(pick(ATTRIBUTES), pick(REGEXES));
      case 6 -> new Condition.All(List.of(condition(depth - 1), condition(depth - 1)));
      case 7 -> new Condition.Any(List.of(condition(depth - 1), condition(depth - 1)));
      default -> new Condition.Not(condition(depth - 1));
    };
  }

  private IdentityChange change() {
    IdentityChange.Builder change = base();
    if (random.nextBoolean()) {
      change.profile(pick(PROFILES));
    }
    change.lifecycle(random.nextBoolean() ? pick(STATES) : null, random.nextBoolean() ? pick(STATES) : null);
    for (String attribute : ATTRIBUTES) {
      int what = random.nextInt(3);
      if (what == 0) {
        change.change(attribute, random.nextInt(5) == 0 ? null : pick(VALUES),
            random.nextInt(5) == 0 ? null : pick(VALUES));
      } else if (what == 1) {
        change.attribute(attribute, pick(VALUES));
      }
    }
    return change.build();
  }

  private static IdentityChange.Builder base() {
    return IdentityChange.builder().identityId("id-1").orgId("org").sourceEventId("evt")
        .occurredAt(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
