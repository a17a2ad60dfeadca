package io.ssfkit.jackson.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.event.EventType;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.rules.Explanation;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.DeliveryRequest;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamEligibility;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.subject.AddSubjectRequest;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import io.ssfkit.testkit.MutableClock;
import io.ssfkit.testkit.RecordingDeliveryChannel;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Identity changes in, signed SETs out: the rule engine on a real transmitter with in-memory parts. */
class RuleEngineEndToEndTest {

  private static final String ISSUER = "https://tr.example.com";
  private static final String SESSION_REVOKED = EventType.SESSION_REVOKED.uri();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration NOTHING_WITHIN = Duration.ofMillis(300);
  private static final String RULES = """
      {"rules": [{"name": "leavers",
                  "when": {"all": [{"profileIn": ["P"]}, {"lifecycleEntered": ["inactive", "terminated"]}]},
                  "emit": [{"event": "session-revoked",
                            "reasonAdmin": {"en": "Identity ${identity.id} entered ${lifecycle.after}"}}]}]}""";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private final RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
  private final InMemoryStreamStore store = InMemoryStreamStore.create();
  private final SetSigner signer =
      SetSigner.nimbus(KeyRing.create(SigningKeys.generate(JWSAlgorithm.RS256, 2048), Duration.ofDays(1), clock));

  private TransmitterService transmitter(DefaultSubjects defaults) {
    return TransmitterService.builder()
        .issuer(URI.create(ISSUER))
        .streamStore(store)
        .clock(clock)
        .rateLimiter(RateLimiter.unlimited())
        .defaultSubjects(defaults)
        .setSigner(signer)
        .eventQueue(InMemoryEventQueue.create())
        .deadLetterStore(InMemoryDeadLetterStore.create())
        .deliveryChannel(channel)
        .build();
  }

  private static RuleEngine engine(TransmitterService service) {
    return RuleEngine.builder()
        .transmitter(service)
        .subjectResolver(SubjectResolver.ofDefaults(ISSUER))
        .ruleSet(RuleJson.readRuleSet(RULES))
        .build();
  }

  private static StreamId stream(TransmitterService service, Caller caller, String host) {
    return service.createStream(caller, new CreateStreamRequest(
            new DeliveryRequest("urn:ietf:rfc:8935", "https://" + host + ".example.com/events", "Bearer x"),
            List.of(SESSION_REVOKED), host))
        .streamId();
  }

  private static IdentityChange change(String eventId, String before, String after) {
    return RuleJson.readIdentityChange("""
        {"identity": {"id": "2c9180835d2e5168015d32f890ca1581", "name": "Ann", "type": "IDENTITY"},
         "changes": [{"attribute": "cloudLifecycleState", "oldValue": "%s", "newValue": "%s"}],
         "orgId": "org-1", "profile": "P", "eventId": "%s", "occurredAt": "2026-03-01T11:59:30Z"}"""
        .formatted(before, after, eventId), IdentityChangeOptions.ofDefaults(Clock.systemUTC()));
  }

  /** Takes the next delivery and returns its verified claims, checking it went to the host. */
  private Map<String, Object> next(String host) throws Exception {
    Optional<RecordingDeliveryChannel.Attempt> attempt = channel.takeNext(WAIT);
    assertThat(attempt).as("a SET for " + host).isPresent();
    assertThat(attempt.get().target().endpointUrl().getHost()).isEqualTo(host + ".example.com");
    SignedJWT jwt = SignedJWT.parse(attempt.get().token());
    RSAKey key = JWKSet.parse(signer.jwks()).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    return jwt.getJWTClaimsSet().getClaims();
  }

  @Test
  @DisplayName("issue 5: profile P enters inactive -> one session-revoked per enabled stream; paused on enable; disabled never")
  void processWhenIdentityEntersInactiveThenEveryEnabledStreamGetsOneSet() throws Exception {
    try (TransmitterService service = transmitter(DefaultSubjects.ALL)) {
      Caller a = Caller.withManageScope("client-a", "org-1");
      Caller b = Caller.withManageScope("client-b", "org-1");
      Caller c = Caller.withManageScope("client-c", "org-1");
      stream(service, a, "enabled");
      StreamId paused = stream(service, b, "paused");
      StreamId disabled = stream(service, c, "disabled");
      service.updateStatus(b, new UpdateStatusRequest(paused, StreamStatus.PAUSED, null));
      service.updateStatus(c, new UpdateStatusRequest(disabled, StreamStatus.DISABLED, null));
      RuleEngine engine = engine(service);
      IdentityChange change = change("evt-1", "active", "inactive");

      Explanation explanation = engine.explain(change);
      RuleOutcome outcome = engine.process(change);
      RuleOutcome replay = engine.process(change);

      assertThat(explanation.events().get(0).streams()).extracting(StreamDecision::eligibility)
          .containsExactlyInAnyOrder(StreamEligibility.RECEIVES, StreamEligibility.HELD_WHILE_PAUSED,
              StreamEligibility.STREAM_DISABLED);
      assertThat(outcome.published()).singleElement()
          .satisfies(p -> assertThat(p.result().skipped()).containsEntry(disabled, "stream disabled"));
      assertThat(replay.replayed()).isTrue();

      Map<String, Object> claims = next("enabled");
      assertThat(claims.get("sub_id")).isEqualTo(Map.of("format", "iss_sub", "iss", ISSUER,
          "sub", "2c9180835d2e5168015d32f890ca1581"));
      assertThat(claims.get("txn")).isEqualTo(outcome.txn()).isEqualTo(explanation.txn());
      @SuppressWarnings("unchecked")
      Map<String, Object> event = (Map<String, Object>) ((Map<String, Object>) claims.get("events")).get(SESSION_REVOKED);
      assertThat(event.get("reason_admin"))
          .isEqualTo(Map.of("en", "Identity 2c9180835d2e5168015d32f890ca1581 entered inactive"));
      assertThat(((Number) event.get("event_timestamp")).longValue())
          .isEqualTo(Instant.parse("2026-03-01T11:59:30Z").getEpochSecond());
      assertThat(channel.takeNext(NOTHING_WITHIN)).as("paused and disabled streams get nothing yet").isEmpty();

      service.updateStatus(b, new UpdateStatusRequest(paused, StreamStatus.ENABLED, null));
      assertThat(next("paused").get("txn")).isEqualTo(outcome.txn());

      service.updateStatus(c, new UpdateStatusRequest(disabled, StreamStatus.ENABLED, null));
      assertThat(channel.takeNext(NOTHING_WITHIN)).as("a disabled stream never gets it, nor a replay").isEmpty();
      assertThat(channel.delivered()).hasSize(2);
    }
  }

