package io.ssfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedSetTest {

  @Test
  @DisplayName("SET-11: a SignedSet is a value: equal parts, equal sets; its compact form is kept as given")
  void constructorWhenValidThenKeepsTheCompactForm() {
    String compact = "eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln-_";
    SignedSet set = new SignedSet("1", compact);

    assertThat(set.compact()).isSameAs(compact);
    assertThat(set).isEqualTo(new SignedSet("1", compact)).hasSameHashCodeAs(new SignedSet("1", compact));
  }

  @Test
  @DisplayName("SEC-5: toString names the jti but never the payload")
  void toStringWhenCalledThenOnlyJti() {
    SignedSet set = new SignedSet("abc", "eyJhbGciOiJSUzI1NiJ9.eyJzdWJfaWQiOiJ1c2VyIn0.c2ln");

    assertThat(set).hasToString("SignedSet[jti=abc]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "a.b.c d", "a.b.c=", "a+b.c.d"})
  @DisplayName("SET-1: anything but three non-empty base64url parts is refused")
  void constructorWhenNotCompactJwsThenIllegalArgument(String compact) {
    assertThatThrownBy(() -> new SignedSet("1", compact)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the jti must not be blank")
  void constructorWhenBlankJtiThenIllegalArgument() {
    assertThatThrownBy(() -> new SignedSet(" ", "a.b.c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedSet(null, "a.b.c")).isInstanceOf(NullPointerException.class);
  }
}
