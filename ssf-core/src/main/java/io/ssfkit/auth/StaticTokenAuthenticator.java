package io.ssfkit.auth;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Accepts a fixed set of bearer tokens; immutable and thread-safe. */
final class StaticTokenAuthenticator implements CallerAuthenticator {

  private record Entry(byte[] token, Caller caller) {}

  private final List<Entry> entries;

  StaticTokenAuthenticator(Map<String, Caller> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    this.entries =
        tokens.entrySet().stream()
            .map(e -> {
              if (e.getKey().isBlank()) {
                throw new IllegalArgumentException("tokens must not be blank");
              }
              return new Entry(
                  e.getKey().getBytes(StandardCharsets.UTF_8), Objects.requireNonNull(e.getValue()));
            })
            .toList();
  }

  @Override
  public Caller authenticate(@Nullable String authorizationHeader) {
    byte[] presented = BearerTokens.extract(authorizationHeader).getBytes(StandardCharsets.UTF_8);
    Caller match = null;
    // Compare against every entry so that timing does not reveal which token was close.
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.token(), presented)) {
        match = entry.caller();
      }
    }
    if (match == null) {
      throw new SsfException(SsfErrorCode.UNAUTHORIZED, "the bearer token is not valid");
    }
    return match;
  }
}
