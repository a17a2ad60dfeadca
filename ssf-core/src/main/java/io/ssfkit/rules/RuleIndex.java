package io.ssfkit.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which rules of a rule set can possibly match a change, so that {@link RuleEngine#process} evaluates those
 * and not all of them. Every condition has a <em>gate</em>: a set of keys, at least one of which a change must
 * have for the condition to match — {@code P:profile} for {@link Condition.ProfileIn}, {@code L:state} for the
 * state {@link Condition.LifecycleEntered} enters, {@code A:attribute} for a changed attribute. An {@code all}
 * takes its narrowest child's gate, an {@code any} the union of its children's (when each has one); a
 * {@code not} and {@link Condition.AttributeMatches} have none, and such rules are always candidates.
 *
 * <p>A gate is only a necessary condition: candidates are then evaluated in full. Candidates come in rule-set
 * order, so "the first rule wins" stays true. Immutable and thread-safe; built once per rule set.
 */
final class RuleIndex {

  private final List<RevocationRule> rules;
  private final BitSet ungated = new BitSet();
  private final Map<String, BitSet> byKey = new HashMap<>();

  RuleIndex(RuleSet ruleSet) {
    this.rules = List.copyOf(ruleSet.rules());
    for (int i = 0; i < rules.size(); i++) {
      RevocationRule rule = rules.get(i);
      if (!rule.enabled()) {
        continue;
      }
      Set<String> gate = gate(rule.condition());
      if (gate == null) {
        ungated.set(i);
      } else {
        for (String key : gate) {
          byKey.computeIfAbsent(key, k -> new BitSet()).set(i);
        }
      }
    }
  }

  /** The enabled rules that can match the change, in rule-set order. */
  List<RevocationRule> candidates(IdentityChange change) {
    BitSet candidates = (BitSet) ungated.clone();
    if (change.profile() != null) {
      or(candidates, "P:" + change.profile());
    }
    if (change.lifecycleAfter() != null) {
      or(candidates, "L:" + change.lifecycleAfter());
    }
    for (AttributeChange attribute : change.changes()) {
      or(candidates, "A:" + attribute.name());
    }
    List<RevocationRule> out = new ArrayList<>(candidates.cardinality());
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      out.add(rules.get(i));
    }
    return out;
  }

  private void or(BitSet candidates, String key) {
    BitSet rulesWithKey = byKey.get(key);
    if (rulesWithKey != null) {
      candidates.or(rulesWithKey);
    }
  }

  /** The keys of which a change must have one for the condition to match, or null when there is no such set. */
  static @Nullable Set<String> gate(Condition condition) {
    if (condition instanceof Condition.ProfileIn profileIn) {
      return keys("P:", profileIn.profiles());
    }
    if (condition instanceof Condition.LifecycleEntered entered) {
      return keys("L:", entered.states());
    }
    if (condition instanceof Condition.AttributeChanged c) {
      return Set.of("A:" + c.attribute());
    }
    if (condition instanceof Condition.AttributeChangedTo c) {
      return Set.of("A:" + c.attribute());
    }
    if (condition instanceof Condition.AttributeChangedFrom c) {
      return Set.of("A:" + c.attribute());
    }
    if (condition instanceof Condition.All all) {
      Set<String> narrowest = null;
      for (Condition child : all.conditions()) {
        Set<String> gate = gate(child);
        if (gate != null && (narrowest == null || gate.size() < narrowest.size())) {
          narrowest = gate;
        }
      }
      return narrowest;
    }
    if (condition instanceof Condition.Any any) {
      Set<String> union = new java.util.HashSet<>();
      for (Condition child : any.conditions()) {
        Set<String> gate = gate(child);
        if (gate == null) {
          return null;
        }
        union.addAll(gate);
      }
      return union;
    }
    return null; // Not, AttributeMatches: a change without any particular key can match them.
  }

  private static Set<String> keys(String prefix, Set<String> values) {
    Set<String> keys = new java.util.HashSet<>();
    values.forEach(v -> keys.add(prefix + v));
    return keys;
  }
}
