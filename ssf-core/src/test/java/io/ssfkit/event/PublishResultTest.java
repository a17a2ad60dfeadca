package io.ssfkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ssfkit.stream.StreamId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishResultTest {

  private static final StreamId A = StreamId.of("stream-a");
  private static final StreamId B = StreamId.of("stream-b");
  private static final StreamId C = StreamId.of("stream-c");

  @Test
  void builderWhenStreamsRecordedThenResultHoldsEachOnItsSide() {
    PublishResult result = PublishResult.builder("txn-1")
        .enqueued(A, "jti-a").skipped(B, "stream disabled").enqueued(C, "jti-c").build();

    assertThat(result.txn()).isEqualTo("txn-1");
    assertThat(result.enqueued()).isEqualTo(Map.of(A, "jti-a", C, "jti-c"));
    assertThat(result.skipped()).isEqualTo(Map.of(B, "stream disabled"));
    assertThat(result.streams()).containsExactlyInAnyOrder(A, C);
  }

  @Test
  void builderWhenStreamRecordedTwiceThenRefused() {
    PublishResult.Builder builder = PublishResult.builder("txn-1").enqueued(A, "jti-a").enqueued(A, "jti-b");

    assertThatIllegalArgumentException().isThrownBy(builder::build);
  }

  @Test
  void constructorWhenGivenMutableMapsThenLaterChangesDoNotShow() {
    Map<StreamId, String> enqueued = new HashMap<>(Map.of(A, "jti-a"));
    PublishResult result = new PublishResult("txn-1", enqueued, Map.of());

    enqueued.put(B, "jti-b");

    assertThat(result.enqueued()).containsOnlyKeys(A);
  }
}
