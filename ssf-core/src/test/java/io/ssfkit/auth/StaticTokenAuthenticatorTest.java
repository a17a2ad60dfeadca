package io.ssfkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CallerAuthenticator.staticTokens")
class StaticTokenAuthenticatorTest {

  private static final String TOKEN_A = "token-a-0123456789";
  private static final String TOKEN_B = "token-b-9876543210";
  private static final Caller CALLER_A = new Caller("client-a", "org-1", Set.of("ssf.manage"));
  private static final Caller CALLER_B = Caller.withManageScope("client-b", "org-2");

  private final CallerAuthenticator authenticator =
      CallerAuthenticator.staticTokens(Map.of(TOKEN_A, CALLER_A, TOKEN_B, CALLER_B));

  private static void assertUnauthorized(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SsfException.class, e -> assertThat(e.code()).isEqualTo(SsfErrorCode.UNAUTHORIZED))
        .hasMessage(message);
  }

  @Test
  @DisplayName("AUTH-8: the right token resolves to its caller")
  void authenticateWhenRightTokenThenReturnsCaller() {
    assertThat(authenticator.authenticate("Bearer " + TOKEN_A)).isEqualTo(CALLER_A);
    assertThat(authenticator.authenticate("Bearer " + TOKEN_B)).isEqualTo(CALLER_B);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer ", "BEARER ", "BeArEr ", "Bearer   "})
  @DisplayName("AUTH-5: the Bearer scheme name is case-insensitive (RFC 9110 section 11.1)")
  void authenticateWhenSchemeCaseDiffersThenReturnsCaller(String prefix) {
    assertThat(authenticator.authenticate(prefix + TOKEN_A)).isEqualTo(CALLER_A);
  }

  @ParameterizedTest
  @ValueSource(strings = {"wrong-token", "token-a-012345678", "token-a-01234567890", "TOKEN-A-0123456789"})
  @DisplayName("AUTH-3: a wrong token gives 401")
  void authenticateWhenWrongTokenThenUnauthorized(String token) {
    assertUnauthorized(() -> authenticator.authenticate("Bearer " + token), "the bearer token is not valid");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "Bearer", "bearer ", "Bearer    "})
  @DisplayName("AUTH-3: a missing header or a Bearer header without token gives 401")
  void authenticateWhenHeaderMissingThenUnauthorized(String header) {
    assertUnauthorized(() -> authenticator.authenticate(header), "missing bearer token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic dG9rZW4tYS0wMTIzNDU2Nzg5", "Token " + TOKEN_A, TOKEN_A, "Bearer:" + TOKEN_A})
  @DisplayName("AUTH-3: a header with another scheme gives 401")
  void authenticateWhenOtherSchemeThenUnauthorized(String header) {
    assertUnauthorized(
        () -> authenticator.authenticate(header), "the Authorization header must use the Bearer scheme");
  }

  @Test
  @DisplayName("AUTH-5: the 401 message never contains the presented token")
  void authenticateWhenRejectedThenMessageNeverContainsToken() {
    String presented = "presented-secret-token";

    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + presented))
        .isInstanceOf(SsfException.class)
        .hasMessageNotContaining(presented)
        .hasNoCause();
  }

  @Test
  @DisplayName("the authenticator copies the token map")
  void staticTokensWhenMapChangedAfterCreationThenUnaffected() {
    Map<String, Caller> tokens = new HashMap<>(Map.of(TOKEN_A, CALLER_A));
    CallerAuthenticator copy = CallerAuthenticator.staticTokens(tokens);
    tokens.clear();
    tokens.put(TOKEN_B, CALLER_B);

    assertThat(copy.authenticate("Bearer " + TOKEN_A)).isEqualTo(CALLER_A);
    assertUnauthorized(() -> copy.authenticate("Bearer " + TOKEN_B), "the bearer token is not valid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  @DisplayName("a blank token is refused at creation")
  void staticTokensWhenTokenBlankThenThrows(String token) {
    assertThatThrownBy(() -> CallerAuthenticator.staticTokens(Map.of(token, CALLER_A)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokens must not be blank");
  }

  @Test
  @DisplayName("no tokens means every request gets 401")
  void authenticateWhenNoTokensConfiguredThenUnauthorized() {
    CallerAuthenticator none = CallerAuthenticator.staticTokens(Map.of());

    assertUnauthorized(() -> none.authenticate("Bearer " + TOKEN_A), "the bearer token is not valid");
  }
}
