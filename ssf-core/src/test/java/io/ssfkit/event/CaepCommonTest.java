package io.ssfkit.event;

import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP;
import static io.ssfkit.event.TestEvents.SPEC_TIMESTAMP_MILLIS;
import static io.ssfkit.event.TestEvents.errorOf;
import static io.ssfkit.event.TestEvents.errorsOf;
import static io.ssfkit.event.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ssfkit.error.FieldError;
import io.ssfkit.event.CaepEvent.SessionRevoked;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaepCommonTest {

  static Map<String, Object> sessionRevoked(String member, Object value) {
    return json(member, value);
  }

  @Nested
  @DisplayName("CAEP-1 event_timestamp: an integer number of seconds")
  class EventTimestamp {

    @Test
    @DisplayName("CAEP-1 event_timestamp is written as an integer JSON number of seconds, dropping the fraction")
    void toMapWhenInstantHasNanosThenWholeSecondsAsLong() {
      CaepCommon common = CaepCommon.builder().eventTimestamp(Instant.ofEpochSecond(SPEC_TIMESTAMP, 643_000_000)).build();

      Object written = new SessionRevoked(common).toMap().get("event_timestamp");

      assertThat(common.eventTimestamp()).isEqualTo(Instant.ofEpochSecond(SPEC_TIMESTAMP));
      assertThat(written).isInstanceOf(Long.class).isEqualTo(SPEC_TIMESTAMP);
    }

    @Test
    @DisplayName("CAEP-1 the builder refuses a millisecond value passed as seconds (> 1e11)")
    void buildWhenMillisecondsAsSecondsThenRefused() {
      CaepCommon.Builder builder = CaepCommon.builder().eventTimestamp(Instant.ofEpochSecond(SPEC_TIMESTAMP_MILLIS));

      assertThatIllegalArgumentException().isThrownBy(builder::build)
          .withMessageContaining("event_timestamp").withMessageContaining("milliseconds");
    }

    @Test
    @DisplayName("CAEP-1 a timestamp before the epoch is refused")
    void buildWhenBeforeEpochThenRefused() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> CaepCommon.builder().eventTimestamp(Instant.ofEpochSecond(-1)).build())
          .withMessageContaining("event_timestamp");
    }

    @Test
    @DisplayName("CAEP-1 the last second below 1e11 is accepted; one more is refused as milliseconds")
    void fromMapWhenAtTheMillisecondBoundaryThenSplit() {
      SecurityEvent event = SecurityEvents.fromMap(EventType.SESSION_REVOKED.uri(),
          sessionRevoked("event_timestamp", 100_000_000_000L));

      assertThat(((SessionRevoked) event).common().eventTimestamp()).isEqualTo(Instant.ofEpochSecond(100_000_000_000L));
      errorOf(EventType.SESSION_REVOKED, sessionRevoked("event_timestamp", 100_000_000_001L), "event_timestamp");
    }

    static Stream<Arguments> integralNumbers() {
      return Stream.of(1615304991, SPEC_TIMESTAMP, BigInteger.valueOf(SPEC_TIMESTAMP),
              new BigDecimal("1615304991"), new BigDecimal("1615304991.000"), 1615304991.0d)
          .map(number -> Arguments.of(number, number.getClass().getSimpleName()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("integralNumbers")
    @DisplayName("CAEP-1 a whole number of seconds is read whatever number type the JSON parser chose")
    void fromMapWhenWholeNumberOfAnyTypeThenRead(Number seconds, String numberType) {
      SessionRevoked event = (SessionRevoked) SecurityEvents.fromMap(EventType.SESSION_REVOKED.uri(),
          sessionRevoked("event_timestamp", seconds));

      assertThat(event.common().eventTimestamp()).isEqualTo(Instant.ofEpochSecond(SPEC_TIMESTAMP));
    }

    @Test
    @DisplayName("CAEP-1 a fraction of a second, a string or a boolean is refused")
    void fromMapWhenNotAWholeNumberThenRefused() {
      errorOf(EventType.SESSION_REVOKED, sessionRevoked("event_timestamp", 1615304991.5d), "event_timestamp");
      errorOf(EventType.SESSION_REVOKED, sessionRevoked("event_timestamp", new BigDecimal("1615304991.25")),
          "event_timestamp");
      FieldError string = errorOf(EventType.SESSION_REVOKED, sessionRevoked("event_timestamp", "1615304991"),
          "event_timestamp");
      errorOf(EventType.SESSION_REVOKED, sessionRevoked("event_timestamp", true), "event_timestamp");

      assertThat(string.message()).contains("JSON number of seconds", "a string");
    }
  }

  @Nested
  @DisplayName("CAEP-1 initiating_entity: admin, user, policy or system")
  class InitiatingEntityValues {

    @ParameterizedTest
    @ValueSource(strings = {"admin", "user", "policy", "system"})
    @DisplayName("CAEP-1 each of the four values is read and written back")
    void fromMapWhenKnownValueThenRoundTrip(String value) {
      SecurityEvent event = SecurityEvents.fromMap(EventType.SESSION_REVOKED.uri(), json("initiating_entity", value));

      assertThat(event.toMap()).containsEntry("initiating_entity", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"robot", "Admin", "ADMIN", "", "administrator"})
    @DisplayName("CAEP-1 an unknown initiating_entity is refused, listing the four values")
    void fromMapWhenUnknownValueThenRefused(String value) {
      FieldError error = errorOf(EventType.SESSION_REVOKED, json("initiating_entity", value), "initiating_entity");

      assertThat(error.message()).contains("admin, user, policy, system", "CAEP 1.0 section 2");
    }
  }

  @Nested
  @DisplayName("CAEP-2 reason_admin and reason_user: objects keyed by language tag")
  class Reasons {

    @Test
    @DisplayName("CAEP-2 the serializer writes reason_admin as {\"en\": \"...\"}")
    void toMapWhenReasonAdminThenObjectKeyedByLanguage() {
      SessionRevoked event = new SessionRevoked(CaepCommon.builder()
          .reasonAdmin(LanguageMap.of("en", "Landspeed Policy Violation: C076E82F")).build());

      assertThat(event.toMap()).isEqualTo(json("reason_admin", json("en", "Landspeed Policy Violation: C076E82F")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reason_admin", "reason_user"})
    @DisplayName("CAEP-2, §18 choice 19: a reason given as a plain string is refused")
    void fromMapWhenReasonIsPlainStringThenRefused(String member) {
      FieldError error = errorOf(EventType.SESSION_REVOKED, json(member, "Landspeed Policy Violation"), member);

      assertThat(error.message()).contains("plain string", "{\"en\": \"...\"}", "CAEP-2");
    }

    @Test
    @DisplayName("CAEP-2 the RISC credential-compromise reasons take the CAEP object form too")
    void fromMapWhenCredentialCompromiseReasonIsStringThenRefused() {
      errorOf(EventType.CREDENTIAL_COMPROMISE, json("credential_type", "password", "reason_user", "Breached"),
          "reason_user");
    }

    @Test
    @DisplayName("CAEP-2 an empty reason object, an empty message, a bad or repeated tag are each named")
    void fromMapWhenReasonInvalidThenEachProblemNamed() {
      Map<String, Object> reasonUser = new LinkedHashMap<>();
      reasonUser.put("en", "Access attempt from multiple regions.");
      reasonUser.put("EN", "Again");
      reasonUser.put("english!", "x");
      reasonUser.put("de", " ");
      reasonUser.put("fr", 3);

      List<FieldError> errors = errorsOf(EventType.SESSION_REVOKED,
          json("reason_admin", json(), "reason_user", reasonUser));

      assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
          "reason_admin", "reason_user.EN", "reason_user.english!", "reason_user.de", "reason_user.fr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es-410", "zh-Hant-TW", "sr-Latn-RS", "x-klingon", "de-CH-1996", "i-navajo"})
    @DisplayName("CAEP-2 BCP 47 language tags are accepted by syntax")
    void languageMapWhenWellFormedTagThenAccepted(String tag) {
      assertThat(LanguageMap.of(tag, "message").messages()).containsOnlyKeys(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "en_US", "english language", "en-", "-en", "toolongtag", "en-toolongsub"})
    @DisplayName("CAEP-2 strings that are not language tags are refused")
    void languageMapWhenMalformedTagThenRefused(String tag) {
      assertThatIllegalArgumentException().isThrownBy(() -> LanguageMap.of(tag, "message"))
          .withMessageContaining("BCP 47");
    }

    @Test
    @DisplayName("CAEP-2 a language map needs at least one non-empty message")
    void languageMapWhenEmptyOrBlankThenRefused() {
      assertThatIllegalArgumentException().isThrownBy(() -> new LanguageMap(Map.of()))
          .withMessageContaining("at least one");
      assertThatIllegalArgumentException().isThrownBy(() -> LanguageMap.of("en", "  "))
          .withMessageContaining("en: the message must not be empty");
    }

    @Test
    @DisplayName("CAEP-2 a language map keeps the given order and cannot be changed")
    void languageMapWhenBuiltThenOrderedAndImmutable() {
      Map<String, String> given = new LinkedHashMap<>();
      given.put("es-410", "Intento de acceso desde varias regiones.");
      given.put("en", "Access attempt from multiple regions.");

      LanguageMap map = new LanguageMap(given);
      given.clear();

      assertThat(map.messages().keySet()).containsExactly("es-410", "en");
      assertThatExceptionOfType(UnsupportedOperationException.class)
          .isThrownBy(() -> map.messages().put("de", "x"));
    }
  }

  @Nested
  @DisplayName("Builder")
  class Builder {

    @Test
    @DisplayName("toBuilder().build() gives an equal record")
    void toBuilderWhenBuiltThenEqual() {
      CaepCommon common = CaepCommon.builder()
          .eventTimestamp(Instant.ofEpochSecond(SPEC_TIMESTAMP))
          .initiatingEntity(InitiatingEntity.ADMIN)
          .reasonAdmin(LanguageMap.of("en", "Admin locked the account"))
          .reasonUser(LanguageMap.of("en", "Your account was locked."))
          .build();

      assertThat(common.toBuilder().build()).usingRecursiveComparison().isEqualTo(common);
      assertThat(CaepCommon.builder().build()).isEqualTo(CaepCommon.NONE);
      assertThat(new SessionRevoked(CaepCommon.NONE).toMap()).isEmpty();
    }
  }
}
