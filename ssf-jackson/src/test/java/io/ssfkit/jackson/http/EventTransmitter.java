package io.ssfkit.jackson.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.auth.CallerAuthenticator;
import io.ssfkit.delivery.DeliveryListener;
import io.ssfkit.delivery.HttpPushChannel;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.delivery.RetryPolicy;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKey;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A transmitter that sends events, end to end: the default {@link TransmitterService} with a nimbus signer
 * (RS256), an in-memory outbox and dead-letter store, a real {@link HttpPushChannel} under the development
 * URL policy (so it may push to a loopback {@code ReceiverSimulator}), a fast retry policy, push and poll
 * delivery, a recording {@link DeliveryListener}, and the HTTP-neutral handler over it.
 *
 * <p>Callers: clients A to F of {@link #ORG} and client X of {@link #OTHER_ORG}, one stream each (the product
 * quota). Close it after each test: it stops the dispatcher and the poll service.
 */
final class EventTransmitter implements AutoCloseable {

  static final String ISSUER = "https://tr.example.com";
  static final String ORG = "org-1";
  static final String OTHER_ORG = "org-2";
  static final String TOKEN_A = "token-a";
  static final String TOKEN_B = "token-b";
  static final String TOKEN_C = "token-c";
  static final String TOKEN_D = "token-d";
  static final String TOKEN_E = "token-e";
  static final String TOKEN_F = "token-f";
  /** Client X of the other organization. */
  static final String TOKEN_X = "token-x";

  static final String PUSH = "urn:ietf:rfc:8935";
  static final String POLL = "urn:ietf:rfc:8936";
  static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
  static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
  static final String VERIFICATION = "https://schemas.openid.net/secevent/ssf/event-type/verification";

  /** The issue's fast policy: 5 attempts, 2 for curable refusals, backoff from 5 ms up to 50 ms. */
  static final RetryPolicy FAST_RETRIES = new RetryPolicy(5, 2, Duration.ofMillis(5), Duration.ofMillis(50));

  /** A generous bound for every wait on something that should happen at once; never reached when green. */
  static final Duration WAIT = Duration.ofSeconds(10);

  /** How long a test waits to see that nothing arrives (after a barrier that says it would have by now). */
  static final Duration QUIET = Duration.ofMillis(300);

  static final ObjectMapper JSON = new ObjectMapper();

  /** One RSA key for the whole run: generating a 2048-bit key per test costs more than the test. */
  private static final SigningKey KEY = SigningKeys.generate(JWSAlgorithm.RS256, 2048);

  private static final Map<String, Caller> CALLERS = callers();

  final Clock clock;
  final InMemoryStreamStore store;
  final InMemoryEventQueue queue;
  final InMemoryDeadLetterStore deadLetters;
  final RecordingListener listener = new RecordingListener();
  final TransmitterService service;
  final SsfHttpHandler handler;

  private EventTransmitter(Options o) {
    this.clock = o.clock;
    this.store = o.previous == null ? InMemoryStreamStore.create() : o.previous.store;
    this.queue = o.previous == null ? InMemoryEventQueue.create() : o.previous.queue;
    this.deadLetters = o.previous == null ? InMemoryDeadLetterStore.create() : o.previous.deadLetters;
    HttpPushChannel channel = HttpPushChannel.builder()
        .urlPolicy(ReceiverUrlPolicy.development())
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(o.requestTimeout)
        .clock(clock)
        .build();
    var builder = TransmitterService.builder()
        .issuer(URI.create(ISSUER))
        .streamStore(store)
        .clock(clock)
        .rateLimiter(RateLimiter.unlimited())
        .setSigner(SetSigner.nimbus(KeyRing.create(KEY, Duration.ofDays(1), clock)))
        .eventQueue(queue)
        .deadLetterStore(deadLetters)
        .deliveryChannel(channel)
        .receiverUrlPolicy(ReceiverUrlPolicy.development())
        .retryPolicy(o.retryPolicy)
        .deliveryListener(listener)
        .deliveryMethods(EnumSet.of(DeliveryMethod.PUSH, DeliveryMethod.POLL))
        .pollTimings(o.redeliveryDelay, o.longPollTimeout)
        .defaultSubjects(o.defaultSubjects)
        .minVerificationInterval(o.minVerificationInterval);
    this.service = builder.build();
    this.handler = SsfHttpHandler.builder()
        .service(service)
        .authenticator(CallerAuthenticator.staticTokens(CALLERS))
        .build();
  }

