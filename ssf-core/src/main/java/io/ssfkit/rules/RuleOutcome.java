package io.ssfkit.rules;

import io.ssfkit.event.EventType;
import io.ssfkit.event.PublishResult;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RuleEngine#process} did with one change.
 *
 * @param sourceEventId the change's source event ID
 * @param txn the {@code txn} every SET of this change shares (SET-6)
 * @param replayed true when the source event was processed before, so nothing was published
 * @param matchedRules the names of the enabled rules whose condition matched, in rule-set order
 * @param published the events published, at most one per event type
 * @param problems the actions that matched but could not produce an event, with why
 */
public record RuleOutcome(
    String sourceEventId,
    String txn,
    boolean replayed,
    List<String> matchedRules,
    List<Published> published,
    List<Problem> problems) {

  /**
   * Copies the lists.
   *
   * @param sourceEventId the source event ID
   * @param txn the transaction ID
   * @param replayed whether this was a replay
   * @param matchedRules the matched rules
   * @param published the published events
   * @param problems the problems
   */
  public RuleOutcome {
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    Objects.requireNonNull(txn, "txn");
    matchedRules = List.copyOf(matchedRules);
    published = List.copyOf(published);
    problems = List.copyOf(problems);
  }

  /**
   * Returns the types of the published events.
   *
   * @return the types, in publication order
   */
  public List<EventType> publishedTypes() {
    return published.stream().map(Published::eventType).toList();
  }

  /**
   * One published event.
   *
   * @param rule the rule whose action emitted it
   * @param eventType its type
   * @param subject the SETs' subject
   * @param result what the transmitter did with it
   */
  public record Published(String rule, EventType eventType, SubjectIdentifier subject, PublishResult result) {

    /**
     * Checks the members.
     *
     * @param rule the rule
     * @param eventType the event type
     * @param subject the subject
     * @param result the publish result
     */
    public Published {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * An action that matched but produced no event, such as identifier-changed when the email did not change.
   *
   * @param rule the rule
   * @param kind the action's event kind
   * @param message why no event was produced
   */
  public record Problem(String rule, EventKind kind, String message) {

    /**
     * Checks the members.
     *
     * @param rule the rule
     * @param kind the kind
     * @param message the message
     */
    public Problem {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }
}
