package io.ssfkit.rules;

import io.ssfkit.stream.StreamDecision;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "why did (or didn't) this fire?": what {@link RuleEngine#process} would do with a change, worked
 * out by {@link RuleEngine#explain} without publishing anything.
 *
 * @param sourceEventId the change's source event ID
 * @param txn the {@code txn} the SETs would share (SET-6)
 * @param alreadyProcessed true when the source event was processed before, so processing it now would publish
 *     nothing; the rest explains what a first processing would do
 * @param rules every rule of the set, in order, with its verdict
 * @param events every event the matching rules would emit, with the decision of every stream of the organization
 */
public record Explanation(
    String sourceEventId,
    String txn,
    boolean alreadyProcessed,
    List<RuleExplanation> rules,
    List<EventExplanation> events) {

  /**
   * Copies the lists.
   *
   * @param sourceEventId the source event ID
   * @param txn the transaction ID
   * @param alreadyProcessed whether the source event was processed before
   * @param rules the rule verdicts
   * @param events the event decisions
   */
  public Explanation {
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    Objects.requireNonNull(txn, "txn");
    rules = List.copyOf(rules);
    events = List.copyOf(events);
  }

  /** Whether a rule fired. */
  public enum RuleVerdict {
    /** The rule is enabled and its condition matched. */
    MATCHED,
    /** The rule is enabled and its condition did not match. */
    NOT_MATCHED,
    /** The rule is disabled, so it was not evaluated. */
    DISABLED
  }

  /** What becomes of an event a matching rule emits. */
  public enum EventVerdict {
    /** The event would be published. */
    PUBLISHED,
    /** An earlier rule already emits this event type for the change; one event per type is published. */
    DUPLICATE_TYPE,
    /** The event cannot be built from the change (see the text), so it would not be published. */
    CANNOT_BUILD
  }

  /**
   * One rule's verdict.
   *
   * @param rule the rule's name
   * @param verdict whether it fired
   * @param mismatch the machine-readable reason it did not match, or null
   * @param failedCondition the condition that failed, or null
   * @param reason why it did not match, for people; empty otherwise
   */
  public record RuleExplanation(
      String rule,
      RuleVerdict verdict,
      ConditionResult.@Nullable Mismatch mismatch,
      @Nullable Condition failedCondition,
      String reason) {

    /**
     * Checks the members.
     *
     * @param rule the rule
     * @param verdict the verdict
     * @param mismatch the mismatch code, or null
     * @param failedCondition the failed condition, or null
     * @param reason the reason
     */
    public RuleExplanation {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * One event a matching rule emits, and which streams would receive it.
   *
   * @param rule the rule whose action emits it
   * @param kind the event kind
   * @param verdict whether it would be published
   * @param text why not, for people; empty when it would be
   * @param subject the SETs' preferred subject, or null when it could not be resolved; a stream may get another
   *     identifier of the same identity (see each {@link StreamDecision#subject()})
   * @param streams the decision of every stream of the organization, as the transmitter's {@link
   *     io.ssfkit.TransmitterService#fanOut} makes it; empty unless it would be published
   */
  public record EventExplanation(
      String rule,
      EventKind kind,
      EventVerdict verdict,
      String text,
      @Nullable SubjectIdentifier subject,
      List<StreamDecision> streams) {

    /**
     * Checks the members and copies the streams.
     *
     * @param rule the rule
     * @param kind the kind
     * @param verdict the verdict
     * @param text the text
     * @param subject the subject, or null
     * @param streams the stream decisions
     */
    public EventExplanation {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(text, "text");
      streams = List.copyOf(streams);
    }
  }
}
