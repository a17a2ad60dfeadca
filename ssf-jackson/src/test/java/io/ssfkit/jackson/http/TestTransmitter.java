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
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A transmitter behind the HTTP-neutral handler, on in-memory state, with callers of every kind: clients
 * A and B of org 1, client C of org 2, a read-only client, a client without any scope, a read-only token of
 * client A, and eleven clients of org 3 (for the per-org quota).
 */
final class TestTransmitter {

  static final String ISSUER = "https://tr.example.com";
  static final String TOKEN_A = "token-a";
  static final String TOKEN_B = "token-b";
  static final String TOKEN_C = "token-c";
  static final String TOKEN_READ_ONLY = "token-read";
  static final String TOKEN_NO_SCOPE = "token-none";
  /** Client A again, but with the read-only scope {@code ssf.read}: it owns A's streams and may only read them. */
  static final String TOKEN_A_READ_ONLY = "token-a-read";
  /** How many clients org 3 has; each has its own token, see {@link #org3Token(int)}. */
  static final int ORG3_CLIENTS = 11;
  static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
  static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

  /** The body {@link #createPushStream} sends: a push stream with an authorization header. */
  static final String CREATE_BODY = """
      {"delivery":{"method":"urn:ietf:rfc:8935","endpoint_url":"https://receiver.example.com/ssf/events",
                   "authorization_header":"Bearer receiver-secret"},
       "events_requested":["%s"],
       "description":"Production event stream"}""".formatted(SESSION_REVOKED);

  static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  final StreamStore store;
  final TransmitterService service;
  final SsfHttpHandler handler;

  private TestTransmitter(
      StreamStore store,
      BiFunction<TransmitterServiceBuilder, MutableClock, TransmitterServiceBuilder> customizer,
      UnaryOperator<SsfHttpHandler.Builder> handlerCustomizer) {
    this.store = store;
    this.service = customizer.apply(TransmitterService.builder()
            .issuer(URI.create(ISSUER))
            .streamStore(store)
            .clock(clock)
            .rateLimiter(RateLimiter.unlimited()), clock)
        .build();
    Map<String, Caller> tokens = new LinkedHashMap<>();
    tokens.put(TOKEN_A, Caller.withManageScope("client-a", "org-1"));
    tokens.put(TOKEN_B, Caller.withManageScope("client-b", "org-1"));
    tokens.put(TOKEN_C, Caller.withManageScope("client-c", "org-2"));
    tokens.put(TOKEN_READ_ONLY, new Caller("client-r", "org-1", Set.of("ssf.read")));
    tokens.put(TOKEN_NO_SCOPE, new Caller("client-n", "org-1", Set.of("openid")));
    tokens.put(TOKEN_A_READ_ONLY, new Caller("client-a", "org-1", Set.of("ssf.read")));
    for (int i = 1; i <= ORG3_CLIENTS; i++) {
      tokens.put(org3Token(i), Caller.withManageScope("client-3-" + i, "org-3"));
    }
    this.handler = handlerCustomizer.apply(SsfHttpHandler.builder()
            .service(service)
            .authenticator(CallerAuthenticator.staticTokens(tokens)))
        .build();
  }

  static TestTransmitter create() {
    return new TestTransmitter(InMemoryStreamStore.create(), (b, c) -> b, h -> h);
  }

  static TestTransmitter create(UnaryOperator<TransmitterServiceBuilder> customizer) {
    return new TestTransmitter(InMemoryStreamStore.create(), (b, c) -> customizer.apply(b), h -> h);
  }

  /** A transmitter whose handler is customized too, e.g. with {@code maxBodyBytes}. */
  static TestTransmitter create(
      UnaryOperator<TransmitterServiceBuilder> customizer, UnaryOperator<SsfHttpHandler.Builder> handlerCustomizer) {
    return new TestTransmitter(InMemoryStreamStore.create(), (b, c) -> customizer.apply(b), handlerCustomizer);
  }

  /**
   * A transmitter customized with access to its clock, for parts that run on it, such as
   * {@code (b, clock) -> b.rateLimiter(RateLimiter.tokenBucket(2, 1.0, clock))}.
   */
  static TestTransmitter createWithClock(
      BiFunction<TransmitterServiceBuilder, MutableClock, TransmitterServiceBuilder> customizer) {
    return new TestTransmitter(InMemoryStreamStore.create(), customizer, h -> h);
  }

  static TestTransmitter withStore(StreamStore store) {
    return new TestTransmitter(store, (b, c) -> b, h -> h);
  }

  /** The token of client {@code client-3-i} of org 3 (manage scope), for 1 ≤ i ≤ {@link #ORG3_CLIENTS}. */
  static String org3Token(int i) {
    return "token-org3-" + i;
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
    SsfHttpResponse response = send("POST", "/ssf/v1/streams", token, CREATE_BODY);
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
