package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP;
import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ssfkit.event.CaepEvent.SessionRevoked;
import io.ssfkit.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityEventTokenTest {

  static final SubjectIdentifier COMPLEX = SubjectIdentifier.fromMap(json(
      "format", "complex",
      "session", json("format", "opaque", "id", "dMTlD|1600802906337.16|16008.16"),
      "user", json("format", "iss_sub", "iss", "https://idp.example.com/123456789/",
          "sub", "99beb27c-c1c2-4955-882a-e0dc4996fcbc"),
      "tenant", json("format", "opaque", "id", "123456789")));

  static final SecurityEvent SESSION_REVOKED =
      SecurityEvents.fromMap(EventType.SESSION_REVOKED.uri(), TestEvents.sessionRevokedOptional());

  static SecurityEventToken token(List<String> audience, Map<String, Object> extensionClaims) {
    return new SecurityEventToken("https://idp.example.com/123456789/", Instant.ofEpochSecond(1615305159, 999_000_000),
        "24c63fb56e5a2d77a6b512616ca9fa24", audience, "8675309", COMPLEX, SESSION_REVOKED, extensionClaims);
  }

  @Test
  @DisplayName("SET-9 golden: the CAEP session-revoked example SET, claim for claim")
  void claimsWhenCaepSessionRevokedExampleThenSpecSet() {
    Map<String, Object> expected = json(
        "iss", "https://idp.example.com/123456789/",
        "jti", "24c63fb56e5a2d77a6b512616ca9fa24",
        "iat", 1615305159L,
        "aud", "https://sp.example.com/caep",
        "txn", "8675309",
        "sub_id", COMPLEX.toMap(),
        "events", json(EventType.SESSION_REVOKED.uri(), TestEvents.sessionRevokedOptional()));

    assertThat(token(List.of("https://sp.example.com/caep"), Map.of()).claims()).isEqualTo(expected);
  }

  @Test
  @DisplayName("SET-9 events holds exactly one entry: the type URI mapped to the typed event's payload")
  void claimsWhenTypedEventThenOneEventEntry() {
    Map<String, Object> claims = token(List.of("https://sp.example.com/caep"), Map.of()).claims();

    assertThat(claims.get("events")).isEqualTo(Map.of(EventType.SESSION_REVOKED.uri(), SESSION_REVOKED.toMap()));
    assertThat(SESSION_REVOKED).isInstanceOf(SessionRevoked.class);
  }

  @Test
  @DisplayName("SET-4 iat is a NumericDate in whole seconds")
  void claimsWhenIssuedAtHasFractionThenSeconds() {
    assertThat(token(List.of("r"), Map.of()).claims().get("iat")).isEqualTo(1615305159L);
  }

  @Test
  @DisplayName("SET-5 aud is a string for one value and an array for two")
  void claimsWhenOneOrTwoAudiencesThenStringOrArray() {
    List<String> two = List.of("receiver.example.com/web", "receiver.example.com/mobile");

    assertThat(token(List.of("https://sp.example.com/caep"), Map.of()).claims().get("aud"))
        .isEqualTo("https://sp.example.com/caep");
    assertThat(token(two, Map.of()).claims().get("aud")).isEqualTo(two);
  }

  @Test
  @DisplayName("SET-7 sub_id is present at the top level and holds the subject")
  void claimsWhenBuiltThenSubIdPresent() {
    Map<String, Object> claims = token(List.of("r"), Map.of()).claims();

    assertThat(claims).containsEntry("sub_id", COMPLEX.toMap()).doesNotContainKey("sub");
    assertThat(SecurityEventsTest.memberNames(claims)).doesNotContain("subject", "subject_type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "exp"})
  @DisplayName("SET-8 sub and exp are refused as extension claims")
  void constructorWhenSubOrExpExtensionThenRefused(String claim) {
    assertThatIllegalArgumentException().isThrownBy(() -> token(List.of("r"), Map.of(claim, "x")))
        .withMessageContaining(claim);
  }

  @Test
  @DisplayName("§18 choice 28: txn is a string")
  void claimsWhenTxnThenString() {
    assertThat(token(List.of("r"), Map.of()).claims().get("txn")).isInstanceOf(String.class).isEqualTo("8675309");
  }

  @Test
  @DisplayName("SET-10 toe is not written; CAEP's event_timestamp stays inside the event, in seconds")
  void claimsWhenCaepEventThenNoToe() {
    Map<String, Object> claims = token(List.of("r"), Map.of()).claims();

    assertThat(claims).doesNotContainKey("toe");
    assertThat(((SessionRevoked) SESSION_REVOKED).toMap()).containsEntry("event_timestamp", SPEC_TIMESTAMP);
  }
}
