package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.ssfkit.TransmitterService;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.AssuranceNamespace;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.CredentialType;
import io.ssfkit.event.EventType;
import io.ssfkit.event.InitiatingEntity;
import io.ssfkit.event.LanguageMap;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.event.RiscEvent;
import io.ssfkit.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

  static final String ISSUER = "https://tr.example.com";

  private final List<Publication> publications = Collections.synchronizedList(new ArrayList<>());
  private final TransmitterService transmitter = recordingTransmitter(publications);

  static TransmitterService recordingTransmitter(List<Publication> publications) {
    TransmitterService transmitter = mock(TransmitterService.class, withSettings().stubOnly());
    when(transmitter.publish(any())).thenAnswer(invocation -> {
      Publication p = invocation.getArgument(0);
      publications.add(p);
      Thread.yield(); // Widen the window between the publications of one change for the concurrency test.
      return new PublishResult(p.txn(), Map.of(), Map.of(), Map.of());
    });
    return transmitter;
  }

  private RuleEngine engine(RevocationRule... rules) {
    return RuleEngine.builder().transmitter(transmitter).subjectResolver(SubjectResolver.ofDefaults(ISSUER))
        .ruleSet(RuleSet.of(rules)).build();
  }

  @Test
  @DisplayName("the product's rule: profile + lifecycle state -> one session-revoked with iss_sub, reason_admin, event_timestamp")
  void processWhenProfileEntersStateThenSessionRevoked() {
    RuleEngine engine = engine(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")));

    RuleOutcome outcome = engine.process(TestChanges.lifecycle("active", "inactive").build());

    assertThat(outcome.matchedRules()).containsExactly("leavers");
    assertThat(publications).singleElement().satisfies(p -> {
      assertThat(p.orgId()).isEqualTo("org-1");
      assertThat(p.subject()).isEqualTo(SubjectIdentifier.issSub(ISSUER, "id-1"));
      assertThat(p.txn()).isEqualTo(outcome.txn());
      CaepEvent.SessionRevoked event = (CaepEvent.SessionRevoked) p.event();
      assertThat(event.common().eventTimestamp()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
      assertThat(event.common().reasonAdmin())
          .isEqualTo(LanguageMap.of("en", "Identity id-1 matched rule leavers"));
    });
  }

  @Test
  @DisplayName("SUBJ-1/CAEP-4: the default subject is email when the identity has one, else iss_sub")
  void resolveWhenEmailKnownThenEmailElseIssSub() {
    SubjectResolver resolver = SubjectResolver.ofDefaults(ISSUER);
    SubjectResolver custom = SubjectResolver.attributes(ISSUER, "mail");

    assertThat(resolver.resolve(TestChanges.lifecycle("a", "b").attribute("email", "ann@example.com").build()))
        .isEqualTo(SubjectIdentifier.email("ann@example.com"));
    assertThat(resolver.resolve(TestChanges.lifecycle("a", "b").build()))
        .isEqualTo(SubjectIdentifier.issSub(ISSUER, "id-1"));
    assertThat(resolver.resolve(TestChanges.lifecycle("a", "b").attribute("email", "not an email").build()))
        .isEqualTo(SubjectIdentifier.issSub(ISSUER, "id-1"));
    assertThat(custom.resolve(TestChanges.lifecycle("a", "b").attribute("mail", "bo@example.com").build()))
        .isEqualTo(SubjectIdentifier.email("bo@example.com"));
  }

  @Test
  @DisplayName("FMT-6: the default resolver's identifiers are the email, when valid, then iss_sub; the engine "
      + "publishes the first as the subject and the others as alternatives")
  void processWhenEmailKnownThenIssSubIsTheAlternative() {
    SubjectResolver resolver = SubjectResolver.ofDefaults(ISSUER);
    SubjectIdentifier email = SubjectIdentifier.email("ann@example.com");
    SubjectIdentifier issSub = SubjectIdentifier.issSub(ISSUER, "id-1");
    IdentityChange withEmail = TestChanges.lifecycle("active", "inactive").attribute("email", "ann@example.com")
        .build();

    assertThat(resolver.identifiers(withEmail)).containsExactly(email, issSub);
    assertThat(resolver.identifiers(TestChanges.lifecycle("a", "b").build())).containsExactly(issSub);
    assertThat(resolver.identifiers(TestChanges.lifecycle("a", "b").attribute("email", "not an email").build()))
        .containsExactly(issSub);
    SubjectResolver single = change -> issSub;
    assertThat(single.identifiers(withEmail)).as("a resolver of one identifier").containsExactly(issSub);

    engine(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive"))).process(withEmail);

    assertThat(publications).singleElement().satisfies(p -> {
      assertThat(p.subject()).isEqualTo(email);
      assertThat(p.alternatives()).containsExactly(issSub);
    });

    SubjectResolver repeating = new SubjectResolver() {
      @Override
      public SubjectIdentifier resolve(IdentityChange change) {
        return issSub;
      }

      @Override
      public List<SubjectIdentifier> identifiers(IdentityChange change) {
        return List.of(issSub, email, issSub);
      }
    };
    publications.clear();
    RuleEngine.builder().transmitter(transmitter).subjectResolver(repeating)
        .ruleSet(RuleSet.of(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")))).build()
        .process(withEmail);
    assertThat(publications).as("a repeated identifier is dropped, not a failure").singleElement()
        .satisfies(p -> assertThat(p.identifiers()).containsExactly(issSub, email));
  }

  @Test
  @DisplayName("SET-6: every SET of one change shares one txn, derived from the source event ID; one event per type")
  void processWhenSeveralRulesMatchThenOneTxnAndOnePerType() {
    RevocationRule first = RevocationRule.builder("first").when(new Condition.AttributeChanged("department"))
        .emit(EventAction.of(EventKind.SESSION_REVOKED))
        .emit(EventAction.builder(EventKind.CREDENTIAL_CHANGE).credentialType(CredentialType.PASSWORD)
            .changeType(CaepEvent.CredentialChange.ChangeType.REVOKE).build())
        .build();
    RevocationRule second = RevocationRule.builder("second").when(new Condition.AttributeChanged("department"))
        .emit(EventAction.of(EventKind.SESSION_REVOKED)).emit(EventAction.of(EventKind.ACCOUNT_DISABLED)).build();
    IdentityChange change = TestChanges.attribute("department", "Sales", "Legal").build();

    RuleOutcome outcome = engine(first, second).process(change);

    assertThat(outcome.publishedTypes()).containsExactly(
        EventType.SESSION_REVOKED, EventType.CREDENTIAL_CHANGE, EventType.ACCOUNT_DISABLED);
    assertThat(outcome.published()).extracting(RuleOutcome.Published::rule).containsExactly("first", "first", "second");
    assertThat(publications).extracting(Publication::txn).containsOnly(outcome.txn());
    // A replay of the source event, even with other content, carries the same txn.
    assertThat(outcome.txn()).isEqualTo(RuleEngine.txnOf(TestChanges.attribute("department", "x", "y").build()))
        .isNotEqualTo(RuleEngine.txnOf(TestChanges.attribute("department", "x", "y").sourceEventId("other").build()));
  }

  @Test
  @DisplayName("SET-6: the txn is the name-based (MD5) UUID of the organization and the source event ID")
  void txnOfWhenComputedThenEqualsTheJdkNameBasedUuid() {
    for (int i = 0; i < 100; i++) {
      IdentityChange change = TestChanges.attribute("department", "x", "y").sourceEventId("evt-" + i).build();
      String name = "ssfkit-rules\u0000" + change.orgId() + '\u0000' + change.sourceEventId();

      assertThat(RuleEngine.txnOf(change)).isEqualTo(
          java.util.UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }
  }

  @Test
  @DisplayName("idempotent replay: the same source event ID processed twice publishes nothing the second time")
  void processWhenReplayedThenNothingPublished() {
    RuleEngine engine = engine(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")));
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();

    RuleOutcome first = engine.process(change);
    RuleOutcome again = engine.process(change);
    RuleOutcome otherOrg = engine.process(TestChanges.lifecycle("active", "inactive").orgId("org-2").build());

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.published()).isEmpty();
    assertThat(again.txn()).isEqualTo(first.txn());
    assertThat(otherOrg.replayed()).isFalse();
    assertThat(otherOrg.txn()).isNotEqualTo(first.txn());
    assertThat(publications).hasSize(2);
  }

  @Test
  @DisplayName("the in-memory record of processed IDs is bounded: the oldest are forgotten beyond the capacity")
  void inMemoryWhenOverCapacityThenOldestForgotten() {
    ProcessedChanges processed = ProcessedChanges.inMemory(2);

    assertThat(processed.claim("o", "1")).isTrue();
    assertThat(processed.claim("o", "1")).isFalse();
    assertThat(processed.claim("o", "2")).isTrue();
    assertThat(processed.claim("o", "3")).isTrue();
    assertThat(processed.contains("o", "1")).isFalse();
    assertThat(processed.contains("o", "3")).isTrue();
    assertThatThrownBy(() -> ProcessedChanges.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a failed publication releases the claim, so the change can be processed again with the same txn")
  void processWhenPublishFailsThenRetryable() {
    TransmitterService failing = mock(TransmitterService.class);
    when(failing.publish(any())).thenThrow(new SsfException(SsfErrorCode.STORE_FAILURE, "down"))
        .thenReturn(new PublishResult("t", Map.of(), Map.of(), Map.of()));
    RuleEngine engine = RuleEngine.builder().transmitter(failing).subjectResolver(SubjectResolver.ofDefaults(ISSUER))
        .ruleSet(RuleSet.of(RevocationRule.lifecycle("leavers", Set.of("Employees"), Set.of("inactive")))).build();
    IdentityChange change = TestChanges.lifecycle("active", "inactive").build();

    assertThatThrownBy(() -> engine.process(change)).isInstanceOf(SsfException.class);
    assertThat(engine.process(change).published()).hasSize(1);
  }

  @Test
  @DisplayName("disabled rules and non-matching rules publish nothing")
  void processWhenRuleDisabledOrNotMatchingThenNothing() {
    RevocationRule disabled = RevocationRule.lifecycle("off", Set.of("Employees"), Set.of("inactive")).toBuilder()
        .enabled(false).build();
    RevocationRule guests = RevocationRule.lifecycle("guests", Set.of("Guests"), Set.of("inactive"));

    RuleOutcome outcome = engine(disabled, guests).process(TestChanges.lifecycle("active", "inactive").build());

    assertThat(outcome.matchedRules()).isEmpty();
    assertThat(publications).isEmpty();
  }

  @Test
  @DisplayName("CAEP-1/CAEP-2: templates expand from the change into reason_admin and reason_user")
  void processWhenTemplatesThenExpanded() {
    EventAction action = EventAction.builder(EventKind.SESSION_REVOKED)
        .reasonAdmin(new LanguageMap(Map.of("en", "Identity ${identity.id} (${identity.profile}) entered"
            + " ${lifecycle.after} from ${lifecycle.before} in ${attribute.department}; was ${old.cloudLifecycleState}"
            + " [${rule.name} ${org.id} ${event.id}] ${attribute.missing}")))
        .reasonUser(LanguageMap.of("de", "Ihre Sitzung wurde beendet (${lifecycle.after})"))
        .initiatingEntity(InitiatingEntity.POLICY)
        .build();
    RevocationRule rule = RevocationRule.builder("r").when(new Condition.LifecycleEntered(Set.of("inactive")))
        .emit(action).build();

    engine(rule).process(TestChanges.lifecycle("active", "inactive").attribute("department", "Legal").build());

    CaepEvent.SessionRevoked event = (CaepEvent.SessionRevoked) publications.get(0).event();
    assertThat(event.common().reasonAdmin().messages()).containsEntry("en", "Identity id-1 (Employees) entered"
        + " inactive from active in Legal; was active [r org-1 evt-active-inactive] unknown");
    assertThat(event.common().reasonUser().messages()).containsEntry("de", "Ihre Sitzung wurde beendet (inactive)");
    assertThat(event.common().initiatingEntity()).isEqualTo(InitiatingEntity.POLICY);
  }

  @Test
  @DisplayName("CAEP-2: a placeholder's value is cut at 256 characters, with an ellipsis, so no attribute can bloat "
      + "a reason")
  void processWhenAttributeValueLongThenCutInReason() {
    EventAction action = EventAction.builder(EventKind.SESSION_REVOKED)
        .reasonAdmin(LanguageMap.of("en", "[${attribute.note}] [${attribute.short}] [${attribute.emoji}]")).build();
    RevocationRule rule = RevocationRule.builder("r").when(new Condition.LifecycleEntered(Set.of("inactive")))
        .emit(action).build();

    engine(rule).process(TestChanges.lifecycle("active", "inactive").attribute("note", "x".repeat(10_000))
        .attribute("short", "y".repeat(256))
        .attribute("emoji", "z".repeat(254) + "\uD83D\uDE00\uD83D\uDE00").build()); // no half emoji at the cut

    CaepEvent.SessionRevoked event = (CaepEvent.SessionRevoked) publications.get(0).event();
    assertThat(event.common().reasonAdmin().messages().get("en"))
        .isEqualTo("[" + "x".repeat(255) + "\u2026] [" + "y".repeat(256) + "] [" + "z".repeat(254) + "\u2026]");
  }

  @Test
  @DisplayName("CAEP 3.2-3.4 and RISC 2.x: every event kind is built from the change")
  void processWhenEveryKindThenEventsBuilt() {
    RevocationRule rule = RevocationRule.builder("all").when(new Condition.AttributeChanged("email"))
        .emit(EventAction.of(EventKind.SESSION_REVOKED))
        .emit(EventAction.builder(EventKind.CREDENTIAL_CHANGE).credentialType(CredentialType.PASSWORD)
            .changeType(CaepEvent.CredentialChange.ChangeType.UPDATE).build())
        .emit(EventAction.builder(EventKind.TOKEN_CLAIMS_CHANGE).claims(Map.of("role", "role", "x", "absent")).build())
        .emit(EventAction.builder(EventKind.ASSURANCE_LEVEL_CHANGE).namespace(AssuranceNamespace.NIST_AAL)
            .attribute("aal").build())
        .emit(EventAction.of(EventKind.ACCOUNT_DISABLED))
        .emit(EventAction.of(EventKind.ACCOUNT_ENABLED))
        .emit(EventAction.of(EventKind.ACCOUNT_PURGED))
        .emit(EventAction.of(EventKind.IDENTIFIER_CHANGED))
        .build();
    IdentityChange change = TestChanges.attribute("email", "old@example.com", "new@example.com")
        .attribute("role", "admin").change("aal", "aal1", "aal2").build();

    RuleOutcome outcome = engine(rule).process(change);

    assertThat(outcome.problems()).isEmpty();
    assertThat(publications).hasSize(8);
    assertThat(publications.get(2).event()).isEqualTo(new CaepEvent.TokenClaimsChange(Map.of("role", "admin"),
        ((CaepEvent.TokenClaimsChange) publications.get(2).event()).common()));
    CaepEvent.AssuranceLevelChange assurance = (CaepEvent.AssuranceLevelChange) publications.get(3).event();
    assertThat(assurance.currentLevel()).isEqualTo("aal2");
    assertThat(assurance.previousLevel()).isEqualTo("aal1");
    assertThat(publications.get(4).event()).isEqualTo(new RiscEvent.AccountDisabled(null));
    assertThat(publications.get(7).event()).isEqualTo(new RiscEvent.IdentifierChanged("new@example.com"));
    assertThat(publications.get(7).subject()).isEqualTo(SubjectIdentifier.email("old@example.com"));
    assertThat(publications.get(0).subject()).isEqualTo(SubjectIdentifier.email("new@example.com"));
  }

  @Test
  @DisplayName("an action the change cannot feed is reported as a problem, the others are published")
  void processWhenActionCannotBuildThenProblem() {
    RevocationRule rule = RevocationRule.builder("r").when(new Condition.AttributeChanged("department"))
        .emit(EventAction.of(EventKind.IDENTIFIER_CHANGED)).emit(EventAction.of(EventKind.SESSION_REVOKED)).build();

    RuleOutcome outcome = engine(rule).process(TestChanges.attribute("department", "a", "b").build());

    assertThat(outcome.publishedTypes()).containsExactly(EventType.SESSION_REVOKED);
    assertThat(outcome.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(EventKind.IDENTIFIER_CHANGED);
      assertThat(p.message()).contains("email did not change");
    });
  }

  @Test
  @DisplayName("atomic rule-set swap: under concurrent evaluation every change sees exactly one rule set")
  void replaceWhenConcurrentProcessingThenNoMix() throws Exception {
    Condition always = new Condition.AttributeChanged("department");
    RuleSet a = RuleSet.of(
        RevocationRule.builder("a1").when(always).emit(EventAction.of(EventKind.SESSION_REVOKED)).build(),
        RevocationRule.builder("a2").when(always).emit(EventAction.of(EventKind.ACCOUNT_DISABLED)).build());
    RuleSet b = RuleSet.of(
        RevocationRule.builder("b1").when(always).emit(EventAction.builder(EventKind.CREDENTIAL_CHANGE)
            .credentialType(CredentialType.PASSWORD).changeType(CaepEvent.CredentialChange.ChangeType.REVOKE).build())
            .build(),
        RevocationRule.builder("b2").when(always).emit(EventAction.of(EventKind.ACCOUNT_ENABLED)).build());
    RuleEngine engine = RuleEngine.builder().transmitter(transmitter)
        .subjectResolver(SubjectResolver.ofDefaults(ISSUER)).ruleSet(a).build();
    int workers = 4;
    int perWorker = 500;
    ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    try {
      Future<Integer> swapper = pool.submit(() -> {
        start.await();
        int swaps = 0;
        while (!done.get()) {
          engine.replace(swaps % 2 == 0 ? b : a);
          swaps++;
          Thread.yield();
        }
        return swaps;
      });
      List<Future<List<RuleOutcome>>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        results.add(pool.submit(() -> {
          start.await();
          List<RuleOutcome> outcomes = new ArrayList<>();
          for (int i = 0; i < perWorker; i++) {
            outcomes.add(engine.process(TestChanges.attribute("department", "a", "b")
                .sourceEventId("w" + worker + "-" + i).build()));
          }
          return outcomes;
        }));
      }
      start.countDown();
      List<RuleOutcome> all = new ArrayList<>();
      for (Future<List<RuleOutcome>> result : results) {
        all.addAll(result.get(30, TimeUnit.SECONDS));
      }
      done.set(true);
      assertThat(swapper.get(30, TimeUnit.SECONDS)).isPositive();

      List<EventType> fromA = List.of(EventType.SESSION_REVOKED, EventType.ACCOUNT_DISABLED);
      List<EventType> fromB = List.of(EventType.CREDENTIAL_CHANGE, EventType.ACCOUNT_ENABLED);
      assertThat(all).hasSize(workers * perWorker).allSatisfy(outcome ->
          assertThat(outcome.publishedTypes()).isIn(fromA, fromB));
      assertThat(publications).hasSize(workers * perWorker * 2);
    } finally {
      done.set(true);
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
