package io.ssfkit.rules;

import org.jspecify.annotations.Nullable;

/**
 * Whether a {@link Condition} matches, without the reason of a mismatch: what {@link RuleEngine#process} needs.
 * {@link Condition#evaluate} builds a human-readable reason for every condition that fails (texts of sets, of
 * nested conditions, of every alternative of an {@code any}) for explanations; a rule set of a thousand rules that
 * mostly do not match would build and drop a thousand such texts per change. The answer is the same as
 * {@code evaluate(change).matched()} for every condition (MatchingTest checks it).
 */
final class Matching {

  private Matching() {}

  /**
   * Tells whether the condition matches the change.
   *
   * @param condition the condition
   * @param change the change
   * @return {@code condition.evaluate(change).matched()}, computed without building reasons
   */
  static boolean matches(Condition condition, IdentityChange change) {
    if (condition instanceof Condition.All all) {
      for (Condition c : all.conditions()) {
        if (!matches(c, change)) {
          return false;
        }
      }
      return true;
    }
    if (condition instanceof Condition.ProfileIn profileIn) {
      return change.profile() != null && profileIn.profiles().contains(change.profile());
    }
    if (condition instanceof Condition.LifecycleEntered entered) {
      String after = change.lifecycleAfter();
      String before = change.lifecycleBefore();
      return after != null && entered.states().contains(after)
          && (before == null || !entered.states().contains(before));
    }
    if (condition instanceof Condition.AttributeChanged changed) {
      return find(change, changed.attribute()) != null;
    }
    if (condition instanceof Condition.AttributeChangedTo to) {
      AttributeChange c = find(change, to.attribute());
      return c != null && to.value().equals(c.newText());
    }
    if (condition instanceof Condition.AttributeChangedFrom from) {
      AttributeChange c = find(change, from.attribute());
      return c != null && from.value().equals(c.oldText());
    }
    if (condition instanceof Condition.AttributeMatches regex) {
      Object value = change.attributes().get(regex.attribute());
      return value != null && Patterns.match(regex.regex(), value.toString()) == Patterns.Match.MATCHES;
    }
    if (condition instanceof Condition.Any any) {
      for (Condition c : any.conditions()) {
        if (matches(c, change)) {
          return true;
        }
      }
      return false;
    }
    if (condition instanceof Condition.Not not) {
      return !matches(not.condition(), change);
    }
    return condition.evaluate(change).matched(); // Unreachable while Condition is sealed to the types above.
  }

  private static @Nullable AttributeChange find(IdentityChange change, String attribute) {
    for (AttributeChange c : change.changes()) {
      if (c.name().equals(attribute)) {
        return c;
      }
    }
    return null;
  }
}
