package io.ssfkit.signing;

import io.ssfkit.event.SecurityEventToken;
import io.ssfkit.subject.SubjectIdentifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Unsigned SETs for the signing tests. */
final class TestTokens {

  static final String ISSUER = "https://tr.example.com";
  static final String AUDIENCE = "https://rp.example.com";

  private TestTokens() {}

  /** A session-revoked SET issued now by the clock, with a fresh jti. */
  static SecurityEventToken sessionRevoked(Clock clock) {
    return new SecurityEventToken(
        ISSUER,
        clock.instant(),
        SecurityEventToken.newJti(),
        List.of(AUDIENCE),
        null,
        SubjectIdentifier.opaque("dMTlD|1600802906337.16|16008.16"),
        TestEvent.sessionRevoked(clock.instant().getEpochSecond()),
        Map.of());
  }
}
