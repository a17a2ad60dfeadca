package io.ssfkit.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which rules of a rule set can possibly match a change, so that {@link RuleEngine#process} evaluates those and not
 * all of them. A change has <em>facts</em> ({@link Fact}): its profile, the lifecycle state it entered, each
 * attribute that changed with its new and old value, and the leading text of its attribute values. From each
 * rule's condition the index derives, once per rule set:
 *
 * <ul>
 *   <li>a <em>gate</em>: facts of which a change must have at least one for the condition to match (none for a
 *       {@code not}, or an expression without a {@linkplain Patterns#literalPrefix literal prefix}: such rules
 *       pass every gate);
 *   <li><em>blockers</em>: facts any one of which makes the condition fail, such as the profile {@code P} for
 *       {@code all(not(profileIn(P)), ...)}.
 * </ul>
 *
 * <p>Candidates are the rules whose gate the change passes and which it does not block, in rule-set order (so
 * "the first rule wins" stays true); they are then evaluated in full, since a gate is only a necessary condition.
 * Immutable and thread-safe.
 */
final class RuleIndex {

  /** What a fact says about a change. */
  enum Kind {
    /** The identity's profile is the value. */
    PROFILE,
    /** The lifecycle state after the change is the value, and the state before was another one. */
    ENTERED,
    /** The attribute changed. */
    CHANGED,
    /** The attribute changed to the value. */
    CHANGED_TO,
    /** The attribute changed from the value. */
    CHANGED_FROM,
    /** The attribute's value after the change starts with the value. */
    STARTS_WITH
  }

  /**
   * Something a change is or has.
   *
   * @param kind what it says
   * @param attribute the attribute, or empty for {@link Kind#PROFILE} and {@link Kind#ENTERED}
   * @param value the value, or empty for {@link Kind#CHANGED}
   */
  record Fact(Kind kind, String attribute, String value) {}

  /** The kinds that name a value, so few changes have a given one. */
  private static final Set<Kind> VALUE_KINDS = EnumSet.of(Kind.CHANGED_TO, Kind.CHANGED_FROM, Kind.STARTS_WITH);

  // Sets of rules are bit sets over rule-set positions, as plain words: candidates are computed on every change.
  private final List<RevocationRule> rules;
  private final long[] ungated;
  /**
   * Per fact, by kind, attribute and value (so a change's facts are looked up without building any): the rules it
   * opens the gate of (first half of the words), then those it blocks. Kinds no rule mentions are absent.
   */
  private final Map<Kind, Map<String, Map<String, long[]>>> byFact = new EnumMap<>(Kind.class);
  /** For each attribute some expression has a prefix on: the distinct prefix lengths, ascending. */
  private final Map<String, int[]> prefixLengths = new HashMap<>();

  RuleIndex(RuleSet ruleSet) {
    this.rules = List.copyOf(ruleSet.rules());
    this.ungated = new long[(rules.size() + 63) / 64];
    Map<String, Set<Integer>> lengths = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      RevocationRule rule = rules.get(i);
      if (!rule.enabled()) {
        continue;
      }
      Set<Fact> gate = gate(rule.condition());
      if (gate == null) {
        set(ungated, i);
      } else {
        for (Fact fact : gate) {
          set(bits(fact), i);
          if (fact.kind() == Kind.STARTS_WITH) {
            lengths.computeIfAbsent(fact.attribute(), a -> new TreeSet<>()).add(fact.value().length());
          }
        }
      }
      for (Fact fact : blockers(rule.condition())) {
        set(bits(fact), ungated.length * 64 + i);
      }
    }
    lengths.forEach((attribute, set) ->
        prefixLengths.put(attribute, set.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** The enabled rules that can match the change, in rule-set order. */
  List<RevocationRule> candidates(IdentityChange change) {
    long[] candidates = ungated.clone();
    long[] excluded = new long[ungated.length];
    if (change.profile() != null) {
      merge(Kind.PROFILE, "", change.profile(), candidates, excluded);
    }
    String after = change.lifecycleAfter();
    if (after != null && !after.equals(change.lifecycleBefore())) {
      merge(Kind.ENTERED, "", after, candidates, excluded);
    }
    for (AttributeChange c : change.changes()) {
      merge(Kind.CHANGED, c.name(), "", candidates, excluded);
      merge(Kind.CHANGED_TO, c.name(), c.newText(), candidates, excluded);
      merge(Kind.CHANGED_FROM, c.name(), c.oldText(), candidates, excluded);
    }
    for (Map.Entry<String, int[]> prefixes : prefixLengths.entrySet()) {
      Object value = change.attributes().get(prefixes.getKey());
      String text = value == null ? "" : value.toString();
      for (int length : prefixes.getValue()) {
        if (length > text.length()) {
          break;
        }
        merge(Kind.STARTS_WITH, prefixes.getKey(), text.substring(0, length), candidates, excluded);
      }
    }
    List<RevocationRule> out = new ArrayList<>();
    for (int w = 0; w < candidates.length; w++) {
      for (long word = candidates[w] & ~excluded[w]; word != 0; word &= word - 1) {
        out.add(rules.get(w * 64 + Long.numberOfTrailingZeros(word)));
      }
    }
    return out;
  }

  /** Adds the rules a fact of the change opens the gate of, and those it blocks. */
  private void merge(Kind kind, String attribute, @Nullable String value, long[] candidates, long[] excluded) {
    Map<String, Map<String, long[]>> byAttribute = byFact.get(kind);
    Map<String, long[]> byValue = byAttribute == null || value == null ? null : byAttribute.get(attribute);
    long[] bits = byValue == null ? null : byValue.get(value);
    if (bits != null) {
      for (int w = 0; w < candidates.length; w++) {
        candidates[w] |= bits[w];
        excluded[w] |= bits[candidates.length + w];
      }
    }
  }

  private long[] bits(Fact fact) {
    return byFact.computeIfAbsent(fact.kind(), k -> new HashMap<>())
        .computeIfAbsent(fact.attribute(), a -> new HashMap<>())
        .computeIfAbsent(fact.value(), v -> new long[2 * ungated.length]);
  }

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  /**
   * The facts of which a change must have one for the condition to match, or null when there is no such set.
   * An {@code all} takes its narrowest child's gate, preferring value facts on a tie; an {@code any} the union
   * of its children's, when each has one.
   */
  static @Nullable Set<Fact> gate(Condition condition) {
    if (condition instanceof Condition.ProfileIn profileIn) {
      return facts(Kind.PROFILE, "", profileIn.profiles());
    }
    if (condition instanceof Condition.LifecycleEntered entered) {
      return facts(Kind.ENTERED, "", entered.states());
    }
    if (condition instanceof Condition.AttributeMatches matches) {
      String prefix = Patterns.literalPrefix(matches.regex());
      return prefix.isEmpty() ? null : Set.of(new Fact(Kind.STARTS_WITH, matches.attribute(), prefix));
    }
    if (condition instanceof Condition.All all) {
      Set<Fact> narrowest = null;
      for (Condition child : all.conditions()) {
        Set<Fact> gate = gate(child);
        if (gate != null && (narrowest == null || narrower(gate, narrowest))) {
          narrowest = gate;
        }
      }
      return narrowest;
    }
    if (condition instanceof Condition.Any any) {
      Set<Fact> union = new HashSet<>();
      for (Condition child : any.conditions()) {
        Set<Fact> gate = gate(child);
        if (gate == null) {
          return null;
        }
        union.addAll(gate);
      }
      return union;
    }
    if (condition instanceof Condition.Not) {
      return null;
    }
    return sufficient(condition); // AttributeChanged, To, From: their one fact is necessary as well as sufficient.
  }

  /** Fewer facts, or as many but about values rather than profiles, states or mere changes. */
  private static boolean narrower(Set<Fact> gate, Set<Fact> than) {
    if (gate.size() != than.size()) {
      return gate.size() < than.size();
    }
    return valueFacts(gate) && !valueFacts(than);
  }

  private static boolean valueFacts(Set<Fact> gate) {
    return gate.stream().allMatch(f -> VALUE_KINDS.contains(f.kind()));
  }

  /** Facts any one of which makes the condition match. */
  static Set<Fact> sufficient(Condition condition) {
    if (condition instanceof Condition.ProfileIn profileIn) {
      return facts(Kind.PROFILE, "", profileIn.profiles());
    }
    if (condition instanceof Condition.AttributeChanged c) {
      return Set.of(new Fact(Kind.CHANGED, c.attribute(), ""));
    }
    if (condition instanceof Condition.AttributeChangedTo c) {
      return Set.of(new Fact(Kind.CHANGED_TO, c.attribute(), c.value()));
    }
    if (condition instanceof Condition.AttributeChangedFrom c) {
      return Set.of(new Fact(Kind.CHANGED_FROM, c.attribute(), c.value()));
    }
    if (condition instanceof Condition.Any any) {
      Set<Fact> union = new HashSet<>();
      any.conditions().forEach(child -> union.addAll(sufficient(child)));
      return union;
    }
    if (condition instanceof Condition.Not not) {
      return blockers(not.condition());
    }
    return Set.of(); // LifecycleEntered and AttributeMatches also depend on more than one fact; All: not tracked.
  }

  /** Facts any one of which makes the condition fail. */
  static Set<Fact> blockers(Condition condition) {
    if (condition instanceof Condition.All all) {
      Set<Fact> union = new HashSet<>();
      all.conditions().forEach(child -> union.addAll(blockers(child)));
      return union;
    }
    if (condition instanceof Condition.Any any) {
      Set<Fact> common = null;
      for (Condition child : any.conditions()) {
        Set<Fact> childBlockers = blockers(child);
        if (common == null) {
          common = new HashSet<>(childBlockers);
        } else {
          common.retainAll(childBlockers);
        }
      }
      return common == null ? Set.of() : common;
    }
    if (condition instanceof Condition.Not not) {
      return sufficient(not.condition());
    }
    return Set.of();
  }

  private static Set<Fact> facts(Kind kind, String attribute, Set<String> values) {
    Set<Fact> facts = new HashSet<>();
    values.forEach(v -> facts.add(new Fact(kind, attribute, v)));
    return facts;
  }
}
