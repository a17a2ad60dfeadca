package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PatternsTest {

  @Test
  @DisplayName("an expression is compiled once and shared; records stay equal by their regex string")
  void ofWhenSameRegexThenSamePattern() {
    assertThat(Patterns.of("Site-[0-9]+")).isSameAs(Patterns.of("Site-[0-9]+"));
    assertThat(new Condition.AttributeMatches("location", "Site-[0-9]+"))
        .isEqualTo(new Condition.AttributeMatches("location", "Site-[0-9]+"))
        .hasSameHashCodeAs(new Condition.AttributeMatches("location", "Site-[0-9]+"));
  }

  @Test
  @DisplayName("the cache is bounded: past its capacity it starts over and still compiles correctly")
  void ofWhenMoreThanCapacityThenStillCorrect() {
    for (int i = 0; i <= Patterns.CAPACITY + 10; i++) {
      assertThat(Patterns.of("x" + i).matcher("x" + i).matches()).isTrue();
    }
    assertThat(Patterns.of("x0").matcher("x0").matches()).isTrue();
  }

  @Test
  @DisplayName("an invalid expression is not cached and still fails")
  void ofWhenInvalidThenThrows() {
    assertThatThrownBy(() -> Patterns.of("[")).isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> Patterns.of("[")).isInstanceOf(PatternSyntaxException.class);
  }
}
