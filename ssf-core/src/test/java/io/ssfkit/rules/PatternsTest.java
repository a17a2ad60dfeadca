package io.ssfkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  @Timeout(60) // A guard against a hang, should the budget not hold; not a measure of speed.
  @DisplayName("a match with catastrophic backtracking is given up within its step budget; sane ones are not")
  void matchWhenNestedQuantifiersThenGivenUp() {
    String value = "a".repeat(40) + "b"; // (.*a){12} tries every way to split it: about 40^12 / 12! ways.

    assertThat(Patterns.match("(.*a){12}", value)).isEqualTo(Patterns.Match.BUDGET_EXCEEDED);
    assertThat(Patterns.match("(a+)+\\1c", "a".repeat(40) + "b")).as("a backreference defeats the JDK's memo")
        .isEqualTo(Patterns.Match.BUDGET_EXCEEDED);
    assertThat(Patterns.match("(.*a){12}b", value)).isEqualTo(Patterns.Match.MATCHES);
    assertThat(Patterns.match("a+c", value)).isEqualTo(Patterns.Match.DOES_NOT_MATCH);
    assertThat(Patterns.match(".*@corp\\.example", "x".repeat(10_000) + "@corp.example"))
        .as("a long value within the budget").isEqualTo(Patterns.Match.MATCHES);
  }

  @ParameterizedTest(name = "{0} -> \"{1}\"")
  @CsvSource(delimiter = '#', value = {
      "Site-[A-Z]+#Site-", "CC-12\\d*#CC-12", "ab?c#a", "ab*#a", "ab{0,2}#a", "ab+#ab", "abc#abc",
      "^abc#''", "(?i)abc#''", "ab|cd#''", "a.c#a", "[ab]c#''", "x\\.y#x", "über#''", "a b(?x) c#a b"})
  @DisplayName("the literal prefix stops at the first character that is not plainly literal")
  void literalPrefixWhenExpressionThenLeadingLiteralText(String regex, String prefix) {
    assertThat(Patterns.literalPrefix(regex)).isEqualTo(prefix);
  }

  @Test
  @DisplayName("every value an expression matches starts with its literal prefix (random expressions and values)")
  void literalPrefixWhenRandomExpressionsThenEveryMatchStartsWithIt() {
    String[] pieces = {"a", "b", "-", "1", "?", "*", "+", "{0,1}", ".", "[ab]", "(a|b)", "\\d", "|", " ", "^", "$"};
    String[] letters = {"a", "b", "-", "1", " ", "ab", "ba", "a-1"};
    java.util.Random random = new java.util.Random(7);
    int checked = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder regex = new StringBuilder();
      for (int i = random.nextInt(6); i >= 0; i--) {
        regex.append(pieces[random.nextInt(pieces.length)]);
      }
      java.util.regex.Pattern pattern;
      try {
        pattern = java.util.regex.Pattern.compile(regex.toString());
      } catch (PatternSyntaxException e) {
        continue;
      }
      String prefix = Patterns.literalPrefix(regex.toString());
      for (int v = 0; v < 20; v++) {
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
          value.append(letters[random.nextInt(letters.length)]);
        }
        if (pattern.matcher(value).matches()) {
          checked++;
          assertThat(value.toString()).as("%s matches %s", value, regex).startsWith(prefix);
        }
      }
    }
    assertThat(checked).isGreaterThan(1_000);
  }

  @Test
  @DisplayName("an invalid expression is not cached and still fails")
  void ofWhenInvalidThenThrows() {
    assertThatThrownBy(() -> Patterns.of("[")).isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> Patterns.of("[")).isInstanceOf(PatternSyntaxException.class);
  }
}
