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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * {@value #MAX_BODY_BYTES} bytes of each body. Verifying the signatures of received SETs is not done here.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe; the ledger and the script are guarded by one lock, and
 * {@link #awaitRequests} waits on a condition of that lock.
 */
public final class ReceiverSimulator implements AutoCloseable {

  /** How many requests the ledger keeps; older ones are dropped. */
  public static final int LEDGER_CAPACITY = 10_000;

  /** How many bytes of a request body are recorded. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final String PATH = "/events";

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final URI endpoint;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<ReceivedRequest> ledger = new ArrayDeque<>();
  private final ArrayDeque<Response> script = new ArrayDeque<>();
  private int received;

  private ReceiverSimulator(HttpServer server, ExecutorService handlers, ScheduledExecutorService scheduler) {
    this.server = server;
    this.handlers = handlers;
    this.scheduler = scheduler;
    this.clock = Clock.systemUTC();
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /**
   * Starts a receiver on {@code 127.0.0.1} and a free port.
   *
   * @return the running receiver; close it when done
   * @throws UncheckedIOException if no port can be bound
   */
  public static ReceiverSimulator start() {
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
      ReceiverSimulator simulator = new ReceiverSimulator(server, handlers, scheduler);
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
    Response response;
    lock.lock();
    try {
      received++;
      ReceivedRequest request = new ReceivedRequest(received, exchange.getRequestMethod(),
          exchange.getRequestURI(), headers, body, clock.instant());
      if (ledger.size() == LEDGER_CAPACITY) {
        ledger.removeFirst();
      }
      ledger.addLast(request);
      arrived.signalAll();
      Response next = script.pollFirst();
      response = next != null ? next : Response.accepted();
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
   */
  public record ReceivedRequest(int number, String method, URI uri, Map<String, List<String>> headers, byte[] body,
      Instant receivedAt) {

    /**
     * Copies the headers and the body.
     *
     * @param number the position, from 1
     * @param method the method
     * @param uri the request target
     * @param headers the headers, names in lower case
     * @param body the body
     * @param receivedAt the arrival time
     */
    public ReceivedRequest {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
      Objects.requireNonNull(receivedAt, "receivedAt");
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
          + body.length + " bytes]";
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
          && receivedAt.equals(r.receivedAt);
    }

    /**
     * Hashes all components, the body by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
      return Objects.hash(number, method, uri, headers, Arrays.hashCode(body), receivedAt);
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
