package io.ssfkit.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A real RFC 8935 push receiver on a loopback port, for tests and local development: it records every
 * request it receives and answers with scripted responses.
 *
 * <pre>{@code
 * try (ReceiverSimulator receiver = ReceiverSimulator.start()) {
 *   receiver.script(ReceiverSimulator.Response.error("invalid_audience", "wrong aud"));
 *   channel.deliver(new PushTarget(receiver.endpoint(), "Bearer t"), token);
 *   ReceiverSimulator.ReceivedRequest request = receiver.awaitRequests(1, Duration.ofSeconds(5)).get(0);
 * }
 * }</pre>
 *
 * <p>The server is the JDK's {@code com.sun.net.httpserver.HttpServer}, bound to {@code 127.0.0.1} on a free
 * port, speaking plain HTTP/1.1. It accepts any method on any path and records the request before
 * answering it. Each request takes the next {@linkplain #script scripted response}; once they are used up it
 * gets {@code 202 Accepted} with an empty body. A response can be delayed (on a scheduler, so no thread
 * sleeps) or can drop the connection without an answer.
 *
 * <p>Memory is bounded: the ledger keeps the most recent {@value #LEDGER_CAPACITY} requests and at most
 * {@value #MAX_BODY_BYTES} bytes of each body.
 *
 * <p><b>Verification (opt-in).</b> A receiver started with
 * {@link Builder#verifyWith(URI, String, String) builder().verifyWith(jwksUri, issuer, audience)} checks every
 * request as a strict receiver does before answering it:
 * <ul>
 *   <li>{@code Content-Type: application/secevent+jwt} and a body that is one JWS in compact form;
 *   <li>the JOSE header {@code typ} is {@code secevent+jwt} (SET-2) and {@code alg} is asymmetric (SET-1);
 *   <li>the signature verifies with the key of the header's {@code kid} in the transmitter's JWK Set, fetched
 *       over HTTP from {@code jwksUri} and cached; an unknown {@code kid} makes it fetch the set once more, so
 *       that a key rotation is followed;
 *   <li>{@code iss} equals the expected issuer, {@code aud} contains the expected audience, {@code iat} is
 *       present and not more than {@value #ALLOWED_CLOCK_SKEW_SECONDS} seconds in the future by the
 *       {@linkplain Builder#clock clock}, {@code jti} is present (SET-3 to SET-5);
 *   <li>no {@code sub} and no {@code exp} claim (SET-8), a valid {@code sub_id} (SET-7, checked with
 *       {@link io.ssfkit.subject.SubjectIdentifier#fromMap}) and exactly one event whose payload is an object
 *       (SET-9);
 *   <li>the {@code jti} was not accepted before: it is not the jti of an earlier SET in the ledger that was
 *       verified and answered with a 2xx. A SET answered with a scripted error may come again (a retry sends
 *       the identical token, SET-11).
 * </ul>
 * A request that fails gets {@code 400} with an RFC 8935 error body, {@code invalid_key} for a signature
 * that does not verify or an unknown key, {@code invalid_issuer}, {@code invalid_audience}, and
 * {@code invalid_request} for the rest, and is recorded with {@link ReceivedRequest#rejection() the reason};
 * it does not take a scripted response. A request that passes is answered as without verification.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe; the ledger and the script are guarded by one lock, and
 * {@link #awaitRequests} waits on a condition of that lock.
 */
public final class ReceiverSimulator implements AutoCloseable {

  /** How many requests the ledger keeps; older ones are dropped. */
  public static final int LEDGER_CAPACITY = 10_000;

  /** How many bytes of a request body are recorded. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** How far in the future a verified SET's {@code iat} may be, in seconds, for clocks not quite in step. */
  public static final long ALLOWED_CLOCK_SKEW_SECONDS = 60;

  private static final String PATH = "/events";

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final URI endpoint;
  private final @Nullable SetVerifier verifier;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<ReceivedRequest> ledger = new ArrayDeque<>();
  private final ArrayDeque<Response> script = new ArrayDeque<>();
  private final LinkedHashSet<String> acceptedJtis = new LinkedHashSet<>();
  private int received;

  private ReceiverSimulator(HttpServer server, ExecutorService handlers, ScheduledExecutorService scheduler,
      Clock clock, @Nullable SetVerifier verifier) {
    this.server = server;
    this.handlers = handlers;
    this.scheduler = scheduler;
    this.clock = clock;
    this.verifier = verifier;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /**
   * Starts a receiver on {@code 127.0.0.1} and a free port that records requests without verifying them.
   *
   * @return the running receiver; close it when done
   * @throws UncheckedIOException if no port can be bound
   */
  public static ReceiverSimulator start() {
    return builder().start();
  }

  /**
   * Returns a builder, to start a receiver that verifies SETs or uses another clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static ReceiverSimulator start(Clock clock, @Nullable SetVerifier verifier) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService handlers = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "receiver-simulator-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "receiver-simulator-delays");
      thread.setDaemon(true);
      return thread;
    });
    try {
      InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
      HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 50);
      ReceiverSimulator simulator = new ReceiverSimulator(server, handlers, scheduler, clock, verifier);
      server.createContext("/", simulator::handle);
      server.setExecutor(handlers);
      server.start();
      return simulator;
    } catch (IOException e) {
      handlers.shutdownNow();
      scheduler.shutdownNow();
      throw new UncheckedIOException("could not start the receiver simulator", e);
    }
  }

  /**
   * Returns the push endpoint, {@code http://127.0.0.1:<port>/events}.
   *
   * @return the endpoint URL
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Returns the address the receiver listens on, for example to use it as an HTTP proxy so that a client
   * never resolves the (made-up) host names of its requests.
   *
   * @return {@code 127.0.0.1} and the port
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Queues responses for the next requests, one each, in order.
   *
   * @param responses the responses
   * @return this receiver
   */
  public ReceiverSimulator script(Response... responses) {
    List<Response> list = List.of(responses);
    lock.lock();
    try {
      script.addAll(list);
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Returns the requests received so far, oldest first.
   *
   * @return a snapshot of the ledger
   */
  public List<ReceivedRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(ledger);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the requests received so far that failed {@linkplain Builder#verifyWith verification}, oldest first.
   *
   * @return a snapshot of the rejected entries of the ledger; always empty when not verifying
   */
  public List<ReceivedRequest> rejections() {
    return requests().stream().filter(request -> request.rejection().isPresent()).toList();
  }

  /**
   * Tells whether this receiver verifies the SETs it receives.
   *
   * @return true if it was started with {@link Builder#verifyWith}
   */
  public boolean verifying() {
    return verifier != null;
  }

  /**
   * Waits until at least {@code count} requests have been received since the start, or the timeout passes.
   *
   * @param count the number of requests to wait for
   * @param timeout how long to wait at most
   * @return a snapshot of the ledger, which has fewer than {@code count} entries if the timeout passed
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public List<ReceivedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (received < count && nanos > 0) {
        nanos = arrived.awaitNanos(nanos);
      }
      return List.copyOf(ledger);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the server, closing open connections and dropping delayed responses not sent yet.
   */
  @Override
  public void close() {
    server.stop(0);
    scheduler.shutdownNow();
    handlers.shutdownNow();
  }

  /** Renders the endpoint and the number of requests. */
  @Override
  public String toString() {
    lock.lock();
    try {
      return "ReceiverSimulator[" + endpoint + ", received=" + received + "]";
    } finally {
      lock.unlock();
    }
  }

  private void handle(HttpExchange exchange) {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES);
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      exchange.close();
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
    SetVerifier.Result result = null;
    if (verifier != null) {
      List<String> types = headers.getOrDefault("content-type", List.of());
      result = verifier.verify(types.isEmpty() ? null : types.get(0), body);
    }
    Response response;
    lock.lock();
    try {
      received++;
      Rejection rejection = result == null ? null : result.rejection();
      String jti = result == null || result.verified() == null ? null : result.verified().jti();
      if (jti != null && acceptedJtis.contains(jti)) {
        rejection = new Rejection("invalid_request", "jti " + jti + " was received and accepted before");
        jti = null;
      }
      ReceivedRequest request = new ReceivedRequest(received, exchange.getRequestMethod(),
          exchange.getRequestURI(), headers, body, clock.instant(), Optional.ofNullable(rejection));
      if (ledger.size() == LEDGER_CAPACITY) {
        ledger.removeFirst();
      }
      ledger.addLast(request);
      arrived.signalAll();
      if (rejection != null) {
        response = Response.error(rejection.err(), rejection.description());
      } else {
        Response next = script.pollFirst();
        response = next != null ? next : Response.accepted();
        if (jti != null && !response.drop && response.status >= 200 && response.status < 300) {
          if (acceptedJtis.size() == LEDGER_CAPACITY) {
            acceptedJtis.remove(acceptedJtis.iterator().next());
          }
          acceptedJtis.add(jti);
        }
      }
    } finally {
      lock.unlock();
    }
    if (response.delay.isZero()) {
      answer(exchange, response);
    } else {
      try {
        scheduler.schedule(() -> answer(exchange, response), response.delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        exchange.close();
      }
    }
  }

  private static void answer(HttpExchange exchange, Response response) {
    try (exchange) {
      if (response.drop) {
        return; // closing an exchange before sending headers closes the connection
      }
      response.headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
      exchange.sendResponseHeaders(response.status, response.body.length == 0 ? -1 : response.body.length);
      if (response.body.length > 0) {
        exchange.getResponseBody().write(response.body);
      }
    } catch (IOException e) {
      // The client went away (for example after its own timeout); nothing to answer.
    }
  }

  /**
   * One request as the receiver saw it.
   *
   * @param number its position since the receiver started, from 1
   * @param method the HTTP method
   * @param uri the request target: the path and query, or the absolute URL when sent to a proxy
   * @param headers the headers, names in lower case, values in the order received
   * @param body at most {@value ReceiverSimulator#MAX_BODY_BYTES} bytes of the body
   * @param receivedAt when the request was read
   * @param rejection why {@linkplain Builder#verifyWith verification} rejected the request; empty if it passed
   *     or the receiver does not verify
   */
  public record ReceivedRequest(int number, String method, URI uri, Map<String, List<String>> headers, byte[] body,
      Instant receivedAt, Optional<Rejection> rejection) {

    /**
     * Copies the headers and the body.
     *
     * @param number the position, from 1
     * @param method the method
     * @param uri the request target
     * @param headers the headers, names in lower case
     * @param body the body
     * @param receivedAt the arrival time
     * @param rejection the verification failure, or empty
     */
    public ReceivedRequest {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(rejection, "rejection");
    }

    /**
     * Returns a copy of the body.
     *
     * @return the body bytes
     */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /**
     * Returns the body as UTF-8 text.
     *
     * @return the body text
     */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Returns the values of a header.
     *
     * @param name the header name, in any case
     * @return the values in the order received; empty if the header was absent
     */
    public List<String> headerValues(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty if the header was absent
     */
    public Optional<String> header(String name) {
      return headerValues(name).stream().findFirst();
    }

    /** Renders the request line and the body size, never header values. */
    @Override
    public String toString() {
      return "ReceivedRequest[#" + number + " " + method + " " + uri + ", headers=" + headers.keySet() + ", "
          + body.length + " bytes" + rejection.map(r -> ", rejected: " + r).orElse("") + "]";
    }

    /**
     * Compares all components, the body by content.
     *
     * @param other the object to compare with
     * @return true if it is an equal request
     */
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof ReceivedRequest r && number == r.number && method.equals(r.method)
          && uri.equals(r.uri) && headers.equals(r.headers) && Arrays.equals(body, r.body)
          && receivedAt.equals(r.receivedAt) && rejection.equals(r.rejection);
    }

    /**
     * Hashes all components, the body by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return Objects.hash(number, method, uri, headers, Arrays.hashCode(body), receivedAt, rejection);
    }
  }

  /**
   * Why a received SET failed verification, as the RFC 8935 section 2.3 error the receiver answered with.
   *
   * @param err the error code: {@code invalid_request}, {@code invalid_key}, {@code invalid_issuer} or
   *     {@code invalid_audience}
   * @param description what was wrong, in English
   */
  public record Rejection(String err, String description) {

    /**
     * Checks the components.
     *
     * @param err the error code
     * @param description the description
     */
    public Rejection {
      Objects.requireNonNull(err, "err");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Configures a receiver before {@link #start()}. Not thread-safe.
   */
  public static final class Builder {

    private Clock clock = Clock.systemUTC();
    private @Nullable URI jwksUri;
    private @Nullable String issuer;
    private @Nullable Supplier<String> audience;
    private @Nullable HttpClient jwksClient;

    private Builder() {}

    /**
     * Makes the receiver verify every SET it receives (see the {@linkplain ReceiverSimulator class
     * documentation}) and reject those that fail with an RFC 8935 error.
     *
     * @param jwksUri the transmitter's {@code jwks_uri}, fetched over HTTP on the first SET and again when a SET
     *     names an unknown {@code kid}
     * @param expectedIssuer the {@code iss} every SET must have
     * @param expectedAudience a value every SET's {@code aud} must contain
     * @return this builder
     */
    public Builder verifyWith(URI jwksUri, String expectedIssuer, String expectedAudience) {
      Objects.requireNonNull(expectedAudience, "expectedAudience");
      return verifyWith(jwksUri, expectedIssuer, () -> expectedAudience);
    }

    /**
     * Like {@link #verifyWith(URI, String, String)}, for an audience known only after the receiver has started:
     * a transmitter may derive a stream's {@code aud} from the endpoint the stream is created with.
     *
     * @param jwksUri the transmitter's {@code jwks_uri}
     * @param expectedIssuer the {@code iss} every SET must have
     * @param expectedAudience asked for each SET: a value its {@code aud} must contain
     * @return this builder
     */
    public Builder verifyWith(URI jwksUri, String expectedIssuer, Supplier<String> expectedAudience) {
      this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      this.issuer = Objects.requireNonNull(expectedIssuer, "expectedIssuer");
      this.audience = Objects.requireNonNull(expectedAudience, "expectedAudience");
      return this;
    }

    /**
     * Sets the HTTP client that fetches the JWKS, such as one that trusts a test certificate; by default a
     * plain client with a 5-second connect timeout that follows no redirects.
     *
     * @param client the client
     * @return this builder
     */
    public Builder jwksClient(HttpClient client) {
      this.jwksClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the clock that stamps {@link ReceivedRequest#receivedAt()} and decides whether an {@code iat} lies
     * in the future; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Starts the receiver on {@code 127.0.0.1} and a free port.
     *
     * @return the running receiver; close it when done
     * @throws UncheckedIOException if no port can be bound
     */
    public ReceiverSimulator start() {
      SetVerifier verifier = jwksUri == null ? null
          : new SetVerifier(jwksUri, Objects.requireNonNull(issuer), Objects.requireNonNull(audience), clock,
              jwksClient);
      return ReceiverSimulator.start(clock, verifier);
    }
  }

  /**
   * A scripted answer: a status with optional body and headers, sent at once or after a delay, or a dropped
   * connection. Immutable; the {@code with...} methods return changed copies.
   */
  public static final class Response {

    private final int status;
    private final byte[] body;
    private final Map<String, List<String>> headers;
    private final Duration delay;
    private final boolean drop;

    private Response(int status, byte[] body, Map<String, List<String>> headers, Duration delay, boolean drop) {
      this.status = status;
      this.body = body;
      this.headers = headers;
      this.delay = delay;
      this.drop = drop;
    }

    /**
     * Returns {@code 202 Accepted} with an empty body, the success answer of RFC 8935 section 2.2.
     *
     * @return the response
     */
    public static Response accepted() {
      return of(202);
    }

    /**
     * Returns a response with a status and an empty body.
     *
     * @param status the HTTP status, 200 to 999 (the JDK server cannot send 1xx as a final answer)
     * @return the response
     * @throws IllegalArgumentException if the status is out of range
     */
    public static Response of(int status) {
      if (status < 200 || status > 999) {
        throw new IllegalArgumentException("status must be 200 to 999, but was " + status);
      }
      return new Response(status, new byte[0], Map.of(), Duration.ZERO, false);
    }

    /**
     * Returns an RFC 8935 section 2.3 error: {@code 400} with {@code application/json} body
     * {@code {"err":..., "description":...}}.
     *
     * @param err the error code, such as {@code invalid_audience}
     * @param description the description, or null to leave the member out
     * @return the response
     */
    public static Response error(String err, @Nullable String description) {
      Objects.requireNonNull(err, "err");
      String json = "{\"err\":" + quote(err) + (description == null ? "" : ",\"description\":" + quote(description))
          + "}";
      return of(400).withBody("application/json", json);
    }

    /**
     * Returns a dropped connection: the receiver closes it after reading the request, without answering.
     *
     * @return the response
     */
    public static Response drop() {
      return new Response(0, new byte[0], Map.of(), Duration.ZERO, true);
    }

    /**
     * Returns a copy with a body and its {@code Content-Type}.
     *
     * @param contentType the media type
     * @param body the body text, sent as UTF-8
     * @return the changed copy
     */
    public Response withBody(String contentType, String body) {
      Objects.requireNonNull(body, "body");
      Response typed = withHeader("Content-Type", contentType);
      return new Response(status, body.getBytes(StandardCharsets.UTF_8), typed.headers, delay, drop);
    }

    /**
     * Returns a copy with one more header value, such as {@code Retry-After} or {@code Location}.
     *
     * @param name the header name
     * @param value the value
     * @return the changed copy
     */
    public Response withHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Map<String, List<String>> copy = new LinkedHashMap<>(headers);
      List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
      values.add(value);
      copy.put(name, List.copyOf(values));
      return new Response(status, body, Map.copyOf(copy), delay, drop);
    }

    /**
     * Returns a copy that is sent (or dropped) only after a delay, to simulate a slow receiver.
     *
     * @param delay how long to wait before answering; zero answers at once
     * @return the changed copy
     * @throws IllegalArgumentException if the delay is negative
     */
    public Response withDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, but was " + delay);
      }
      return new Response(status, body, headers, delay, drop);
    }

    /** Renders the status (or "drop"), the header names and the delay. */
    @Override
    public String toString() {
      return "Response[" + (drop ? "drop" : status) + ", headers=" + headers.keySet() + ", " + body.length
          + " bytes, delay=" + delay + "]";
    }

    private static String quote(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }
  }
}
