package io.ssfkit.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.subject.SubjectIdentifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole example SETs in the shape of the SSF 1.0, CAEP 1.0 and RISC 1.0 examples (final versions: seconds
 * for {@code event_timestamp}, a string {@code txn}): each parses member by member with the library's own
 * validators, and the token rebuilt from the parts writes exactly the same claims.
 */
class SpecExampleSetTest {

  private static final String CAEP = "https://schemas.openid.net/secevent/caep/event-type/";
  private static final String RISC = "https://schemas.openid.net/secevent/risc/event-type/";
  private static final String SSF = "https://schemas.openid.net/secevent/ssf/event-type/";

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("CAEP session-revoked, complex subject", Map.of(
            "iss", "https://idp.example.com/123456789/",
            "jti", "24c63fb56e5a2d77a6b512616ca9fa24",
            "iat", 1615305159L,
            "aud", "https://sp.example.com/caep",
            "txn", "8675309",
            "sub_id", Map.of(
                "format", "complex",
                "session", Map.of("format", "opaque", "id", "dMTlD|1600802906337.16|16008.16"),
                "user", Map.of("format", "iss_sub", "iss", "https://idp.example.com/123456789/", "sub", "99beb27c-c1c2-4955-882a-e0dc4996fcbc"),
                "tenant", Map.of("format", "opaque", "id", "123456789")),
            "events", Map.of(CAEP + "session-revoked", Map.of(
                "initiating_entity", "policy",
                "reason_admin", Map.of("en", "Landspeed Policy Violation: C076E82F"),
                "reason_user", Map.of("en", "Access attempt from multiple regions.",
                    "es-410", "Intento de acceso desde varias regiones."),
                "event_timestamp", 1615304991L)))),
        Arguments.of("CAEP credential-change", Map.of(
            "iss", "https://idp.example.com/3456789/",
            "jti", "07efd930f0977e4fcc1149a733ce7f78",
            "iat", 1615305159L,
            "aud", "https://sp.example2.net/caep",
            "txn", "8675309",
            "sub_id", Map.of("format", "iss_sub", "iss", "https://idp.example.com/3456789/", "sub", "jane.smith@example.com"),
            "events", Map.of(CAEP + "credential-change", Map.of(
                "credential_type", "fido2-roaming",
                "change_type", "create",
                "fido2_aaguid", "accced6a-63f5-490a-9eea-e59bc1896cfc",
                "friendly_name", "Jane's USB authenticator",
                "initiating_entity", "user",
                "reason_admin", Map.of("en", "User self-enrollment"),
                "event_timestamp", 1615304991L)))),
        Arguments.of("SSF verification with state", Map.of(
            "jti", "123456",
            "iss", "https://transmitter.example.com",
            "aud", "receiver.example.com",
            "iat", 1493856000L,
            "sub_id", Map.of("format", "opaque", "id", "f67e39a0a4d34d56b3aa1bc4cff0069f"),
            "events", Map.of(SSF + "verification", Map.of("state", "VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=")))),
        Arguments.of("SSF stream-updated paused", Map.of(
            "jti", "123456",
            "iss", "https://transmitter.example.com",
            "aud", List.of("receiver.example.com", "other.example.com"),
            "iat", 1493856000L,
            "sub_id", Map.of("format", "opaque", "id", "f67e39a0a4d34d56b3aa1bc4cff0069f"),
            "events", Map.of(SSF + "stream-updated", Map.of("status", "paused", "reason", "License is not valid")))),
        Arguments.of("RISC account-disabled", Map.of(
            "iss", "https://idp.example.com/",
            "jti", "756E69717565206964656E746966696572",
            "iat", 1508184845L,
            "aud", "636C69656E745F6964",
            "sub_id", Map.of("format", "iss_sub", "iss", "https://idp.example.com/", "sub", "7375626A656374"),
            "events", Map.of(RISC + "account-disabled", Map.of("reason", "hijacking")))),
        Arguments.of("RISC identifier-changed", Map.of(
            "iss", "https://idp.example.com/",
            "jti", "756E69717565206964656E746966696572",
            "iat", 1508184845L,
            "aud", "636C69656E745F6964",
            "sub_id", Map.of("format", "email", "email", "john.doe@example.com"),
            "events", Map.of(RISC + "identifier-changed", Map.of("new-value", "john.roe@example.com")))));
  }

  @DisplayName("SET-3..SET-9 FMT-2 CAEP-1 CAEP-2 example SETs parse and rebuild to the same claims")
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleSetWhenParsedAndRebuiltThenSameClaims(String name, Map<String, Object> example) {
    @SuppressWarnings("unchecked")
    Map<String, Object> events = (Map<String, Object>) example.get("events");
    assertThat(events).as("SET-9 exactly one event").hasSize(1);
    Map.Entry<String, Object> only = events.entrySet().iterator().next();
    @SuppressWarnings("unchecked")
    SecurityEvent event = SecurityEvents.fromMap(only.getKey(), (Map<String, ?>) only.getValue());
    @SuppressWarnings("unchecked")
    SubjectIdentifier subject = SubjectIdentifier.fromMap((Map<String, ?>) example.get("sub_id"));
    Object aud = example.get("aud");
    @SuppressWarnings("unchecked")
    List<String> audience = aud instanceof List<?> list ? (List<String>) list : List.of((String) aud);

    SecurityEventToken token = new SecurityEventToken(
        (String) example.get("iss"),
        Instant.ofEpochSecond((Long) example.get("iat")),
        (String) example.get("jti"),
        audience,
        (String) example.get("txn"),
        subject,
        event,
        Map.of());

    assertThat(token.claims()).isEqualTo(example);
    assertThat(token.claims()).doesNotContainKeys("sub", "exp", "toe");
  }
}
