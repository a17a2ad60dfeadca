package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.ssfkit.TransmitterService;
import io.ssfkit.event.EventType;
import io.ssfkit.event.Publication;
import io.ssfkit.rules.Explanation.EventVerdict;
import io.ssfkit.rules.Explanation.RuleVerdict;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamEligibility;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExplainTest {

  private static final String SESSION_REVOKED = EventType.SESSION_REVOKED.uri();
  private static final SubjectIdentifier SUBJECT = SubjectIdentifier.issSub(RuleEngineTest.ISSUER, "id-1");

  private final List<Publication> publications = Collections.synchronizedList(new ArrayList<>());
  private final TransmitterService transmitter = RuleEngineTest.recordingTransmitter(publications);

  private RuleEngine engine(RevocationRule... rules) {
    return RuleEngine.builder().transmitter(transmitter).subjectResolver(SubjectResolver.ofDefaults(
        RuleEngineTest.ISSUER)).ruleSet(RuleSet.of(rules)).build();
  }

  @Test
  @DisplayName("each published event lists the transmitter's fan-out decision for every stream, with its reason, "
      + "for exactly the publication processing would make")
  void explainWhenEventPublishedThenTransmitterDecisionsPerStream() {
    List<StreamDecision> decisions = new ArrayList<>();
    for (StreamEligibility eligibility : StreamEligibility.values()) {
      decisions.add(new StreamDecision(StreamId.of(eligibility.name().toLowerCase(Locale.ROOT)), eligibility,
          eligibility.receives() ? SUBJECT : null));
    }
    List<Publication> asked = new ArrayList<>();
    when(transmitter.fanOut(any())).thenAnswer(invocation -> {
      asked.add(invocation.getArgument(0));
      return decisions;
    });
    RuleEngine engine = engine(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")));
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();

    Explanation explanation = engine.explain(change);

    assertThat(explanation.events()).singleElement().satisfies(event -> {
      assertThat(event.verdict()).isEqualTo(EventVerdict.PUBLISHED);
      assertThat(event.subject()).isEqualTo(SUBJECT);
      assertThat(event.streams()).isEqualTo(decisions);
      assertThat(event.streams()).extracting(StreamDecision::text).containsExactly(
          "receives", "paused (held until enabled)", "stream disabled", "event type not in events_delivered",
          "subject not in the stream");
    });
    assertThat(asked).singleElement().satisfies(p -> {
      assertThat(p.orgId()).isEqualTo(change.orgId());
      assertThat(p.subject()).isEqualTo(SUBJECT);
      assertThat(p.event().type()).isEqualTo(EventType.SESSION_REVOKED);
      assertThat(p.txn()).isEqualTo(RuleEngine.txnOf(change));
    });
    assertThat(publications).as("explain publishes nothing").isEmpty();
  }

  @Test
  @DisplayName("rule verdicts: matched, not matched with the failed condition and why, disabled")
  void explainWhenRulesDifferThenEveryVerdict() {
    RevocationRule matched = RevocationRule.lifecycle("matched", Set.of("Employees"), Set.of("inactive"));
    RevocationRule guests = RevocationRule.lifecycle("guests", Set.of("Guests"), Set.of("inactive"));
    RevocationRule already = RevocationRule.lifecycle("already", Set.of("Employees"), Set.of("active", "inactive"));
    RevocationRule off = matched.toBuilder().enabled(false).build();
    off = new RevocationRule("off", off.condition(), off.actions(), false);

    Explanation explanation = engine(matched, guests, already, off)
        .explain(TestChanges.lifecycle("active", "inactive").build());

    assertThat(explanation.rules()).extracting(Explanation.RuleExplanation::verdict).containsExactly(
        RuleVerdict.MATCHED, RuleVerdict.NOT_MATCHED, RuleVerdict.NOT_MATCHED, RuleVerdict.DISABLED);
    assertThat(explanation.rules().get(1).mismatch()).isEqualTo(ConditionResult.Mismatch.PROFILE_NOT_IN_SET);
    assertThat(explanation.rules().get(1).failedCondition()).isEqualTo(new Condition.ProfileIn(Set.of("Guests")));
    assertThat(explanation.rules().get(1).reason()).isEqualTo("identity profile Employees is not in [Guests]");
    assertThat(explanation.rules().get(2).mismatch()).isEqualTo(ConditionResult.Mismatch.LIFECYCLE_ALREADY_IN_STATE);
    assertThat(explanation.rules().get(3).reason()).isEqualTo("rule is disabled");
  }

  @Test
  @DisplayName("event verdicts: duplicate type of a later rule, an event the change cannot build, and the txn and replay flag")
  void explainWhenDuplicateOrUnbuildableThenSaysSo() {
    RevocationRule first = RevocationRule.lifecycle("first", Set.of("Employees"), Set.of("inactive"));
    RevocationRule second = RevocationRule.builder("second").when(new Condition.LifecycleEntered(Set.of("inactive")))
        .emit(EventAction.of(EventKind.SESSION_REVOKED)).emit(EventAction.of(EventKind.IDENTIFIER_CHANGED)).build();
    RuleEngine engine = engine(first, second);
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();

    Explanation before = engine.explain(change);
    engine.process(change);
    Explanation after = engine.explain(change);

    assertThat(before.events()).extracting(Explanation.EventExplanation::verdict)
        .containsExactly(EventVerdict.PUBLISHED, EventVerdict.DUPLICATE_TYPE, EventVerdict.CANNOT_BUILD);
    assertThat(before.events().get(2).text()).contains("email did not change");
    assertThat(before.txn()).isEqualTo(RuleEngine.txnOf(change));
    assertThat(before.alreadyProcessed()).isFalse();
    assertThat(after.alreadyProcessed()).isTrue();
  }
}
