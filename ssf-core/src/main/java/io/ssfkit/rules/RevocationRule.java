package io.ssfkit.rules;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rule of the {@link RuleEngine}: when its {@link Condition} matches an {@link IdentityChange}, each of its
 * {@link EventAction}s emits one event about the identity.
 *
 * <p>The product's rule, an identity profile mapped to lifecycle states that sends session-revoked when an
 * identity of the profile enters one of the states, is {@link #lifecycle(String, Set, Set)}.
 *
 * @param name the rule's name, unique within its {@link RuleSet}
 * @param condition when the rule fires
 * @param actions what it emits; at least one, at most one per {@link EventKind}
 * @param enabled whether the engine evaluates it
 */
public record RevocationRule(String name, Condition condition, List<EventAction> actions, boolean enabled) {

  /**
   * Validates the rule and copies the actions.
   *
   * @param name the name
   * @param condition the condition
   * @param actions the actions
   * @param enabled whether it is enabled
   * @throws SsfException {@code INVALID_REQUEST} naming every problem: a blank name, a missing condition, no
   *     actions, or two actions of one kind
   */
  public RevocationRule {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "must not be blank"));
    }
    if (condition == null) {
      errors.add(new FieldError("when", "must be present"));
    }
    if (actions == null || actions.isEmpty()) {
      errors.add(new FieldError("emit", "must hold at least one action"));
    } else {
      Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
      for (int i = 0; i < actions.size(); i++) {
        EventAction action = actions.get(i);
        if (action == null) {
          errors.add(new FieldError("emit[" + i + "]", "must not be null"));
        } else if (!kinds.add(action.kind())) {
          errors.add(new FieldError("emit[" + i + "].event", "duplicate event " + action.kind().wireName()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    actions = List.copyOf(actions);
  }

  /**
   * Creates the product's rule: when an identity of one of the profiles enters one of the lifecycle states, send
   * session-revoked with the default {@code reason_admin}. Its condition is
   * {@code All(ProfileIn(profiles), LifecycleEntered(states))}.
   *
   * @param name the rule's name
   * @param profiles the identity profiles
   * @param states the lifecycle states
   * @return the enabled rule
   * @throws IllegalArgumentException if the profiles or states are empty or hold a blank value
   */
  public static RevocationRule lifecycle(String name, Set<String> profiles, Set<String> states) {
    return new RevocationRule(name,
        new Condition.All(List.of(new Condition.ProfileIn(profiles), new Condition.LifecycleEntered(states))),
        List.of(EventAction.of(EventKind.SESSION_REVOKED)), true);
  }

  /**
   * Starts a builder.
   *
   * @param name the rule's name
   * @return a builder of an enabled rule without condition and actions
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns a builder holding this rule's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(name).when(condition).actions(actions).enabled(enabled);
  }

  /** Builds a {@link RevocationRule}; {@link #build()} reports every problem at once. Not thread-safe. */
  public static final class Builder {

    private final String name;
    private @Nullable Condition condition;
    private final List<EventAction> actions = new ArrayList<>();
    private boolean enabled = true;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the condition.
     *
     * @param condition when the rule fires
     * @return this builder
     */
    public Builder when(Condition condition) {
      this.condition = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /**
     * Adds an action.
     *
     * @param action what to emit
     * @return this builder
     */
    public Builder emit(EventAction action) {
      actions.add(Objects.requireNonNull(action, "action"));
      return this;
    }

    /**
     * Replaces the actions.
     *
     * @param actions what to emit
     * @return this builder
     */
    public Builder actions(List<EventAction> actions) {
      this.actions.clear();
      this.actions.addAll(Objects.requireNonNull(actions, "actions"));
      return this;
    }

    /**
     * Enables or disables the rule.
     *
     * @param enabled whether the engine evaluates it; true by default
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws SsfException {@code INVALID_REQUEST} naming every problem
     */
    public RevocationRule build() {
      return new RevocationRule(name, condition, actions, enabled);
    }
  }
}
