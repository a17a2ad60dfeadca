package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the in-memory store adds to the contract: the subject bound and its argument checks. */
class InMemoryStreamStoreTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final StreamOwner OWNER = new StreamOwner("org-a", "c1");

  private static StreamConfiguration stream() {
    return StreamConfiguration.builder()
        .streamId(StreamId.random())
        .owner(OWNER)
        .issuer("https://tr.example.com")
        .audience("https://rp.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/events"), null))
        .createdAt(NOW)
        .build();
  }

  private static SubjectMembership member(String email, boolean included) {
    return new SubjectMembership(
        SubjectIdentifier.fromMap(Map.of("format", "email", "email", email)), included, true, NOW);
  }

  @Test
  void createWhenMaxSubjectsBelowOneThenIllegalArgument() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InMemoryStreamStore.create(0))
        .withMessageContaining("maxSubjectsPerStream")
        .withMessageContaining("0");
  }

  @Test
  void createThenEachCallReturnsIndependentStore() {
    InMemoryStreamStore first = InMemoryStreamStore.create();
    StreamConfiguration stream = first.insert(stream(), StreamQuota.PRODUCT_DEFAULT);

    assertThat(InMemoryStreamStore.create().find(OWNER, stream.streamId())).isEmpty();
  }

  @Test
  void putSubjectWhenStreamIsFullAndSubjectNewThenInvalidRequest() {
    InMemoryStreamStore store = InMemoryStreamStore.create(2);
    StreamId id = store.insert(stream(), StreamQuota.PRODUCT_DEFAULT).streamId();
    store.putSubject(OWNER, id, member("a@example.com", true));
    store.putSubject(OWNER, id, member("b@example.com", true));

    assertThatExceptionOfType(SsfException.class)
        .isThrownBy(() -> store.putSubject(OWNER, id, member("c@example.com", true)))
        .satisfies(e -> assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST))
        .withMessageContaining("maximum of 2 subjects");
    assertThat(store.findSubject(OWNER, id, member("c@example.com", true).subject())).isEmpty();
  }

  @Test
  void putSubjectWhenStreamIsFullAndSubjectKnownThenReplaces() {
    InMemoryStreamStore store = InMemoryStreamStore.create(1);
    StreamId id = store.insert(stream(), StreamQuota.PRODUCT_DEFAULT).streamId();
    store.putSubject(OWNER, id, member("a@example.com", true));

    store.putSubject(OWNER, id, member("a@example.com", false));

    assertThat(store.findSubject(OWNER, id, member("a@example.com", true).subject()))
        .contains(member("a@example.com", false));
  }

  @Test
  void putSubjectWhenBoundReachedOnOneStreamThenOtherStreamsUnaffected() {
    InMemoryStreamStore store = InMemoryStreamStore.create(1);
    StreamQuota quota = new StreamQuota(2, 2);
    StreamId full = store.insert(stream(), quota).streamId();
    StreamId other = store.insert(stream(), quota).streamId();
    store.putSubject(OWNER, full, member("a@example.com", true));

    store.putSubject(OWNER, other, member("b@example.com", true));

    assertThat(store.findSubject(OWNER, other, member("b@example.com", true).subject())).isPresent();
  }

  @Test
  void insertWhenQuotaReachedThenMessagesNameTheLimits() {
    InMemoryStreamStore store = InMemoryStreamStore.create();
    store.insert(stream(), new StreamQuota(1, 1));

    assertThatExceptionOfType(SsfException.class)
        .isThrownBy(() -> store.insert(stream(), new StreamQuota(1, 1)))
        .withMessage("the client already has the maximum of 1 stream(s)");
    assertThatExceptionOfType(SsfException.class)
        .isThrownBy(() -> store.insert(
            stream().toBuilder().owner(new StreamOwner("org-a", "c2")).build(), new StreamQuota(1, 1)))
        .withMessage("the organization's quota of 1 streams is reached");
  }

  @Test
  void methodsWhenArgumentNullThenNullPointerNamingIt() {
    InMemoryStreamStore store = InMemoryStreamStore.create();
    StreamId id = StreamId.random();

    assertThatNullPointerException().isThrownBy(() -> store.find(OWNER, nullValue())).withMessage("streamId");
    assertThatNullPointerException().isThrownBy(() -> store.list(nullValue())).withMessage("owner");
    assertThatNullPointerException()
        .isThrownBy(() -> store.insert(stream(), nullValue()))
        .withMessage("quota");
    assertThatNullPointerException().isThrownBy(() -> store.update(nullValue(), 1)).withMessage("next");
    assertThatNullPointerException()
        .isThrownBy(() -> store.putSubject(OWNER, id, nullValue()))
        .withMessage("membership");
    assertThatNullPointerException()
        .isThrownBy(() -> store.findSubject(OWNER, id, nullValue()))
        .withMessage("subject");
  }

  // Null where the signature says non-null, to test the guards; one place for nullness checkers to excuse.
  @SuppressWarnings("NullAway")
  private static <T> T nullValue() {
    return null;
  }
}