  static EventTransmitter create() {
    return new Options().build();
  }

  static Options options() {
    return new Options();
  }

  /** The settings a test may change; everything else is fixed. */
  static final class Options {
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = FAST_RETRIES;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration redeliveryDelay = Duration.ofSeconds(30);
    private Duration longPollTimeout = Duration.ofSeconds(10);
    private DefaultSubjects defaultSubjects = DefaultSubjects.ALL;
    private @Nullable Duration minVerificationInterval;
    private @Nullable EventTransmitter previous;

    Options clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    Options retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    Options requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    Options pollTimings(Duration redeliveryDelay, Duration longPollTimeout) {
      this.redeliveryDelay = redeliveryDelay;
      this.longPollTimeout = longPollTimeout;
      return this;
    }

    Options defaultSubjects(DefaultSubjects defaultSubjects) {
      this.defaultSubjects = defaultSubjects;
      return this;
    }

    Options minVerificationInterval(Duration interval) {
      this.minVerificationInterval = interval;
      return this;
    }

    /** A restart: the new transmitter works on the stream store, outbox and dead letters of a previous one. */
    Options restartOf(EventTransmitter previous) {
      this.previous = previous;
      return this;
    }

    EventTransmitter build() {
      return new EventTransmitter(this);
    }
  }

  private static Map<String, Caller> callers() {
    Map<String, Caller> callers = new LinkedHashMap<>();
    for (String client : List.of("a", "b", "c", "d", "e", "f")) {
      callers.put("token-" + client, Caller.withManageScope("client-" + client, ORG));
    }
    callers.put(TOKEN_X, Caller.withManageScope("client-x", OTHER_ORG));
    return Map.copyOf(callers);
  }

  static Caller caller(String token) {
    return CALLERS.get(token);
  }

  @Override
  public void close() {
    service.close();
  }

  // --- HTTP through the handler ------------------------------------------------------------------

  /** Starts a request; the stage is the handler's own (a long poll completes later). */
  CompletableFuture<SsfHttpResponse> sendAsync(String method, String pathAndQuery, @Nullable String token,
      @Nullable String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return handler.handle(SsfHttpRequest.of(method, pathAndQuery, headers, body == null ? "" : body))
        .toCompletableFuture();
  }

  SsfHttpResponse send(String method, String pathAndQuery, @Nullable String token, @Nullable String body) {
    return await(sendAsync(method, pathAndQuery, token, body));
  }

  static SsfHttpResponse await(CompletableFuture<SsfHttpResponse> response) {
    try {
      return response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the handler did not answer within " + WAIT, e);
    }
  }

