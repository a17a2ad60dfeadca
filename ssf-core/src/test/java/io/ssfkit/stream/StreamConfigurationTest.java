package io.ssfkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamConfigurationTest {

  private static final String SESSION_REVOKED =
      "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
  private static final String CREDENTIAL_CHANGE =
      "https://schemas.openid.net/secevent/caep/event-type/credential-change";

  @Test
  @DisplayName("CFG-3 unknown requested URIs are ignored: delivered holds only supported ones, in request order")
  void negotiateEventsWhenUnknownRequestedThenIgnored() {
    List<String> delivered = StreamConfiguration.negotiateEvents(
        List.of(SESSION_REVOKED, CREDENTIAL_CHANGE),
        List.of("urn:x:unknown", CREDENTIAL_CHANGE, SESSION_REVOKED, CREDENTIAL_CHANGE));
    assertThat(delivered).containsExactly(CREDENTIAL_CHANGE, SESSION_REVOKED);
  }

  @Test
  @DisplayName("CFG-4 delivered is always a subset of supported ∩ requested (random inputs)")
  void negotiateEventsWhenRandomInputsThenSubsetOfIntersection() {
    Random random = new Random(42);
    List<String> universe = List.of("a:1", "a:2", "a:3", "a:4", "a:5", "a:6");
    for (int round = 0; round < 1_000; round++) {
      List<String> supported = pick(universe, random);
      List<String> requested = pick(universe, random);
      Set<String> intersection = new HashSet<>(supported);
      intersection.retainAll(requested);
      List<String> delivered = StreamConfiguration.negotiateEvents(supported, requested);
      assertThat(new HashSet<>(delivered)).isEqualTo(intersection);
      assertThat(delivered).doesNotHaveDuplicates();
    }
  }

  @Test
  void constructorWhenDeliveredNotSubsetThenRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stream().eventsSupported(List.of(SESSION_REVOKED))
            .eventsRequested(List.of(CREDENTIAL_CHANGE))
            .eventsDelivered(List.of(CREDENTIAL_CHANGE))
            .build())
        .withMessageContaining("eventsDelivered");
  }

  @Test
  void toBuilderWhenRebuiltThenEqual() {
    StreamConfiguration original = stream()
        .eventsSupported(List.of(SESSION_REVOKED))
        .eventsRequested(List.of(SESSION_REVOKED))
        .eventsDelivered(List.of(SESSION_REVOKED))
        .description("d")
        .statusReason("r")
        .version(3)
        .build();
    assertThat(original.toBuilder().build()).usingRecursiveComparison().isEqualTo(original);
  }

  @Test
  void deliveryToStringWhenHeaderSetThenRedacted() {
    Delivery delivery = new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/e"), "Bearer s3cret");
    assertThat(delivery.toString()).doesNotContain("s3cret").contains("<redacted>");
    assertThat(new DeliveryRequest("m", "u", "Bearer s3cret").toString()).doesNotContain("s3cret");
    assertThat(new DeliveryUpdate("m", "u", "Bearer s3cret").toString()).doesNotContain("s3cret");
  }

  private static StreamConfiguration.Builder stream() {
    return StreamConfiguration.builder()
        .streamId(StreamId.of("s1"))
        .owner(new StreamOwner("org", "client"))
        .issuer("https://tr.example.com")
        .audience("https://rp.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/e"), null))
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static List<String> pick(List<String> universe, Random random) {
    List<String> out = new ArrayList<>();
    for (String s : universe) {
      if (random.nextBoolean()) {
        out.add(s);
      }
    }
    return out;
  }
}
