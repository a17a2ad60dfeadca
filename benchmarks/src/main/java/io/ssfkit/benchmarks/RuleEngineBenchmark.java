package io.ssfkit.benchmarks;

import io.ssfkit.TransmitterService;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.event.EventType;
import io.ssfkit.rules.Explanation;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation and fan-out decisions without signing: identity changes per second on one thread, against 1,000
 * rules (three match), 10 streams of one organization and 1,000,000 added subjects. See BENCHMARKS.md.
 *
 * <ul>
 *   <li>{@code explain}: {@link RuleEngine#explain}, the public dry run. Besides evaluating and deciding it builds
 *       a verdict per rule and a decision per stream, derives the {@code txn} (an MD5 name-based UUID) and asks
 *       the replay record whether the change was seen.
 *   <li>{@code processAndDecide}: the target measure. {@link RuleEngine#process} with a transmitter whose
 *       {@code publish} makes the real transmitter's fan-out decisions ({@link
 *       TransmitterService#fanOut}, the decision its {@code publish} makes before signing) and signs and enqueues nothing: the
 *       engine's evaluation through its rule index, building the events, the {@code txn}, the replay claim, and
 *       the per-stream decisions.
 *   <li>{@code buildAndProcess}: the same, constructing the {@link IdentityChange} first, as a host does when it
 *       parses one.
 *   <li>{@code evaluateOnly}: every enabled rule's condition, one by one, without the index: the per-rule cost,
 *       and the worst case of a rule set the index cannot narrow.
 * </ul>
 *
 * <p>Subjects are {@code iss_sub} of user-0 .. user-999999, user-n added to stream n % 10; streams include only
 * added subjects ({@link DefaultSubjects#NONE}), so every subject lookup is a real hash lookup among 1,000,000 subjects.
 * Streams 0..6 are enabled and deliver session-revoked and account-disabled, 7 is paused, 8 disabled, 9 delivers
 * only credential-change. Each change is one of 131,072 pre-built changes of random identities, each with its own
 * source event ID: more than the replay record keeps ({@link io.ssfkit.rules.ProcessedChanges#DEFAULT_CAPACITY}),
 * so by the time a change comes round again its ID has been evicted and processing it is not a replay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEngineBenchmark {

  /** How many rules the set holds. */
  @Param({"1000"})
  public int rules;

  /** How many subjects are added, spread over the 10 streams. */
  @Param({"1000000"})
  public int subjects;

  /**
   * Whether the identities have an email: then the default resolver offers the email, then the {@code iss_sub}
   * the streams added, and each subject check of a stream that lacks the subject reads the store twice.
   */
  @Param({"false"})
  public boolean email;

  private static final int CHANGES = 1 << 17;

  private InMemoryStreamStore store;
  private RuleEngine engine;
  private SubjectResolver resolver;
  private IdentityChange[] changes;
  private int next;

  /**
   * Builds the store with its subjects, the rule set and the changes, once per trial.
   */
  @Setup(Level.Trial)
  public void setUp() {
    store = InMemoryStreamStore.create();
    List<EventType> both = List.of(EventType.SESSION_REVOKED, EventType.ACCOUNT_DISABLED);
    for (int n = 0; n < 10; n++) {
      StreamStatus status = n == 7 ? StreamStatus.PAUSED : n == 8 ? StreamStatus.DISABLED : StreamStatus.ENABLED;
      if (n == 9) {
        RuleFixtures.stream(store, n, status, EventType.CREDENTIAL_CHANGE);
      } else {
        RuleFixtures.stream(store, n, status, both.toArray(EventType[]::new));
      }
    }
    List<StreamConfiguration> streams = store.listByOrg(RuleFixtures.ORG);
    for (int i = 0; i < subjects; i++) {
      StreamConfiguration stream = streams.get(i % streams.size());
      SubjectIdentifier subject = SubjectIdentifier.issSub(RuleFixtures.ISSUER, "user-" + i);
      store.putSubject(stream.owner(), stream.streamId(),
          new SubjectMembership(subject, true, false, RuleFixtures.AT));
    }
    resolver = SubjectResolver.ofDefaults(RuleFixtures.ISSUER);
    engine = RuleEngine.builder()
        .ruleSet(RuleFixtures.rules(rules, 3))
        .transmitter(deciding())
        .subjectResolver(resolver)
        .build();
    SplittableRandom random = new SplittableRandom(42);
    changes = new IdentityChange[CHANGES];
    for (int i = 0; i < CHANGES; i++) {
      changes[i] = RuleFixtures.change(random.nextInt(subjects), "evt-" + i, email);
    }
    check();
  }

  /**
   * Checks the fixture does what the Javadoc says: 3 matches, 2 events, exactly one receiving stream each, and
   * the same from processing.
   */
  private void check() {
    Explanation explanation = engine.explain(changes[0]);
    long matched = explanation.rules().stream()
        .filter(r -> r.verdict() == Explanation.RuleVerdict.MATCHED).count();
    List<Explanation.EventExplanation> published = explanation.events().stream()
        .filter(e -> e.verdict() == Explanation.EventVerdict.PUBLISHED).toList();
    long receiving = published.stream().flatMap(e -> e.streams().stream())
        .filter(d -> d.eligibility().receives()).count();
    int processed = processAndDecide(); // changes[0], which explaining did not record; it comes round again last.
    if (matched != 3 || published.size() != 2 || explanation.rules().size() != rules || receiving != 2
        || processed != 2) {
      throw new IllegalStateException("unexpected fixture: " + matched + " matched, " + published.size()
          + " events, " + receiving + " receiving decisions, " + processed + " from processing");
    }
  }

  /**
   * A transmitter whose {@code publish} makes the real transmitter's fan-out decisions ({@link
   * TransmitterService#fanOut} of a transmitter over the same store, with {@code default_subjects} NONE) but signs
   * and enqueues nothing; {@code fanOut} is the real one's, for explanations; anything else fails.
   */
  private TransmitterService deciding() {
    TransmitterService real = TransmitterService.builder()
        .issuer(URI.create(RuleFixtures.ISSUER))
        .streamStore(store)
        .defaultSubjects(DefaultSubjects.NONE)
        .build();
    return (TransmitterService) Proxy.newProxyInstance(TransmitterService.class.getClassLoader(),
        new Class<?>[] {TransmitterService.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "fanOut":
              return real.fanOut((Publication) args[0]);
            case "publish":
              Publication publication = (Publication) args[0];
              PublishResult.Builder result = PublishResult.builder(publication.txn());
              for (StreamDecision decision : real.fanOut(publication)) {
                if (decision.subject() != null) {
                  result.enqueued(decision.streamId(), "not signed", decision.subject());
                } else {
                  result.skipped(decision.streamId(), decision.text());
                }
              }
              return result.build();
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  private IdentityChange nextChange() {
    IdentityChange change = changes[next];
    next = (next + 1) & (CHANGES - 1);
    return change;
  }

  /**
   * The engine's dry run.
   *
   * @return the explanation
   */
  @Benchmark
  public Explanation explain() {
    return engine.explain(nextChange());
  }

  /**
   * {@link RuleEngine#process} of a pre-built change, with the fan-out decisions and without signing: the target
   * measure.
   *
   * @return how many streams would receive a SET
   */
  @Benchmark
  public int processAndDecide() {
    return processed(engine.process(nextChange()));
  }

  /**
   * The same, building the change first, as a host does when it parses one: the {@link IdentityChange} constructor
   * validates and copies its attributes and changes.
   *
   * @return how many streams would receive a SET
   */
  @Benchmark
  public int buildAndProcess() {
    IdentityChange template = nextChange();
    return processed(engine.process(new IdentityChange(template.identityId(), template.profile(),
        template.attributes(), template.changes(), template.lifecycleBefore(), template.lifecycleAfter(),
        template.occurredAt(), template.sourceEventId(), template.orgId())));
  }

  private static int processed(RuleOutcome outcome) {
    if (outcome.replayed() || outcome.published().size() != 2) {
      throw new IllegalStateException("unexpected outcome " + outcome);
    }
    int receiving = 0;
    for (RuleOutcome.Published published : outcome.published()) {
      receiving += published.result().enqueued().size();
    }
    return receiving;
  }

  /**
   * Evaluation alone.
   *
   * @return the number of matching rules
   */
  @Benchmark
  public int evaluateOnly() {
    IdentityChange change = nextChange();
    RuleSet set = engine.ruleSet();
    int matched = 0;
    for (RevocationRule rule : set.rules()) {
      if (rule.enabled() && rule.condition().evaluate(change).matched()) {
        matched++;
      }
    }
    return matched;
  }
}
