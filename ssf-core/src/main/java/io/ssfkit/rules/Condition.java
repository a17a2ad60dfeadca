package io.ssfkit.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a {@link RevocationRule} fires: a condition on an {@link IdentityChange}. The product's condition is
 * {@code All(ProfileIn, LifecycleEntered)} (see {@link RevocationRule#lifecycle}); attribute conditions and the
 * combinators {@link All}, {@link Any} and {@link Not} go further.
 *
 * <p>Each record validates its members when constructed. Evaluation is pure and thread-safe, and it says which
 * condition failed and why ({@link ConditionResult}). Values are compared as text ({@code toString()} of the
 * attribute value), exactly and case-sensitively.
 */
public sealed interface Condition {

  /**
   * Evaluates the condition on a change.
   *
   * @param change the identity change
   * @return whether it matched, and if not which condition failed and why
   */
  ConditionResult evaluate(IdentityChange change);

  /**
   * Matches when the identity's profile is one of the given profiles.
   *
   * @param profiles the identity profiles (names or IDs, as the change carries them); not empty
   */
  record ProfileIn(Set<String> profiles) implements Condition {

    /**
     * Validates and copies the profiles.
     *
     * @param profiles the profiles
     * @throws IllegalArgumentException if empty or a profile is blank
     */
    public ProfileIn {
      profiles = texts("profiles", profiles);
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      if (change.profile() != null && profiles.contains(change.profile())) {
        return ConditionResult.matches();
      }
      return ConditionResult.fails(this, ConditionResult.Mismatch.PROFILE_NOT_IN_SET,
          "identity profile " + (change.profile() == null ? "is unknown" : change.profile() + " is not in " + profiles));
    }
  }

  /**
   * Matches on the edge into one of the given lifecycle states: the state after the change is in the set and
   * the state before is not. A change while already in one of the states does not match, nor does leaving.
   *
   * @param states the lifecycle states, such as {@code inactive}; not empty
   */
  record LifecycleEntered(Set<String> states) implements Condition {

    /**
     * Validates and copies the states.
     *
     * @param states the states
     * @throws IllegalArgumentException if empty or a state is blank
     */
    public LifecycleEntered {
      states = texts("states", states);
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      String after = change.lifecycleAfter();
      if (after == null || !states.contains(after)) {
        return ConditionResult.fails(this, ConditionResult.Mismatch.LIFECYCLE_STATE_NOT_IN_SET,
            "lifecycle state after the change (" + after + ") is not in " + states);
      }
      String before = change.lifecycleBefore();
      if (before != null && states.contains(before)) {
        return ConditionResult.fails(this, ConditionResult.Mismatch.LIFECYCLE_ALREADY_IN_STATE,
            "identity was already in lifecycle state " + before + " before the change");
      }
      return ConditionResult.matches();
    }
  }

  /**
   * Matches when the attribute is among the changes.
   *
   * @param attribute the attribute name
   */
  record AttributeChanged(String attribute) implements Condition {

    /**
     * Validates the attribute name.
     *
     * @param attribute the attribute name
     * @throws IllegalArgumentException if blank
     */
    public AttributeChanged {
      text("attribute", attribute);
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      return change.change(attribute).isPresent()
          ? ConditionResult.matches()
          : notChanged(this, attribute);
    }
  }

  /**
   * Matches when the attribute changed to the value.
   *
   * @param attribute the attribute name
   * @param value the new value, compared as text
   */
  record AttributeChangedTo(String attribute, String value) implements Condition {

    /**
     * Validates the members.
     *
     * @param attribute the attribute name
     * @param value the value
     * @throws IllegalArgumentException if the attribute is blank
     */
    public AttributeChangedTo {
      text("attribute", attribute);
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      return change.change(attribute)
          .map(c -> value.equals(c.newText())
              ? ConditionResult.matches()
              : ConditionResult.fails(this, ConditionResult.Mismatch.NEW_VALUE_DIFFERS,
                  "attribute " + attribute + " changed to " + c.newText() + ", not to " + value))
          .orElseGet(() -> notChanged(this, attribute));
    }
  }

  /**
   * Matches when the attribute changed from the value.
   *
   * @param attribute the attribute name
   * @param value the old value, compared as text
   */
  record AttributeChangedFrom(String attribute, String value) implements Condition {

    /**
     * Validates the members.
     *
     * @param attribute the attribute name
     * @param value the value
     * @throws IllegalArgumentException if the attribute is blank
     */
    public AttributeChangedFrom {
      text("attribute", attribute);
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      return change.change(attribute)
          .map(c -> value.equals(c.oldText())
              ? ConditionResult.matches()
              : ConditionResult.fails(this, ConditionResult.Mismatch.OLD_VALUE_DIFFERS,
                  "attribute " + attribute + " changed from " + c.oldText() + ", not from " + value))
          .orElseGet(() -> notChanged(this, attribute));
    }
  }

  /**
   * Matches when the attribute's value after the change matches a regular expression as a whole. It looks at
   * the current value, whether or not the attribute changed; combine it with {@link AttributeChanged} for an
   * edge.
   *
   * <p>An expression that starts with literal text, such as {@code Site-[0-9]+}, lets the engine skip the rule for
   * every change whose value does not start with that text. One that does not, such as {@code .*@example\.com},
   * is evaluated on every change, unless it sits in an {@link All} beside a condition the engine can narrow by
   * (a profile, a lifecycle state, an attribute change).
   *
   * <p>A match that reads more than a million characters, as an expression with nested quantifiers such as
   * {@code (a+)+b} can on a short value, is given up and counts as not matching (so {@code not(...)} of it
   * matches), so that no attribute value can hold the engine's thread; an explanation says so
   * ({@link ConditionResult.Mismatch#MATCH_GIVEN_UP}).
   *
   * @param attribute the attribute name
   * @param regex the expression ({@link Pattern} syntax), matched against the whole value
   */
  record AttributeMatches(String attribute, String regex) implements Condition {

    /**
     * Validates the members.
     *
     * @param attribute the attribute name
     * @param regex the expression
     * @throws IllegalArgumentException if the attribute is blank or the expression does not compile
     */
    public AttributeMatches {
      text("attribute", attribute);
      Objects.requireNonNull(regex, "regex");
      try {
        Patterns.of(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("regex is not a valid regular expression: " + e.getDescription(), e);
      }
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      Object value = change.attributes().get(attribute);
      if (value == null) {
        return ConditionResult.fails(this, ConditionResult.Mismatch.ATTRIBUTE_ABSENT,
            "identity has no attribute " + attribute);
      }
      // Compiled once and shared by regex string (Patterns), so the record's equality stays value-based.
      return switch (Patterns.match(regex, value.toString())) {
        case MATCHES -> ConditionResult.matches();
        case DOES_NOT_MATCH -> ConditionResult.fails(this, ConditionResult.Mismatch.VALUE_DOES_NOT_MATCH,
            "attribute " + attribute + " (" + value + ") does not match " + regex);
        case BUDGET_EXCEEDED -> ConditionResult.fails(this, ConditionResult.Mismatch.MATCH_GIVEN_UP,
            "matching " + regex + " against attribute " + attribute + " took more than " + Patterns.STEP_BUDGET
                + " steps and was given up: counted as not matching");
      };
    }
  }

  /**
   * Matches when every condition matches; reports the first that does not.
   *
   * @param conditions the conditions; not empty
   */
  record All(List<Condition> conditions) implements Condition {

    /**
     * Validates and copies the conditions.
     *
     * @param conditions the conditions
     * @throws IllegalArgumentException if empty
     */
    public All {
      conditions = list("all", conditions);
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      for (Condition condition : conditions) {
        ConditionResult result = condition.evaluate(change);
        if (!result.matched()) {
          return result;
        }
      }
      return ConditionResult.matches();
    }
  }

  /**
   * Matches when at least one condition matches.
   *
   * @param conditions the conditions; not empty
   */
  record Any(List<Condition> conditions) implements Condition {

    /**
     * Validates and copies the conditions.
     *
     * @param conditions the conditions
     * @throws IllegalArgumentException if empty
     */
    public Any {
      conditions = list("any", conditions);
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      List<String> reasons = new ArrayList<>();
      for (Condition condition : conditions) {
        ConditionResult result = condition.evaluate(change);
        if (result.matched()) {
          return result;
        }
        reasons.add(result.reason());
      }
      return ConditionResult.fails(this, ConditionResult.Mismatch.NO_ALTERNATIVE_MATCHED,
          "none matched: " + String.join("; ", reasons));
    }
  }

  /**
   * Matches when its condition does not.
   *
   * @param condition the negated condition
   */
  record Not(Condition condition) implements Condition {

    /**
     * Validates the member.
     *
     * @param condition the condition
     */
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public ConditionResult evaluate(IdentityChange change) {
      return condition.evaluate(change).matched()
          ? ConditionResult.fails(this, ConditionResult.Mismatch.NEGATED_CONDITION_MATCHED,
              "negated condition matched: " + condition)
          : ConditionResult.matches();
    }
  }

  private static ConditionResult notChanged(Condition condition, String attribute) {
    return ConditionResult.fails(condition, ConditionResult.Mismatch.ATTRIBUTE_NOT_CHANGED,
        "attribute " + attribute + " did not change");
  }

  private static void text(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static Set<String> texts(String field, Set<String> values) {
    Objects.requireNonNull(values, field);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    Set<String> copy = new LinkedHashSet<>();
    for (String value : values) {
      text(field + " element", value);
      copy.add(value);
    }
    return java.util.Collections.unmodifiableSet(copy);
  }

  private static List<Condition> list(String field, List<Condition> conditions) {
    Objects.requireNonNull(conditions, field);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return List.copyOf(conditions);
  }
}
