package io.ssfkit.jackson.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssfkit.TransmitterService;
import io.ssfkit.TransmitterServiceBuilder;
import io.ssfkit.auth.Caller;
import io.ssfkit.auth.CallerAuthenticator;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.testkit.InMemoryStreamStore;
import io.ssfkit.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A transmitter behind the HTTP-neutral handler, on in-memory state, with callers of every kind: clients
 * A and B of org 1, client C of org 2, a read-only client and a client without any scope.
 */
final class TestTransmitter {

  static final String ISSUER = "https://tr.example.com";
  static final String TOKEN_A = "token-a";
  static final String TOKEN_B = "token-b";
  static final String TOKEN_C = "token-c";
  static final String TOKEN_READ_ONLY = "token-read";
  static final String TOKEN_NO_SCOPE = "token-none";
  static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
  static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

  static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  final StreamStore store;
  final TransmitterService service;
  final SsfHttpHandler handler;

  private TestTransmitter(StreamStore store, UnaryOperator<TransmitterServiceBuilder> customizer) {
    this.store = store;
    this.service = customizer.apply(TransmitterService.builder()
            .issuer(URI.create(ISSUER))
            .streamStore(store)
            .clock(clock)
            .rateLimiter(RateLimiter.unlimited()))
        .build();
    Map<String, Caller> tokens = new LinkedHashMap<>();
    tokens.put(TOKEN_A, Caller.withManageScope("client-a", "org-1"));
    tokens.put(TOKEN_B, Caller.withManageScope("client-b", "org-1"));
    tokens.put(TOKEN_C, Caller.withManageScope("client-c", "org-2"));
    tokens.put(TOKEN_READ_ONLY, new Caller("client-r", "org-1", Set.of("ssf.read")));
    tokens.put(TOKEN_NO_SCOPE, new Caller("client-n", "org-1", Set.of("openid")));
    this.handler = SsfHttpHandler.builder()
        .service(service)
        .authenticator(CallerAuthenticator.staticTokens(tokens))
        .build();
  }

  static TestTransmitter create() {
    return new TestTransmitter(InMemoryStreamStore.create(), b -> b);
  }

  static TestTransmitter create(UnaryOperator<TransmitterServiceBuilder> customizer) {
    return new TestTransmitter(InMemoryStreamStore.create(), customizer);
  }

  static TestTransmitter withStore(StreamStore store) {
    return new TestTransmitter(store, b -> b);
  }

  /** Sends a request with a bearer token (null for none) and a JSON body (null for none). */
  SsfHttpResponse send(String method, String pathAndQuery, String token, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return send(SsfHttpRequest.of(method, pathAndQuery, headers, body == null ? "" : body));
  }

  SsfHttpResponse send(SsfHttpRequest request) {
    try {
      return handler.handle(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the handler did not answer", e);
    }
  }

  /** Creates a push stream for a token and returns its stream_id. */
  String createPushStream(String token) {
    SsfHttpResponse response = send("POST", "/ssf/v1/streams", token, """
        {"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"https://receiver.example.com/ssf/events",
                     "authorization_header":"Bearer receiver-secret"},
         "events_requested":["%s"],
         "description":"Production event stream"}""".formatted(SESSION_REVOKED));
    if (response.status() != 201) {
      throw new AssertionError("create failed: " + response.status() + " " + response.bodyAsString());
    }
    return json(response).get("stream_id").asText();
  }

  static JsonNode json(SsfHttpResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