  @Test
  @DisplayName("SUBJ-1: with default_subjects NONE a stream gets the SET only after the subject was added")
  void processWhenDefaultSubjectsNoneThenOnlyAfterSubjectAdded() throws Exception {
    try (TransmitterService service = transmitter(DefaultSubjects.NONE)) {
      Caller a = Caller.withManageScope("client-a", "org-1");
      StreamId id = stream(service, a, "none");
      RuleEngine engine = engine(service);

      RuleOutcome before = engine.process(change("evt-1", "active", "inactive"));
      assertThat(before.published().get(0).result().skipped()).containsEntry(id, "subject not in the stream");
      assertThat(channel.takeNext(NOTHING_WITHIN)).isEmpty();

      service.addSubject(a, new AddSubjectRequest(id,
          SubjectIdentifier.issSub(ISSUER, "2c9180835d2e5168015d32f890ca1581"), null));
      RuleOutcome after = engine.process(change("evt-2", "active", "terminated"));

      assertThat(next("none").get("txn")).isEqualTo(after.txn());
      assertThat(after.txn()).isNotEqualTo(before.txn());
    }
  }

  @Test
  @DisplayName("FMT-6, SUBJ-1: an identity with an email reaches a receiver that added its email under the email, "
      + "and one that added its iss_sub under the iss_sub, which explain shows per stream")
  void processWhenReceiversAddedDifferentIdentifiersThenEachGetsItsOwn() throws Exception {
    try (TransmitterService service = transmitter(DefaultSubjects.NONE)) {
      Caller a = Caller.withManageScope("client-a", "org-1");
      Caller b = Caller.withManageScope("client-b", "org-1");
      StreamId byEmail = stream(service, a, "by-email");
      StreamId byIssSub = stream(service, b, "by-iss-sub");
      SubjectIdentifier email = SubjectIdentifier.email("ann.smith@example.com");
      SubjectIdentifier issSub = SubjectIdentifier.issSub(ISSUER, "2c9180835d2e5168015d32f890ca1581");
      service.addSubject(a, new AddSubjectRequest(byEmail, email, null));
      service.addSubject(b, new AddSubjectRequest(byIssSub, issSub, null));
      RuleEngine engine = engine(service);
      IdentityChange change = RuleJson.readIdentityChange("""
          {"identity": {"id": "2c9180835d2e5168015d32f890ca1581", "name": "Ann", "type": "IDENTITY"},
           "changes": [{"attribute": "cloudLifecycleState", "oldValue": "active", "newValue": "inactive"}],
           "attributes": {"email": "ann.smith@example.com"},
           "orgId": "org-1", "profile": "P", "eventId": "evt-1", "occurredAt": "2026-03-01T11:59:30Z"}""",
          IdentityChangeOptions.ofDefaults(Clock.systemUTC()));

      Explanation explanation = engine.explain(change);
      RuleOutcome outcome = engine.process(change);

      assertThat(explanation.events().get(0).streams()).extracting(StreamDecision::subject)
          .containsExactly(email, issSub);
      assertThat(outcome.published()).singleElement()
          .satisfies(p -> assertThat(p.result().enqueued()).containsOnlyKeys(byEmail, byIssSub));
      Map<String, Map<String, Object>> byHost = new java.util.HashMap<>();
      for (int i = 0; i < 2; i++) {
        Optional<RecordingDeliveryChannel.Attempt> attempt = channel.takeNext(WAIT);
        assertThat(attempt).isPresent();
        byHost.put(attempt.get().target().endpointUrl().getHost(),
            SignedJWT.parse(attempt.get().token()).getJWTClaimsSet().getClaims());
      }
      assertThat(byHost.get("by-email.example.com").get("sub_id")).isEqualTo(email.toMap());
      assertThat(byHost.get("by-iss-sub.example.com").get("sub_id")).isEqualTo(issSub.toMap());
      assertThat(byHost.get("by-email.example.com").get("txn")).isEqualTo(outcome.txn())
          .isEqualTo(byHost.get("by-iss-sub.example.com").get("txn"));
      assertThat(channel.takeNext(NOTHING_WITHIN)).as("one SET per stream").isEmpty();
    }
  }
}
