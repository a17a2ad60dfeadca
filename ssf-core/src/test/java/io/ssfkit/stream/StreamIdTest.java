package io.ssfkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamIdTest {

  @Test
  @DisplayName("CFG-1 10,000 random stream IDs are distinct, unreserved characters, 128 bits each")
  void randomWhenGeneratedManyTimesThenDistinctUnreservedAnd128Bits() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = StreamId.random().value();
      assertThat(id).matches("^[A-Za-z0-9._~-]+$");
      assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a/b", "a?b", "ä"})
  void constructorWhenReservedOrEmptyThenRefused(String value) {
    assertThatIllegalArgumentException().isThrownBy(() -> StreamId.of(value)).withMessageContaining("stream id");
  }

  @Test
  void constructorWhenLongerThan256ThenRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> StreamId.of("a".repeat(257)));
    assertThat(StreamId.of("a".repeat(256)).value()).hasSize(256);
  }
}
