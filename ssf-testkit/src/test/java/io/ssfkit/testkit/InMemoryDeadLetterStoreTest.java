package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the in-memory store adds to the contract: its bound, its argument checks and its tie order. */
class InMemoryDeadLetterStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DeadLetter letter(StreamId stream, String jti, String reason) {
    return new DeadLetter(QueuedSet.of(stream, jti, "header." + jti + ".signature", "alice", T0), reason, T0);
  }

  @Test
  void createWhenMaxLettersBelowOneThenIllegalArgument() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InMemoryDeadLetterStore.create(0))
        .withMessage("maxLettersPerStream must be at least 1, but was 0");
  }

  @Test
  void addWhenStreamIsFullAndJtiNewThenIllegalStateAndNotStored() {
    InMemoryDeadLetterStore store = InMemoryDeadLetterStore.create(1);
    StreamId stream = StreamId.random();
    DeadLetter first = letter(stream, "jti-1", "retry budget spent");
    store.add(first);

    assertThatIllegalStateException()
        .isThrownBy(() -> store.add(letter(stream, "jti-2", "retry budget spent")))
        .withMessage("stream " + stream + " already has the maximum of 1 dead letters this in-memory store keeps"
            + " per stream");
    assertThat(store.list(stream, 10)).containsExactly(first);
  }

  @Test
  void addWhenStreamIsFullAndJtiKnownThenReplaces() {
    InMemoryDeadLetterStore store = InMemoryDeadLetterStore.create(1);
    StreamId stream = StreamId.random();
    store.add(letter(stream, "jti-1", "retry budget spent"));
    DeadLetter replacement = letter(stream, "jti-1", "invalid_audience");

    store.add(replacement);

    assertThat(store.list(stream, 10)).containsExactly(replacement);
  }

  @Test
  void addWhenBoundReachedOnOneStreamThenOtherStreamsUnaffected() {
    InMemoryDeadLetterStore store = InMemoryDeadLetterStore.create(1);
    StreamId other = StreamId.random();
    store.add(letter(StreamId.random(), "jti-1", "retry budget spent"));

    store.add(letter(other, "jti-1", "retry budget spent"));

    assertThat(store.list(other, 10)).hasSize(1);
  }

  @Test
  void listWhenLettersDiedAtSameInstantThenOrderAdded() {
    InMemoryDeadLetterStore store = InMemoryDeadLetterStore.create();
    StreamId stream = StreamId.random();
    DeadLetter first = letter(stream, "jti-b", "retry budget spent");
    DeadLetter second = letter(stream, "jti-a", "retry budget spent");
    DeadLetter third = letter(stream, "jti-c", "retry budget spent");
    store.add(first);
    store.add(second);
    store.add(third);
    DeadLetter replaced = letter(stream, "jti-b", "access_denied");

    store.add(replaced);

    assertThat(store.list(stream, 10)).containsExactly(second, third, replaced);
  }

  @Test
  void listWhenLimitNegativeThenIllegalArgument() {
    InMemoryDeadLetterStore store = InMemoryDeadLetterStore.create();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.list(StreamId.random(), -1))
        .withMessage("limit must not be negative, but was -1");
  }

  @Test
  void methodsWhenArgumentNullThenNullPointerNamingIt() {
    InMemoryDeadLetterStore store = InMemoryDeadLetterStore.create();
    StreamId id = StreamId.random();

    assertThatNullPointerException().isThrownBy(() -> store.add(nullValue())).withMessage("letter");
    assertThatNullPointerException().isThrownBy(() -> store.list(nullValue(), 1)).withMessage("streamId");
    assertThatNullPointerException().isThrownBy(() -> store.take(id, nullValue())).withMessage("jti");
    assertThatNullPointerException().isThrownBy(() -> store.purge(nullValue())).withMessage("streamId");
  }

  // Null where the signature says non-null, to test the guards; one place for nullness checkers to excuse.
  @SuppressWarnings("NullAway")
  private static <T> T nullValue() {
    return null;
  }
}
