package io.ssfkit.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.TransmitterService;
import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.event.EventType;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKey;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import io.ssfkit.testkit.RecordingDeliveryChannel;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The full path of an identity change, evaluate, sign, enqueue, against bare nimbus RS256 signing of as many SETs,
 * both in SETs per second (see BENCHMARKS.md).
 *
 * <p>{@code fullPath} calls {@link RuleEngine#process} on a {@link TransmitterService} with a real RS256
 * {@link SetSigner#nimbus} signer, an {@link InMemoryEventQueue}, an {@link InMemoryDeadLetterStore} and a
 * {@link RecordingDeliveryChannel}. The rule set holds 1,000 rules (parameter {@code rules}) of which exactly one matches (session-revoked);
 * the organization has 10 poll streams (so no push dispatcher works in the background): the identity is added to
 * streams 0..2, which are enabled; 3..9 do not have it (8 is disabled). So every change publishes exactly
 * {@value #SETS_PER_CHANGE} SETs, which the benchmark checks on every call, and
 * {@code @OperationsPerInvocation} turns its score into SETs per second. Each call has a fresh source event ID, so
 * the replay guard never turns it into a no-op; the outboxes are purged before every iteration.
 *
 * <p>{@code bareNimbus} signs, with the same key and an RS256 nimbus signer created once, the claims of a SET the
 * full path produced in the setup (parsed back from its compact form), like {@link SetSigningBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEngineFullPathBenchmark {

  static final int SETS_PER_CHANGE = 3;
  private static final int IDENTITIES = 1000;

  /** How many rules the set holds; exactly one matches. */
  @Param({"1000"})
  public int rules;

  private InMemoryStreamStore store;
  private InMemoryEventQueue queue;
  private TransmitterService transmitter;
  private RuleEngine engine;
  private List<StreamConfiguration> streams;
  private long sequence;
  private Map<String, Object> claims;
  private JWSHeader bareHeader;
  private JWSSigner bareSigner;

  /**
   * Builds the transmitter, the streams, the subjects and the engine, and the bare signer of the same key.
   *
   * @throws JOSEException if nimbus cannot generate the key
   * @throws ParseException never: the SET parses
   */
  @Setup(Level.Trial)
  public void setUp() throws JOSEException, ParseException {
    RSAKey jwk = new RSAKeyGenerator(2048).generate();
    SigningKey key = SigningKeys.fromJwk(jwk.toJSONString(), JWSAlgorithm.RS256);
    Clock clock = Clock.systemUTC();
    store = InMemoryStreamStore.create();
    queue = InMemoryEventQueue.create();
    transmitter = TransmitterService.builder()
        .issuer(URI.create(RuleFixtures.ISSUER))
        .streamStore(store)
        .clock(clock)
        .deliveryMethods(Set.of(DeliveryMethod.PUSH, DeliveryMethod.POLL))
        .defaultSubjects(DefaultSubjects.NONE)
        .setSigner(SetSigner.nimbus(KeyRing.create(key, Duration.ofHours(24), clock)))
        .eventQueue(queue)
        .deadLetterStore(InMemoryDeadLetterStore.create())
        .deliveryChannel(RecordingDeliveryChannel.create())
        .build();
    for (int n = 0; n < 10; n++) {
      RuleFixtures.stream(store, n, n == 8 ? StreamStatus.DISABLED : StreamStatus.ENABLED,
          EventType.SESSION_REVOKED, EventType.ACCOUNT_DISABLED);
    }
    streams = store.listByOrg(RuleFixtures.ORG);
    for (int i = 0; i < IDENTITIES; i++) {
      SubjectIdentifier subject = SubjectIdentifier.issSub(RuleFixtures.ISSUER, "user-" + i);
      for (int n = 0; n < SETS_PER_CHANGE; n++) {
        store.putSubject(streams.get(n).owner(), streams.get(n).streamId(),
            new SubjectMembership(subject, true, false, RuleFixtures.AT));
      }
    }
    engine = RuleEngine.builder()
        .ruleSet(RuleFixtures.rules(rules, 1))
        .transmitter(transmitter)
        .subjectResolver(SubjectResolver.ofDefaults(RuleFixtures.ISSUER))
        .build();

    fullPath();
    List<QueuedSet> produced = queue.claim(streams.get(0).streamId(), 1, ClaimMode.PER_KEY_HEAD, clock.instant(),
        Duration.ofMinutes(1));
    SignedJWT sample = SignedJWT.parse(produced.get(0).token());
    claims = sample.getJWTClaimsSet().toJSONObject();
    bareHeader = new JWSHeader.Builder(JWSAlgorithm.RS256)
        .type(new JOSEObjectType("secevent+jwt"))
        .keyID(key.keyId())
        .build();
    bareSigner = new RSASSASigner(jwk);
  }

  /** Empties the outboxes, so that they do not grow from one iteration to the next. */
  @Setup(Level.Iteration)
  public void purge() {
    for (StreamConfiguration stream : streams) {
      queue.purge(stream.streamId());
    }
  }

  /** Stops the transmitter's delivery machinery. */
  @TearDown(Level.Trial)
  public void tearDown() {
    transmitter.close();
  }

  /**
   * Processes one identity change that publishes {@value #SETS_PER_CHANGE} SETs.
   *
   * @return the outcome
   */
  @Benchmark
  @OperationsPerInvocation(SETS_PER_CHANGE)
  public RuleOutcome fullPath() {
    long n = sequence++;
    RuleOutcome outcome = engine.process(RuleFixtures.change((int) (n % IDENTITIES), "evt-" + n));
    if (outcome.published().size() != 1
        || outcome.published().get(0).result().enqueued().size() != SETS_PER_CHANGE) {
      throw new IllegalStateException("expected " + SETS_PER_CHANGE + " SETs, got " + outcome);
    }
    return outcome;
  }

  /**
   * Signs the claims of one such SET with nimbus alone.
   *
   * @return the compact JWS
   * @throws ParseException never: the claims are valid
   * @throws JOSEException if signing fails
   */
  @Benchmark
  public String bareNimbus() throws ParseException, JOSEException {
    SignedJWT jwt = new SignedJWT(bareHeader, JWTClaimsSet.parse(claims));
    jwt.sign(bareSigner);
    return jwt.serialize();
  }
}
