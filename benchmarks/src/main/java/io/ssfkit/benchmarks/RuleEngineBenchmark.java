package io.ssfkit.benchmarks;

import io.ssfkit.TransmitterService;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.event.EventType;
import io.ssfkit.rules.EventAction;
import io.ssfkit.rules.EventKind;
import io.ssfkit.rules.Explanation;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamEligibility;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 *   <li>{@code evaluateAndDecide}: the lean path, written against the public API: evaluate every enabled rule's
 *       condition, resolve the subject once, and for each emitted event type (first rule wins) call
 *       {@link StreamEligibility#decide} for each stream of the organization, as publishing does.
 *   <li>{@code processWithoutPublishing}: {@link RuleEngine#process} with a transmitter that publishes nothing:
 *       the engine's evaluation as processing does it (no mismatch reasons), without fan-out or signing.
 *   <li>{@code evaluateOnly}: the same rule loop without the stream decisions, to separate the two costs.
 * </ul>
 *
 * <p>Subjects are {@code iss_sub} of user-0 .. user-999999, user-n added to stream n % 10; streams include only
 * added subjects ({@link DefaultSubjects#NONE}), so every subject lookup is a real hash lookup in a map of 100,000.
 * Streams 0..6 are enabled and deliver session-revoked and account-disabled, 7 is paused, 8 disabled, 9 delivers
 * only credential-change. Each change is one of 4,096 pre-built changes of random identities.
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

  private static final int CHANGES = 4096;

  private InMemoryStreamStore store;
  private RuleEngine engine;
  private SubjectResolver resolver;
  private IdentityChange[] changes;
  private int next;
  private long sequence;

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
        .transmitter(noPublishing())
        .subjectResolver(resolver)
        .streamStore(store)
        .defaultSubjects(DefaultSubjects.NONE)
        .build();
    SplittableRandom random = new SplittableRandom(42);
    changes = new IdentityChange[CHANGES];
    for (int i = 0; i < CHANGES; i++) {
      changes[i] = RuleFixtures.change(random.nextInt(subjects), "evt-" + i);
    }
    check();
  }

  /** Checks the fixture does what the Javadoc says: 3 matches, 2 events, exactly one receiving stream each. */
  private void check() {
    Explanation explanation = engine.explain(changes[0]);
    long matched = explanation.rules().stream()
        .filter(r -> r.verdict() == Explanation.RuleVerdict.MATCHED).count();
    List<Explanation.EventExplanation> published = explanation.events().stream()
        .filter(e -> e.verdict() == Explanation.EventVerdict.PUBLISHED).toList();
    long receiving = published.stream().flatMap(e -> e.streams().stream())
        .filter(d -> d.eligibility().receives()).count();
    if (matched != 3 || published.size() != 2 || explanation.rules().size() != rules
        || receiving != 2 || evaluateAndDecide() != 2) {
      throw new IllegalStateException("unexpected fixture: " + matched + " matched, " + published.size()
          + " events, " + receiving + " receiving decisions");
    }
  }

  /**
   * A transmitter whose publish does nothing (no fan-out, no signing) and reports no stream; anything else
   * fails. Explain never calls it; {@code processWithoutPublishing} does.
   */
  private static TransmitterService noPublishing() {
    return (TransmitterService) Proxy.newProxyInstance(TransmitterService.class.getClassLoader(),
        new Class<?>[] {TransmitterService.class}, (proxy, method, args) -> {
          if (method.getName().equals("publish")) {
            return new PublishResult(((Publication) args[0]).txn(), Map.of(), Map.of());
          }
          throw new UnsupportedOperationException(method.getName());
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
   * Evaluation plus the per-stream decisions, without explanation objects.
   *
   * @return the number of streams that would receive a SET
   */
  @Benchmark
  public int evaluateAndDecide() {
    IdentityChange change = nextChange();
    List<StreamConfiguration> streams = store.listByOrg(change.orgId());
    EnumSet<EventKind> emitted = EnumSet.noneOf(EventKind.class);
    SubjectIdentifier subject = null;
    int receiving = 0;
    for (RevocationRule rule : engine.ruleSet().rules()) {
      if (!rule.enabled() || !rule.condition().evaluate(change).matched()) {
        continue;
      }
      for (EventAction action : rule.actions()) {
        if (!emitted.add(action.kind())) {
          continue;
        }
        if (subject == null) {
          subject = resolver.resolve(change);
        }
        String type = action.kind().eventType().uri();
        for (StreamConfiguration stream : streams) {
          if (StreamEligibility.decide(stream, type, subject, store, DefaultSubjects.NONE).receives()) {
            receiving++;
          }
        }
      }
    }
    return receiving;
  }

  /**
   * {@link RuleEngine#process} with a transmitter that publishes nothing: the engine's own path (evaluation
   * without reasons, building the events, the {@code txn}, the replay claim) without fan-out decisions or
   * signing. Each call has a fresh source event ID, so the replay guard never short-cuts it.
   *
   * @return the outcome
   */
  @Benchmark
  public RuleOutcome processWithoutPublishing() {
    IdentityChange template = nextChange();
    IdentityChange change = new IdentityChange(template.identityId(), template.profile(), template.attributes(),
        template.changes(), template.lifecycleBefore(), template.lifecycleAfter(), template.occurredAt(),
        "evt-p" + (sequence++), template.orgId());
    RuleOutcome outcome = engine.process(change);
    if (outcome.replayed() || outcome.published().size() != 2) {
      throw new IllegalStateException("unexpected outcome " + outcome);
    }
    return outcome;
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
