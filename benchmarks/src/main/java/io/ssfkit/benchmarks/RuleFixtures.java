package io.ssfkit.benchmarks;

import io.ssfkit.event.EventType;
import io.ssfkit.rules.Condition;
import io.ssfkit.rules.EventAction;
import io.ssfkit.rules.EventKind;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rule sets, streams and identity changes the rule-engine benchmarks share. */
final class RuleFixtures {

  static final String ISSUER = "https://tr.example.com";
  static final String ORG = "org-1";
  static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  static final StreamQuota QUOTA = new StreamQuota(1, 100);

  private RuleFixtures() {}

  /**
   * A rule set of {@code size} rules, none of which matches {@link #change} except those named in
   * {@code matching}. The non-matching rules vary over every condition type, so each fails for its own reason:
   * another profile, another lifecycle state, an attribute that did not change or changed to another value, a
   * regular expression that does not match, an {@code any} of which nothing matches, a negation that matches.
   *
   * @param size the number of rules
   * @param matching how many matching rules: 1 = one session-revoked lifecycle rule; 3 = that one, a second
   *     session-revoked rule (a duplicate type, dropped), and one that emits RISC account-disabled
   */
  static RuleSet rules(int size, int matching) {
    List<RevocationRule> rules = new ArrayList<>(size);
    int[] at = matching == 1 ? new int[] {size / 2} : new int[] {size / 10, size / 2, size - size / 10};
    int next = 0;
    for (int i = 0; i < size; i++) {
      if (next < at.length && i == at[next]) {
        rules.add(matching(next, i));
        next++;
        continue;
      }
      Condition condition = switch (i % 8) {
        case 0 -> new Condition.All(List.of(
            new Condition.ProfileIn(Set.of("Profile-" + i)),
            new Condition.LifecycleEntered(Set.of("inactive", "terminated"))));
        case 1 -> new Condition.All(List.of(
            new Condition.ProfileIn(Set.of("Employees", "Contractors")),
            new Condition.LifecycleEntered(Set.of("state-" + i))));
        case 2 -> new Condition.AttributeChangedTo("department", "Dept-" + i);
        case 3 -> new Condition.AttributeMatches("location", "Site-" + i + "-[A-Z]{2,4}");
        case 4 -> new Condition.Any(List.of(
            new Condition.AttributeChangedFrom("title", "Title-" + i),
            new Condition.AttributeChanged("manager-" + i)));
        case 5 -> new Condition.All(List.of(
            new Condition.AttributeChangedTo("title", "Title-" + i),
            new Condition.LifecycleEntered(Set.of("inactive"))));
        case 6 -> new Condition.All(List.of(
            new Condition.AttributeMatches("costCenter", "CC-" + i + "\\d*"),
            new Condition.ProfileIn(Set.of("Employees"))));
        default -> new Condition.All(List.of(
            new Condition.Not(new Condition.ProfileIn(Set.of("Employees"))),
            new Condition.LifecycleEntered(Set.of("inactive"))));
      };
      rules.add(RevocationRule.builder("rule-" + i).when(condition)
          .emit(EventAction.of(i % 3 == 0 ? EventKind.ACCOUNT_DISABLED : EventKind.SESSION_REVOKED)).build());
    }
    return new RuleSet(rules);
  }

  private static RevocationRule matching(int which, int i) {
    return switch (which) {
      case 0 -> RevocationRule.lifecycle("leavers-" + i, Set.of("Employees", "Contractors"),
          Set.of("inactive", "terminated"));
      case 1 -> RevocationRule.lifecycle("employees-inactive-" + i, Set.of("Employees"), Set.of("inactive"));
      default -> RevocationRule.builder("disable-accounts-" + i)
          .when(new Condition.All(List.of(
              new Condition.ProfileIn(Set.of("Employees")),
              new Condition.LifecycleEntered(Set.of("inactive")))))
          .emit(EventAction.of(EventKind.ACCOUNT_DISABLED))
          .build();
    };
  }

  /** The change every matching rule fires on: identity {@code user-n} of profile Employees enters inactive. */
  static IdentityChange change(int identity, String sourceEventId) {
    return change(identity, sourceEventId, false);
  }

  /** The same, with the attribute {@code email} = {@code user-n@example.com} when asked for. */
  static IdentityChange change(int identity, String sourceEventId, boolean email) {
    IdentityChange.Builder builder = IdentityChange.builder();
    if (email) {
      builder.attribute("email", "user-" + identity + "@example.com");
    }
    return builder
        .identityId("user-" + identity)
        .profile("Employees")
        .attribute("location", "HQ")
        .attribute("costCenter", "CC-1234")
        .attribute("department", "Sales")
        .change(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "active", "inactive")
        .change("title", "Manager", "Former manager")
        .occurredAt(AT)
        .sourceEventId(sourceEventId)
        .orgId(ORG)
        .build();
  }

  /** Inserts a poll stream of its own client into the store. */
  static StreamConfiguration stream(InMemoryStreamStore store, int n, StreamStatus status, EventType... delivered) {
    List<String> uris = new ArrayList<>();
    for (EventType type : delivered) {
      uris.add(type.uri());
    }
    return store.insert(StreamConfiguration.builder()
        .streamId(StreamId.of("stream-" + n))
        .owner(new StreamOwner(ORG, "client-" + n))
        .issuer(ISSUER)
        .audience("https://rp" + n + ".example.com")
        .delivery(new Delivery(DeliveryMethod.POLL, URI.create(ISSUER + "/ssf/poll/stream-" + n), null))
        .eventsSupported(uris)
        .eventsRequested(uris)
        .eventsDelivered(uris)
        .status(status)
        .createdAt(AT.plusSeconds(n))
        .updatedAt(AT.plusSeconds(n))
        .build(), QUOTA);
  }
}
