package io.ssfkit.rules;

import io.ssfkit.TransmitterService;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.subject.SubjectIdentifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns identity changes into security events: evaluates every enabled rule of its {@link RuleSet} on an
 * {@link IdentityChange} and publishes, through {@link TransmitterService#publish}, one event per event type the
 * matching rules emit, all sharing one {@code txn} (SET-6).
 *
 * <ul>
 *   <li>The {@code txn} is a name-based UUID of the organization and the source event ID, so a replay carries the
 *       same one.
 *   <li>When two matching rules emit the same event type, the first in rule-set order wins: at most one event per
 *       type and change.
 *   <li>A source event that was processed before publishes nothing ({@link ProcessedChanges}). When publishing
 *       fails, the claim is released, so a retry can process the change again; events published before the
 *       failure are then published again with the same {@code txn}, which receivers can recognise.
 *   <li>{@link #replace(RuleSet)} swaps the whole rule set atomically: each change is evaluated against exactly one
 *       rule set, never a mix.
 * </ul>
 *
 * <p>Thread-safe: any number of threads may process, explain and replace concurrently.
 */
public final class RuleEngine {

  private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
  /** One MD5 digest per thread: looking one up from the providers on every change costs more than hashing. */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(RuleEngine::newMd5);

  /** The rule set with its index, swapped together. */
  private record Indexed(RuleSet rules, RuleIndex index) {
    Indexed(RuleSet rules) {
      this(rules, new RuleIndex(rules));
    }
  }

  private final AtomicReference<Indexed> ruleSet;
  private final TransmitterService transmitter;
  private final SubjectResolver subjectResolver;
  private final ProcessedChanges processed;

  private RuleEngine(Builder builder) {
    this.ruleSet = new AtomicReference<>(new Indexed(builder.ruleSet));
    this.transmitter = Objects.requireNonNull(builder.transmitter, "transmitter");
    this.subjectResolver = Objects.requireNonNull(builder.subjectResolver, "subjectResolver");
    this.processed = builder.processedChanges != null
        ? builder.processedChanges
        : ProcessedChanges.inMemory(ProcessedChanges.DEFAULT_CAPACITY);
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the current rule set.
   *
   * @return the rules now in force
   */
  public RuleSet ruleSet() {
    return ruleSet.get().rules();
  }

  /**
   * Replaces the rule set atomically; changes being processed finish with the set they started with.
   *
   * @param next the new rules
   * @return the rules that were replaced
   */
  public RuleSet replace(RuleSet next) {
    Objects.requireNonNull(next, "next");
    return ruleSet.getAndSet(new Indexed(next)).rules();
  }

  /**
   * Derives the {@code txn} of a change: a name-based UUID of its organization and source event ID (SET-6).
   *
   * @param change the change
   * @return the transaction ID, the same for every processing of the same source event
   */
  public static String txnOf(IdentityChange change) {
    Objects.requireNonNull(change, "change");
    String name = "ssfkit-rules\u0000" + change.orgId() + '\u0000' + change.sourceEventId();
    // What UUID.nameUUIDFromBytes computes, with this thread's digest (digest() resets it for the next call).
    byte[] md5 = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3, name-based with MD5
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bytes = ByteBuffer.wrap(md5);
    return new UUID(bytes.getLong(), bytes.getLong()).toString();
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
  }

  /**
   * Processes a change: evaluates the rules and publishes the events of the matching ones.
   *
   * @param change the change
   * @return what was matched and published; {@link RuleOutcome#replayed()} when the source event was processed
   *     before
   * @throws io.ssfkit.error.SsfException when publishing fails (the change can then be processed again)
   */
  public RuleOutcome process(IdentityChange change) {
    Objects.requireNonNull(change, "change");
    Indexed rules = ruleSet.get(); // One read: the whole change sees one rule set.
    String txn = txnOf(change);
    if (!processed.claim(change.orgId(), change.sourceEventId())) {
      LOG.debug("identity change {} of org {} was processed before; nothing published",
          change.sourceEventId(), change.orgId());
      return new RuleOutcome(change.sourceEventId(), txn, true, List.of(), List.of(), List.of());
    }
    Plan plan = plan(rules, change, txn, false);
    List<RuleOutcome.Published> published = new ArrayList<>();
    List<RuleOutcome.Problem> problems = new ArrayList<>();
    try {
      for (Planned p : plan.events()) {
        if (p.verdict() == Explanation.EventVerdict.PUBLISHED) {
          Publication publication = Objects.requireNonNull(p.publication());
          PublishResult result = transmitter.publish(publication);
          published.add(new RuleOutcome.Published(p.rule(), publication.event().type(), publication.subject(),
              result));
        } else if (p.verdict() == Explanation.EventVerdict.CANNOT_BUILD) {
          problems.add(new RuleOutcome.Problem(p.rule(), p.kind(), p.text()));
        }
      }
    } catch (RuntimeException e) {
      processed.release(change.orgId(), change.sourceEventId());
      throw e;
    }
    List<String> matched = new ArrayList<>(plan.rules().size());
    for (Explanation.RuleExplanation rule : plan.rules()) {
      matched.add(rule.rule()); // Processing lists matched rules only.
    }
    return new RuleOutcome(change.sourceEventId(), txn, false, matched, published, problems);
  }

  /**
   * Explains what {@link #process} would do with a change, without publishing or recording anything: each
   * rule's verdict and failed condition, and for each event each stream's decision, as the transmitter's
   * {@link TransmitterService#fanOut} makes it.
   *
   * @param change the change
   * @return the explanation
   * @throws io.ssfkit.error.SsfException when the transmitter cannot read its streams
   */
  public Explanation explain(IdentityChange change) {
    Objects.requireNonNull(change, "change");
    String txn = txnOf(change);
    Plan plan = plan(ruleSet.get(), change, txn, true);
    List<Explanation.EventExplanation> events = new ArrayList<>();
    for (Planned p : plan.events()) {
      Publication publication = p.publication();
      List<StreamDecision> decisions = publication == null ? List.of() : transmitter.fanOut(publication);
      events.add(new Explanation.EventExplanation(p.rule(), p.kind(), p.verdict(), p.text(), p.subject(),
          decisions));
    }
    return new Explanation(change.sourceEventId(), txn,
        processed.contains(change.orgId(), change.sourceEventId()), plan.rules(), events);
  }

  /**
   * Evaluates the rules and builds the events, without side effects. Only when explaining does it give every rule
   * a verdict with the reason of a mismatch; otherwise it lists the matched rules alone and builds no reasons
   * (see {@link Matching}).
   */
  private Plan plan(Indexed indexed, IdentityChange change, String txn, boolean explain) {
    List<Explanation.RuleExplanation> verdicts = new ArrayList<>();
    List<Planned> events = new ArrayList<>();
    Shared shared = new Shared();
    // Processing evaluates only the rules that can match; explaining gives every rule its verdict.
    List<RevocationRule> rules = explain ? indexed.rules().rules() : indexed.index().candidates(change);
    for (RevocationRule rule : rules) {
      if (!explain) {
        if (rule.enabled() && Matching.matches(rule.condition(), change)) {
          verdicts.add(new Explanation.RuleExplanation(rule.name(), Explanation.RuleVerdict.MATCHED, null, null,
              ""));
          for (EventAction action : rule.actions()) {
            events.add(build(rule.name(), action, change, txn, shared));
          }
        }
        continue;
      }
      if (!rule.enabled()) {
        verdicts.add(new Explanation.RuleExplanation(rule.name(), Explanation.RuleVerdict.DISABLED, null, null,
            "rule is disabled"));
        continue;
      }
      ConditionResult result = rule.condition().evaluate(change);
      if (!result.matched()) {
        verdicts.add(new Explanation.RuleExplanation(rule.name(), Explanation.RuleVerdict.NOT_MATCHED,
            result.mismatch(), result.failed(), result.reason()));
        continue;
      }
      verdicts.add(new Explanation.RuleExplanation(rule.name(), Explanation.RuleVerdict.MATCHED, null, null, ""));
      for (EventAction action : rule.actions()) {
        events.add(build(rule.name(), action, change, txn, shared));
      }
    }
    return new Plan(verdicts, events);
  }

  private Planned build(String rule, EventAction action, IdentityChange change, String txn, Shared shared) {
    if (shared.emitted.contains(action.kind())) {
      return new Planned(rule, action.kind(), Explanation.EventVerdict.DUPLICATE_TYPE,
          "an earlier rule already emits " + action.kind().wireName() + " for this change", null, null);
    }
    List<SubjectIdentifier> identifiers = List.of();
    try {
      identifiers = action.fixedSubject(change).map(List::of).orElseGet(() -> shared.identifiers(change));
      // Built here, so a subject that does not suit the event shows up in the plan, not as a publish failure.
      Publication publication = new Publication(change.orgId(), identifiers.get(0), action.toEvent(change, rule),
          txn, identifiers.subList(1, identifiers.size()));
      shared.emitted.add(action.kind());
      return new Planned(rule, action.kind(), Explanation.EventVerdict.PUBLISHED, "", publication.subject(),
          publication);
    } catch (IllegalArgumentException e) {
      return new Planned(rule, action.kind(), Explanation.EventVerdict.CANNOT_BUILD,
          String.valueOf(e.getMessage()), identifiers.isEmpty() ? null : identifiers.get(0), null);
    }
  }

  /** What the events of one change share: the types emitted so far, and the identifiers, resolved at most once. */
  private final class Shared {
    private final Set<EventKind> emitted = EnumSet.noneOf(EventKind.class);
    private @Nullable List<SubjectIdentifier> identifiers;

    List<SubjectIdentifier> identifiers(IdentityChange change) {
      if (identifiers == null) {
        // Repeats are dropped rather than refused: a careless resolver must not stop a revocation.
        List<SubjectIdentifier> resolved = subjectResolver.identifiers(change);
        identifiers = List.copyOf(resolved.size() < 2 ? resolved : new LinkedHashSet<>(resolved));
        if (identifiers.isEmpty()) {
          throw new IllegalArgumentException("the subject resolver gave no identifier for identity "
              + change.identityId());
        }
      }
      return identifiers;
    }
  }

  private record Plan(List<Explanation.RuleExplanation> rules, List<Planned> events) {}

  /** One event of the plan: its preferred subject when resolved, and its publication when it is published. */
  private record Planned(
      String rule,
      EventKind kind,
      Explanation.EventVerdict verdict,
      String text,
      @Nullable SubjectIdentifier subject,
      @Nullable Publication publication) {}

  /** Builds a {@link RuleEngine}. Not thread-safe. */
  public static final class Builder {

    private RuleSet ruleSet = RuleSet.empty();
    private @Nullable TransmitterService transmitter;
    private @Nullable SubjectResolver subjectResolver;
    private @Nullable ProcessedChanges processedChanges;

    private Builder() {}

    /**
     * Sets the initial rule set.
     *
     * @param ruleSet the rules; empty by default
     * @return this builder
     */
    public Builder ruleSet(RuleSet ruleSet) {
      this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet");
      return this;
    }

    /**
     * Sets the transmitter the events are published through, whose fan-out decisions explanations report.
     * Required.
     *
     * @param transmitter the transmitter
     * @return this builder
     */
    public Builder transmitter(TransmitterService transmitter) {
      this.transmitter = Objects.requireNonNull(transmitter, "transmitter");
      return this;
    }

    /**
     * Sets how identities map to subjects. Required; {@link SubjectResolver#ofDefaults(String)} is the default
     * mapping.
     *
     * @param subjectResolver the resolver
     * @return this builder
     */
    public Builder subjectResolver(SubjectResolver subjectResolver) {
      this.subjectResolver = Objects.requireNonNull(subjectResolver, "subjectResolver");
      return this;
    }

    /**
     * Sets the record of processed source events.
     *
     * @param processedChanges the record; by default in memory with {@link ProcessedChanges#DEFAULT_CAPACITY}
     * @return this builder
     */
    public Builder processedChanges(ProcessedChanges processedChanges) {
      this.processedChanges = Objects.requireNonNull(processedChanges, "processedChanges");
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     * @throws NullPointerException when the transmitter or the subject resolver is missing
     */
    public RuleEngine build() {
      return new RuleEngine(this);
    }
  }
}
