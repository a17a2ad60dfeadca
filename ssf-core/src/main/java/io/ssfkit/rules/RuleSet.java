package io.ssfkit.rules;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a {@link RuleEngine} evaluates, in order: immutable, with unique names. The engine replaces a whole
 * set atomically ({@link RuleEngine#replace(RuleSet)}).
 *
 * @param rules the rules, in evaluation order; may be empty
 */
public record RuleSet(List<RevocationRule> rules) {

  private static final RuleSet EMPTY = new RuleSet(List.of());

  /**
   * Validates the set and copies the rules.
   *
   * @param rules the rules
   * @throws SsfException {@code INVALID_REQUEST} naming every duplicate name, as {@code rules[i].name}
   */
  public RuleSet {
    List<FieldError> errors = new ArrayList<>();
    if (rules == null) {
      throw SsfException.invalid("rules", "must be present");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      RevocationRule rule = rules.get(i);
      if (rule == null) {
        errors.add(new FieldError("rules[" + i + "]", "must not be null"));
      } else if (!names.add(rule.name())) {
        errors.add(new FieldError("rules[" + i + "].name", "duplicate rule name " + rule.name()));
      }
    }
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    rules = List.copyOf(rules);
  }

  /**
   * Creates a set of rules.
   *
   * @param rules the rules, in evaluation order
   * @return the set
   * @throws SsfException {@code INVALID_REQUEST} for duplicate names
   */
  public static RuleSet of(RevocationRule... rules) {
    return new RuleSet(List.of(rules));
  }

  /**
   * Returns the set without rules.
   *
   * @return the empty set
   */
  public static RuleSet empty() {
    return EMPTY;
  }

  /**
   * Finds a rule by name.
   *
   * @param name the rule's name
   * @return the rule, or empty
   */
  public Optional<RevocationRule> rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