  /** Creates a push stream and returns its stream_id. */
  String createPushStream(String token, URI endpoint, @Nullable String authorization, String... eventsRequested) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode delivery = body.putObject("delivery");
    delivery.put("method", PUSH);
    delivery.put("endpoint_url", endpoint.toString());
    if (authorization != null) {
      delivery.put("authorization_header", authorization);
    }
    var events = body.putArray("events_requested");
    for (String type : eventsRequested.length == 0 ? new String[] {SESSION_REVOKED} : eventsRequested) {
      events.add(type);
    }
    return created(send("POST", "/ssf/v1/streams", token, body.toString())).get("stream_id").asText();
  }

  /** Creates a poll stream for session-revoked and returns the created stream. */
  JsonNode createPollStream(String token) {
    String body = "{\"delivery\":{\"method\":\"" + POLL + "\"},\"events_requested\":[\"" + SESSION_REVOKED + "\"]}";
    return created(send("POST", "/ssf/v1/streams", token, body));
  }

  private static JsonNode created(SsfHttpResponse response) {
    assertThat(response.status()).as("create: %s", response.bodyAsString()).isEqualTo(201);
    return json(response);
  }

  JsonNode getStream(String token, String streamId) {
    SsfHttpResponse response = send("GET", "/ssf/v1/streams?stream_id=" + streamId, token, null);
    assertThat(response.status()).as("get: %s", response.bodyAsString()).isEqualTo(200);
    return json(response);
  }

  void setStatus(String token, String streamId, String status) {
    SsfHttpResponse response = send("POST", "/ssf/v1/streams/status", token,
        "{\"stream_id\":\"" + streamId + "\",\"status\":\"" + status + "\"}");
    assertThat(response.status()).as("status %s: %s", status, response.bodyAsString()).isEqualTo(200);
    assertThat(json(response).get("status").asText()).isEqualTo(status);
  }

  SsfHttpResponse verify(String token, String streamId, @Nullable String state) {
    ObjectNode body = JSON.createObjectNode().put("stream_id", streamId);
    if (state != null) {
      body.put("state", state);
    }
    return send("POST", "/ssf/v1/streams/verify", token, body.toString());
  }

  CompletableFuture<SsfHttpResponse> pollAsync(String token, String streamId, String body) {
    return sendAsync("POST", "/ssf/v1/poll/" + streamId, token, body);
  }

  /** Polls and returns the JSON body of the 200. */
  JsonNode poll(String token, String streamId, String body) {
    SsfHttpResponse response = await(pollAsync(token, streamId, body));
    assertThat(response.status()).as("poll: %s", response.bodyAsString()).isEqualTo(200);
    HttpAssertions.assertJsonHeaders(response);
    return json(response);
  }

  // --- Events --------------------------------------------------------------------------------------

  PublishResult publish(SubjectIdentifier subject) {
    return publish(ORG, subject);
  }

  PublishResult publish(String org, SubjectIdentifier subject) {
    return service.publish(Publication.of(org, subject, new CaepEvent.SessionRevoked(CaepCommon.NONE)));
  }

  /** The jti of the SET a publication put into one stream's outbox. */
  static String jti(PublishResult result, String streamId) {
    String jti = result.enqueued().get(StreamId.of(streamId));
    assertThat(jti).as("a SET for stream %s (skipped: %s)", streamId, result.skipped()).isNotNull();
    return jti;
  }

  /** The JWKS served at {@code GET /ssf/v1/jwks}, without credentials. */
  JWKSet jwks() {
    SsfHttpResponse response = send("GET", "/ssf/v1/jwks", null, null);
    assertThat(response.status()).as("jwks: %s", response.bodyAsString()).isEqualTo(200);
    try {
      return JWKSet.parse(response.bodyAsString());
    } catch (ParseException e) {
      throw new AssertionError("the JWKS does not parse: " + response.bodyAsString(), e);
    }
  }

  /** Parses a compact SET and checks its RS256 signature against the served JWKS (by kid). */
  DecodedSet decodeVerified(String compact) {
    try {
      SignedJWT jwt = SignedJWT.parse(compact);
      JWSHeader header = jwt.getHeader();
      assertThat(header.getKeyID()).as("kid (SET-2)").isNotBlank();
      JWK key = jwks().getKeyByKeyId(header.getKeyID());
      assertThat(key).as("the JWKS has the kid %s", header.getKeyID()).isNotNull();
      assertThat(jwt.verify(new RSASSAVerifier((RSAKey) key))).as("the signature verifies").isTrue();
      Map<String, Object> claims = JSON.readValue(jwt.getPayload().toString(),
          JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
      return new DecodedSet(compact, header, JSON.readTree(jwt.getPayload().toString()), claims);
    } catch (ParseException | JOSEException | IOException e) {
      throw new AssertionError("not a verifiable SET: " + compact, e);
    }
  }

  /** The claims of a compact SET, without checking the signature. */
  static JsonNode claims(String compact) {
    try {
      return JSON.readTree(SignedJWT.parse(compact).getPayload().toString());
    } catch (ParseException | IOException e) {
      throw new AssertionError("not a JWS: " + compact, e);
    }
  }

  static String jtiOf(String compact) {
    return claims(compact).get("jti").asText();
  }

  /**
   * A verified SET.
   *
   * @param compact the token as received
   * @param header its JOSE header
   * @param payload its claims as JSON
   * @param claims its claims as a map, to check member names
   */
  record DecodedSet(String compact, JWSHeader header, JsonNode payload, Map<String, Object> claims) {
    String jti() {
      return payload.get("jti").asText();
    }
  }

  static JsonNode json(SsfHttpResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- The delivery listener ------------------------------------------------------------------------

  /** One callback of the {@link DeliveryListener}. */
  record Outcome(String kind, StreamId streamId, String jti, int attempts, @Nullable Instant nextAttempt,
      @Nullable String detail) {}

  /** Records every callback and lets a test wait for one, without sleeping. */
  static final class RecordingListener implements DeliveryListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Outcome> outcomes = new ArrayList<>();

    private void record(Outcome outcome) {
      lock.lock();
      try {
        outcomes.add(outcome);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void delivered(StreamId streamId, String jti, int attempts) {
      record(new Outcome("delivered", streamId, jti, attempts, null, null));
    }

    @Override
    public void retried(StreamId streamId, String jti, int failedAttempts, Instant nextAttempt, String reason) {
      record(new Outcome("retried", streamId, jti, failedAttempts, nextAttempt, reason));
    }

    @Override
    public void rejected(StreamId streamId, String jti, String code, @Nullable String description) {
      record(new Outcome("rejected", streamId, jti, 0, null, code));
    }

    @Override
    public void deadLettered(StreamId streamId, String jti, String reason) {
      record(new Outcome("deadLettered", streamId, jti, 0, null, reason));
    }

    @Override
    public void held(StreamId streamId, String jti) {
      record(new Outcome("held", streamId, jti, 0, null, null));
    }

    @Override
    public void dropped(StreamId streamId, String jti, String reason) {
      record(new Outcome("dropped", streamId, jti, 0, null, reason));
    }

    List<Outcome> outcomes() {
      lock.lock();
      try {
        return List.copyOf(outcomes);
      } finally {
        lock.unlock();
      }
    }

    List<Outcome> of(String kind, String jti) {
      return outcomes().stream().filter(o -> o.kind().equals(kind) && o.jti().equals(jti)).toList();
    }

    /** Waits until some recorded outcome matches, at most {@code timeout}. */
    Optional<Outcome> await(Predicate<Outcome> match, Duration timeout) throws InterruptedException {
      long nanos = timeout.toNanos();
      lock.lock();
      try {
        while (true) {
          Optional<Outcome> found = outcomes.stream().filter(match).findFirst();
          if (found.isPresent() || nanos <= 0) {
            return found;
          }
          nanos = changed.awaitNanos(nanos);
        }
      } finally {
        lock.unlock();
      }
    }

    /** Waits until the SET is delivered or dead-lettered, and returns that final outcome. */
    Outcome awaitFinal(String jti) throws InterruptedException {
      return await(o -> o.jti().equals(jti) && (o.kind().equals("delivered") || o.kind().equals("deadLettered")),
          WAIT).orElseThrow(() -> new AssertionError("SET " + jti + " was neither delivered nor dead-lettered within "
              + WAIT + "; outcomes: " + outcomes()));
    }

    /** Waits for the SET to be delivered. */
    Outcome awaitDelivered(String jti) throws InterruptedException {
      Outcome outcome = awaitFinal(jti);
      assertThat(outcome.kind()).as("outcome of %s: %s", jti, outcome).isEqualTo("delivered");
      return outcome;
    }
  }
}
