package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ssfkit.TransmitterService;
import io.ssfkit.event.EventType;
import io.ssfkit.event.Publication;
import io.ssfkit.rules.Explanation.EventVerdict;
import io.ssfkit.rules.Explanation.RuleVerdict;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamEligibility;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExplainTest {

  private static final String SESSION_REVOKED = EventType.SESSION_REVOKED.uri();
  private static final SubjectIdentifier SUBJECT = SubjectIdentifier.issSub(RuleEngineTest.ISSUER, "id-1");

  private final List<Publication> publications = Collections.synchronizedList(new ArrayList<>());
  private final TransmitterService transmitter = RuleEngineTest.recordingTransmitter(publications);
  private final StreamStore store = mock(StreamStore.class);

  private static StreamConfiguration stream(String id, StreamStatus status, String... delivered) {
    return StreamConfiguration.builder()
        .streamId(StreamId.of(id))
        .owner(new StreamOwner("org-1", "client-" + id))
        .issuer(RuleEngineTest.ISSUER)
        .audience("https://rp.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/e"), null))
        .eventsSupported(List.of(delivered))
        .eventsRequested(List.of(delivered))
        .eventsDelivered(List.of(delivered))
        .status(status)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  private RuleEngine engine(DefaultSubjects defaults, RevocationRule... rules) {
    return RuleEngine.builder().transmitter(transmitter).subjectResolver(SubjectResolver.ofDefaults(
        RuleEngineTest.ISSUER)).ruleSet(RuleSet.of(rules)).streamStore(store).defaultSubjects(defaults).build();
  }

  @Test
  @DisplayName("every stream decision: receives, paused (held), disabled, type not delivered, subject not in stream")
  void explainWhenStreamsDifferThenEveryReason() {
    StreamConfiguration enabled = stream("enabled", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration paused = stream("paused", StreamStatus.PAUSED, SESSION_REVOKED);
    StreamConfiguration disabled = stream("disabled", StreamStatus.DISABLED, SESSION_REVOKED);
    StreamConfiguration otherType = stream("other-type", StreamStatus.ENABLED, EventType.CREDENTIAL_CHANGE.uri());
    StreamConfiguration removed = stream("removed", StreamStatus.ENABLED, SESSION_REVOKED);
    when(store.listByOrg("org-1")).thenReturn(List.of(enabled, paused, disabled, otherType, removed));
    when(store.findSubject(any(), any(), any())).thenReturn(Optional.empty());
    when(store.findSubject(eq(removed.owner()), eq(removed.streamId()), eq(SUBJECT)))
        .thenReturn(Optional.of(new SubjectMembership(SUBJECT, false, false, Instant.EPOCH)));
    RuleEngine engine = engine(DefaultSubjects.ALL,
        RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")));

    Explanation explanation = engine.explain(TestChanges.lifecycle("active", "inactive").build());

    assertThat(explanation.events()).singleElement().satisfies(event -> {
      assertThat(event.verdict()).isEqualTo(EventVerdict.PUBLISHED);
      assertThat(event.subject()).isEqualTo(SUBJECT);
      assertThat(event.streams()).extracting(Explanation.StreamDecision::eligibility).containsExactly(
          StreamEligibility.RECEIVES, StreamEligibility.HELD_WHILE_PAUSED, StreamEligibility.STREAM_DISABLED,
          StreamEligibility.EVENT_TYPE_NOT_DELIVERED, StreamEligibility.SUBJECT_NOT_IN_STREAM);
      assertThat(event.streams()).extracting(Explanation.StreamDecision::text).containsExactly(
          "receives", "paused (held until enabled)", "stream disabled", "event type not in events_delivered",
          "subject not in the stream");
    });
    assertThat(publications).as("explain publishes nothing").isEmpty();
  }

  @Test
  @DisplayName("SUBJ-1: under default_subjects NONE a subject is in a stream only once added")
  void explainWhenDefaultNoneThenOnlyAddedSubjects() {
    StreamConfiguration added = stream("added", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration notAdded = stream("not-added", StreamStatus.ENABLED, SESSION_REVOKED);
    when(store.listByOrg("org-1")).thenReturn(List.of(added, notAdded));
    when(store.findSubject(any(), any(), any())).thenReturn(Optional.empty());
    when(store.findSubject(eq(added.owner()), eq(added.streamId()), eq(SUBJECT)))
        .thenReturn(Optional.of(new SubjectMembership(SUBJECT, true, false, Instant.EPOCH)));

    Explanation explanation = engine(DefaultSubjects.NONE,
        RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")))
        .explain(TestChanges.lifecycle("active", "inactive").build());

    assertThat(explanation.events().get(0).streams()).extracting(Explanation.StreamDecision::eligibility)
        .containsExactly(StreamEligibility.RECEIVES, StreamEligibility.SUBJECT_NOT_IN_STREAM);
  }

  @Test
  @DisplayName("rule verdicts: matched, not matched with the failed condition and why, disabled")
  void explainWhenRulesDifferThenEveryVerdict() {
    when(store.listByOrg("org-1")).thenReturn(List.of());
    RevocationRule matched = RevocationRule.lifecycle("matched", Set.of("Employees"), Set.of("inactive"));
    RevocationRule guests = RevocationRule.lifecycle("guests", Set.of("Guests"), Set.of("inactive"));
    RevocationRule already = RevocationRule.lifecycle("already", Set.of("Employees"), Set.of("active", "inactive"));
    RevocationRule off = matched.toBuilder().enabled(false).build();
    off = new RevocationRule("off", off.condition(), off.actions(), false);

    Explanation explanation = engine(DefaultSubjects.ALL, matched, guests, already, off)
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
    when(store.listByOrg("org-1")).thenReturn(List.of());
    RevocationRule first = RevocationRule.lifecycle("first", Set.of("Employees"), Set.of("inactive"));
    RevocationRule second = RevocationRule.builder("second").when(new Condition.LifecycleEntered(Set.of("inactive")))
        .emit(EventAction.of(EventKind.SESSION_REVOKED)).emit(EventAction.of(EventKind.IDENTIFIER_CHANGED)).build();
    RuleEngine engine = engine(DefaultSubjects.ALL, first, second);
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

  @Test
  @DisplayName("without a stream store the explanation lists rules and events but no stream decisions")
  void explainWhenNoStoreThenNoStreams() {
    RuleEngine engine = RuleEngine.builder().transmitter(transmitter)
        .subjectResolver(SubjectResolver.ofDefaults(RuleEngineTest.ISSUER))
        .ruleSet(RuleSet.of(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")))).build();

    Explanation explanation = engine.explain(TestChanges.lifecycle("active", "inactive").build());

    assertThat(explanation.events()).singleElement().satisfies(e -> assertThat(e.streams()).isEmpty());
  }
}
