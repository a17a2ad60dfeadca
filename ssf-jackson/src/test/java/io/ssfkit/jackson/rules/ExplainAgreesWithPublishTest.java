package io.ssfkit.jackson.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.event.EventType;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.rules.EventAction;
import io.ssfkit.rules.EventKind;
import io.ssfkit.rules.Explanation;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.DeliveryRequest;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.subject.AddSubjectRequest;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.RemoveSubjectRequest;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import io.ssfkit.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random organizations of streams (status, event types, subjects added or removed under either identifier, either
 * {@code default_subjects}), one identity change each: what {@link RuleEngine#explain} says of every stream is what
 * {@link RuleEngine#process} then does, down to the {@code sub_id} of every stored SET.
 */
class ExplainAgreesWithPublishTest {

  private static final String ISSUER = "https://tr.example.com";
  private static final String IDENTITY = "2c9180835d2e5168015d32f890ca1581";
  private static final SubjectIdentifier EMAIL = SubjectIdentifier.email("ann.smith@example.com");
  private static final SubjectIdentifier ISS_SUB = SubjectIdentifier.issSub(ISSUER, IDENTITY);
  private static final List<EventType> TYPES = List.of(EventType.SESSION_REVOKED, EventType.ACCOUNT_DISABLED);
  private static final RuleSet RULES = RuleSet.of(RevocationRule.builder("leavers")
      .when(new io.ssfkit.rules.Condition.LifecycleEntered(Set.of("inactive")))
      .emit(EventAction.of(EventKind.SESSION_REVOKED))
      .emit(EventAction.of(EventKind.ACCOUNT_DISABLED))
      .build());

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private final SetSigner signer =
      SetSigner.nimbus(KeyRing.create(SigningKeys.generate(JWSAlgorithm.RS256, 2048), Duration.ofDays(1), clock));

  @Test
  @DisplayName("STATUS-4..6, CFG-5, SUBJ-1, FMT-6: over 60 random organizations, explain's decision for every stream "
      + "and event is what processing stores, with the same sub_id")
  void explainWhenRandomStreamsThenAgreesWithProcessing() throws Exception {
    SplittableRandom random = new SplittableRandom(20261204);
    int receiving = 0;
    int skipped = 0;
    for (int round = 0; round < 60; round++) {
      DefaultSubjects defaults = random.nextBoolean() ? DefaultSubjects.ALL : DefaultSubjects.NONE;
      InMemoryEventQueue queue = InMemoryEventQueue.create();
      try (TransmitterService service = service(defaults, queue)) {
        List<StreamId> streams = randomStreams(service, random);
        RuleEngine engine = RuleEngine.builder().transmitter(service).ruleSet(RULES)
            .subjectResolver(SubjectResolver.ofDefaults(ISSUER)).build();
        IdentityChange change = change("evt-" + round, random.nextBoolean());

        Explanation explanation = engine.explain(change);
        RuleOutcome outcome = engine.process(change);

        assertThat(outcome.published()).hasSize(TYPES.size());
        Map<StreamId, List<Map.Entry<String, Object>>> expected = new HashMap<>();
        for (int e = 0; e < TYPES.size(); e++) {
          List<StreamDecision> decisions = explanation.events().get(e).streams();
          assertThat(decisions).extracting(StreamDecision::streamId).containsExactlyInAnyOrderElementsOf(streams);
          Map<StreamId, String> enqueued = outcome.published().get(e).result().enqueued();
          for (StreamDecision decision : decisions) {
            assertThat(enqueued.containsKey(decision.streamId()))
                .as("round %d, %s, stream %s: %s", round, TYPES.get(e), decision.streamId(), decision.eligibility())
                .isEqualTo(decision.eligibility().receives());
            assertThat(outcome.published().get(e).result().subjects().get(decision.streamId()))
                .isEqualTo(decision.subject());
            if (decision.subject() != null) {
              expected.computeIfAbsent(decision.streamId(), s -> new ArrayList<>())
                  .add(Map.entry(TYPES.get(e).uri(), decision.subject().toMap()));
              receiving++;
            } else {
              assertThat(outcome.published().get(e).result().skipped().get(decision.streamId()))
                  .isEqualTo(decision.text());
              skipped++;
            }
          }
        }
        for (StreamId stream : streams) {
          List<Map.Entry<String, Object>> stored = new ArrayList<>();
          for (QueuedSet set : queue.claim(stream, 10, ClaimMode.OLDEST_FIRST, clock.instant(), Duration.ofMinutes(1))) {
            Map<String, Object> claims = SignedJWT.parse(set.token()).getJWTClaimsSet().getClaims();
            @SuppressWarnings("unchecked")
            Map<String, Object> events = (Map<String, Object>) claims.get("events");
            stored.add(Map.entry(events.keySet().iterator().next(), claims.get("sub_id")));
          }
          assertThat(stored).as("round %d, stream %s", round, stream)
              .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(stream, List.of()));
        }
      }
    }
    assertThat(receiving).as("decisions that receive").isGreaterThan(50);
    assertThat(skipped).as("decisions that skip").isGreaterThan(50);
  }

  private TransmitterService service(DefaultSubjects defaults, InMemoryEventQueue queue) {
    return TransmitterService.builder()
        .issuer(URI.create(ISSUER))
        .streamStore(InMemoryStreamStore.create())
        .clock(clock)
        .rateLimiter(RateLimiter.unlimited())
        .deliveryMethods(Set.of(DeliveryMethod.PUSH, DeliveryMethod.POLL))
        .defaultSubjects(defaults)
        .setSigner(signer)
        .eventQueue(queue)
        .deadLetterStore(InMemoryDeadLetterStore.create())
        .build();
  }

  /** One to ten poll streams of one organization, each with a random status, event types and subjects. */
  private static List<StreamId> randomStreams(TransmitterService service, SplittableRandom random) {
    List<StreamId> streams = new ArrayList<>();
    int count = 1 + random.nextInt(10);
    for (int n = 0; n < count; n++) {
      Caller caller = Caller.withManageScope("client-" + n, "org-1");
      List<String> types = new ArrayList<>();
      for (EventType type : TYPES) {
        if (random.nextInt(4) > 0) {
          types.add(type.uri());
        }
      }
      if (types.isEmpty()) {
        types.add(EventType.CREDENTIAL_CHANGE.uri());
      }
      StreamId id = service.createStream(caller, new CreateStreamRequest(
          new DeliveryRequest("urn:ietf:rfc:8936", null, null), types, "stream " + n)).streamId();
      for (SubjectIdentifier subject : List.of(EMAIL, ISS_SUB)) {
        switch (random.nextInt(3)) {
          case 0 -> service.addSubject(caller, new AddSubjectRequest(id, subject, null));
          case 1 -> service.removeSubject(caller, new RemoveSubjectRequest(id, subject));
          default -> { } // Never mentioned: the default decides.
        }
      }
      StreamStatus status = StreamStatus.values()[random.nextInt(StreamStatus.values().length)];
      if (status != StreamStatus.ENABLED) {
        service.updateStatus(caller, new UpdateStatusRequest(id, status, null));
      }
      streams.add(id);
    }
    return streams;
  }

  private static IdentityChange change(String eventId, boolean email) {
    IdentityChange.Builder builder = IdentityChange.builder()
        .identityId(IDENTITY)
        .profile("P")
        .change(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "active", "inactive")
        .occurredAt(Instant.parse("2026-03-01T11:59:30Z"))
        .sourceEventId(eventId)
        .orgId("org-1");
    if (email) {
      builder.attribute("email", "ann.smith@example.com");
    }
    return builder.build();
  }
}
