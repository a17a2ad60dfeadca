package io.ssfkit.rules;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of evaluating a {@link Condition}: whether it matched and, when it did not, which condition failed
 * and why, for explanations.
 *
 * @param matched whether the condition matched
 * @param failed the innermost condition that decided the mismatch, or null when matched
 * @param mismatch the machine-readable reason of the mismatch, or null when matched
 * @param reason a human-readable reason; empty when matched
 */
public record ConditionResult(
    boolean matched, @Nullable Condition failed, @Nullable Mismatch mismatch, String reason) {

  private static final ConditionResult MATCHED = new ConditionResult(true, null, null, "");

  /**
   * Validates the result: a mismatch names its condition and reason, a match neither.
   *
   * @param matched whether the condition matched
   * @param failed the failed condition, or null
   * @param mismatch the reason's code, or null
   * @param reason the reason text
   * @throws IllegalArgumentException if a mismatch lacks its condition or code, or a match has them
   */
  public ConditionResult {
    Objects.requireNonNull(reason, "reason");
    if (matched != (failed == null) || matched != (mismatch == null)) {
      throw new IllegalArgumentException("a mismatch needs the failed condition and its code, a match neither");
    }
  }

  /**
   * Returns the result of a match.
   *
   * @return the shared match result
   */
  public static ConditionResult matches() {
    return MATCHED;
  }

  /**
   * Returns the result of a mismatch.
   *
   * @param failed the condition that failed
   * @param mismatch why, machine-readable
   * @param reason why, for people
   * @return the result
   */
  public static ConditionResult fails(Condition failed, Mismatch mismatch, String reason) {
    return new ConditionResult(false, Objects.requireNonNull(failed, "failed"),
        Objects.requireNonNull(mismatch, "mismatch"), reason);
  }

  /** Why a condition did not match: one code per way each condition type can fail. */
  public enum Mismatch {
    /** {@link Condition.ProfileIn}: the identity's profile is not in the set, or unknown. */
    PROFILE_NOT_IN_SET,
    /** {@link Condition.LifecycleEntered}: the state after the change is not one of the states. */
    LIFECYCLE_STATE_NOT_IN_SET,
    /** {@link Condition.LifecycleEntered}: the identity was already in one of the states (no edge). */
    LIFECYCLE_ALREADY_IN_STATE,
    /** {@link Condition.AttributeChanged} and its kin: the attribute did not change. */
    ATTRIBUTE_NOT_CHANGED,
    /** {@link Condition.AttributeChangedTo}: the attribute changed, but to another value. */
    NEW_VALUE_DIFFERS,
    /** {@link Condition.AttributeChangedFrom}: the attribute changed, but from another value. */
    OLD_VALUE_DIFFERS,
    /** {@link Condition.AttributeMatches}: the identity has no such attribute. */
    ATTRIBUTE_ABSENT,
    /** {@link Condition.AttributeMatches}: the attribute's value does not match the expression. */
    VALUE_DOES_NOT_MATCH,
    /**
     * {@link Condition.AttributeMatches}: matching took more than a million steps (an expression with nested
     * quantifiers, say) and was given up, which counts as not matching.
     */
    MATCH_GIVEN_UP,
    /** {@link Condition.Any}: none of its conditions matched. */
    NO_ALTERNATIVE_MATCHED,
    /** {@link Condition.Not}: its condition matched. */
    NEGATED_CONDITION_MATCHED
  }
}
