package io.ssfkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishResultTest {

  private static final StreamId A = StreamId.of("stream-a");
  private static final StreamId B = StreamId.of("stream-b");
  private static final StreamId C = StreamId.of("stream-c");
  private static final SubjectIdentifier ALICE = SubjectIdentifier.email("alice@example.com");
  private static final SubjectIdentifier ALICE_ISS_SUB = SubjectIdentifier.issSub("https://tr.example.com", "a-1");

  @Test
  void builderWhenStreamsRecordedThenResultHoldsEachOnItsSide() {
    PublishResult result = PublishResult.builder("txn-1")
        .enqueued(A, "jti-a", ALICE).skipped(B, "stream disabled").enqueued(C, "jti-c", ALICE_ISS_SUB).build();

    assertThat(result.txn()).isEqualTo("txn-1");
    assertThat(result.enqueued()).isEqualTo(Map.of(A, "jti-a", C, "jti-c"));
    assertThat(result.skipped()).isEqualTo(Map.of(B, "stream disabled"));
    assertThat(result.streams()).containsExactlyInAnyOrder(A, C);
    assertThat(result.subjects()).isEqualTo(Map.of(A, ALICE, C, ALICE_ISS_SUB));
  }

  @Test
  void constructorWhenSubjectsNotOfExactlyTheEnqueuedStreamsThenRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PublishResult("txn-1", Map.of(A, "jti-a"), Map.of(), Map.of()))
        .withMessageContaining("subjects");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PublishResult("txn-1", Map.of(), Map.of(B, "stream disabled"), Map.of(B, ALICE)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PublishResult("txn-1", Map.of(A, "jti-a"), Map.of(A, "again"), Map.of(A, ALICE)))
        .withMessageContaining("recorded twice");
  }

  @Test
  void builderWhenStreamRecordedTwiceThenRefused() {
    PublishResult.Builder builder =
        PublishResult.builder("txn-1").enqueued(A, "jti-a", ALICE).enqueued(A, "jti-b", ALICE);

    assertThatIllegalArgumentException().isThrownBy(builder::build);
  }

  @Test
  void builderWhenManyStreamsThenEachFoundAndARepeatAmongThemRefused() {
    PublishResult.Builder builder = PublishResult.builder("txn-1");
    Map<StreamId, String> expected = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      builder.skipped(StreamId.of("s" + i), "reason " + i);
      expected.put(StreamId.of("s" + i), "reason " + i);
    }

    assertThat(builder.build().skipped()).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThatIllegalArgumentException().isThrownBy(() -> builder.enqueued(StreamId.of("s57"), "jti", ALICE).build())
        .withMessageContaining("s57");
    assertThatIllegalArgumentException().isThrownBy(() -> builder.skipped(StreamId.of("s58"), "again").build())
        .withMessageContaining("s58");
  }

  @Test
  void builderMapsWhenReadThenBehaveAsImmutableMaps() {
    Map<StreamId, String> skipped = PublishResult.builder("txn-1")
        .skipped(A, "stream disabled").skipped(B, "subject not in the stream").build().skipped();

    assertThat(skipped).containsEntry(A, "stream disabled").containsKey(B).doesNotContainKey(C).hasSize(2);
    assertThat(skipped.get(C)).isNull();
    assertThat(skipped.get("not a stream id")).isNull();
    assertThat(skipped.toString()).contains("stream-a=stream disabled", "stream-b=subject not in the stream");
    assertThatThrownBy(() -> skipped.put(C, "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> skipped.keySet().remove(A)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(skipped::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(PublishResult.builder("txn-1").build().enqueued()).isEmpty();
  }

  @Test
  void constructorWhenGivenMutableMapsThenLaterChangesDoNotShow() {
    Map<StreamId, String> enqueued = new HashMap<>(Map.of(A, "jti-a"));
    PublishResult result = new PublishResult("txn-1", enqueued, Map.of(), Map.of(A, ALICE));

    enqueued.put(B, "jti-b");

    assertThat(result.enqueued()).containsOnlyKeys(A);
  }
}
