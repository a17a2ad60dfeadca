package io.ssfkit.delivery;

import io.ssfkit.delivery.DeliveryResult.Delivered;
import io.ssfkit.delivery.DeliveryResult.Failed;
import io.ssfkit.delivery.DeliveryResult.Rejected;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DeliveryChannel} that pushes each SET as one HTTP POST (RFC 8935) with the JDK's
 * {@link HttpClient}.
 *
 * <p>Each {@link #deliver} call returns at once. On the channel's executor it then checks the endpoint with
 * the {@link ReceiverUrlPolicy}, including the addresses the host resolves to (SEC-1), and only then sends
 * {@code POST endpoint_url} with the token's bytes unchanged as the body, {@code Content-Type:
 * application/secevent+jwt}, {@code Accept: application/json}, the target's {@code Authorization} value
 * verbatim when it has one and no {@code Authorization} header otherwise, and {@code Accept-Language} when
 * configured (PUSH-1 to PUSH-3). Redirects are not followed, connects and answers are timed out, at most
 * {@link Builder#maxResponseBytes} of the answer are read (PUSH-8), and only TLS 1.2 and 1.3 are offered,
 * with the server's certificate checked against the host name (PUSH-7, AUTH-7).
 *
 * <p>The answer becomes a {@link DeliveryResult}:
 *
 * <table>
 *   <caption>Classification of answers</caption>
 *   <tr><th>Answer</th><th>Result</th></tr>
 *   <tr><td>202</td><td>{@code Delivered(202)}</td></tr>
 *   <tr><td>other 2xx</td><td>{@code Delivered(status)}, logged at debug as non-conformant (PUSH-4, choice
 *       18.17)</td></tr>
 *   <tr><td>400 with {@code {"err", "description"}}</td><td>{@code Rejected(400, err, description)}; an
 *       unknown {@code err} is kept as sent (PUSH-5)</td></tr>
 *   <tr><td>400 without a readable body</td><td>{@code Rejected(400, "invalid_request", null)}</td></tr>
 *   <tr><td>401</td><td>{@code Rejected(401, "authentication_failed", description)}</td></tr>
 *   <tr><td>403</td><td>{@code Rejected(403, "access_denied", description)}</td></tr>
 *   <tr><td>3xx</td><td>{@code Failed(status, retryable)}: the redirect is not followed (PUSH-8)</td></tr>
 *   <tr><td>408, 425, 429, 5xx</td><td>{@code Failed(status, retryable, Retry-After)}</td></tr>
 *   <tr><td>any other 4xx (404, 405, 410, 413, 415, ...)</td><td>{@code Failed(status, not
 *       retryable)}</td></tr>
 *   <tr><td>no answer: refused, reset, timed out, TLS failure, DNS failure</td><td>{@code Failed(0,
 *       retryable)}</td></tr>
 *   <tr><td>endpoint refused by the URL policy</td><td>{@code Failed(0, "forbidden ...", not retryable)},
 *       and nothing is sent</td></tr>
 * </table>
 *
 * <p>RFC 8935 section 2.3 makes 400 the one answer that says something about the SET; every other status is a
 * general HTTP error and section 4 leaves retrying to the transmitter. Statuses that describe a passing
 * condition (timeouts, rate limits, server errors, redirects that may be fixed) are retryable; the remaining
 * 4xx say the endpoint will refuse the identical request again until its configuration changes, so
 * retrying them only delays the dead letter. A {@code Retry-After} header, in delta-seconds or as an
 * HTTP-date, is read on retryable answers and capped at one hour.
 *
 * <p>Reasons and logs never contain the token or the authorization header (SEC-5), nor the endpoint's path
 * and query.
 *
 * <p>Instances are immutable and thread-safe; one channel serves any number of concurrent deliveries. Every
 * returned stage completes within the connect timeout plus the request timeout.
 */
public final class HttpPushChannel implements DeliveryChannel {

  private static final Logger LOG = LoggerFactory.getLogger(HttpPushChannel.class);

  static final String SECEVENT_JWT = "application/secevent+jwt";
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
  private static final int MAX_DETAIL_CHARS = 200;

  private final HttpClient client;
  private final ReceiverUrlPolicy urlPolicy;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxResponseBytes;
  private final @Nullable String acceptLanguage;
  private final Executor executor;
  private final Clock clock;

  private HttpPushChannel(Builder builder) {
    this.urlPolicy = builder.urlPolicy;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.acceptLanguage = builder.acceptLanguage;
    this.executor = builder.executor != null ? builder.executor : DefaultExecutor.INSTANCE;
    this.clock = builder.clock;
    SSLContext sslContext = builder.sslContext != null ? builder.sslContext : defaultSslContext();
    HttpClient.Builder http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .sslContext(sslContext)
        .sslParameters(tlsParameters(sslContext))
        .executor(executor);
    if (builder.proxy != null) {
      http.proxy(builder.proxy);
    }
    this.client = http.build();
  }

  /**
   * Starts a builder with the defaults: the {@link ReceiverUrlPolicy#strict()} policy, 5 s connect timeout,
   * 10 s request timeout, 8 KiB of response body, the JVM's default {@link SSLContext} and proxy selector.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Pushes one SET. Returns at once; the URL check, any DNS lookup and the HTTP exchange run on the
   * channel's executor.
   *
   * @param target the receiver's endpoint and authorization header
   * @param token the compact SET, sent as the request body unchanged
   * @return a stage that completes with the outcome within the connect plus the request timeout; it
   *     completes exceptionally only for programming errors
   */
  @Override
  public CompletionStage<DeliveryResult> deliver(PushTarget target, String token) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(token, "token");
    URI url = target.endpointUrl();
    Optional<String> problem = urlPolicy.problem(url);
    if (problem.isPresent()) {
      return CompletableFuture.completedFuture(forbidden(problem.get()));
    }
    HttpRequest request;
    try {
      request = request(target, token);
    } catch (IllegalArgumentException e) {
      // The JDK refuses header values with control characters; the message would echo the value.
      return CompletableFuture.completedFuture(new Failed(0,
          "the request could not be built: the authorization header or the URL is not valid in HTTP", false,
          null));
    }
    CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
    // The deadline covers the DNS lookup and the body too, which the client's own timeouts do not. The timer
    // completes the result on the executor (not on the JDK's shared delay thread, where callers' stages
    // would run), and is cancelled as soon as the result is complete.
    Duration deadline = connectTimeout.plus(requestTimeout);
    CompletableFuture<Void> timer = new CompletableFuture<Void>()
        .completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS);
    timer.thenRunAsync(() -> result.complete(new Failed(0, "no complete answer within " + deadline, true, null)),
        executor);
    result.whenComplete((outcome, error) -> timer.cancel(false));
    CompletableFuture.runAsync(() -> checkAndSend(request, target, token, result), executor)
        .exceptionally(e -> {
          result.completeExceptionally(e);
          return null;
        });
    return result;
  }

  private void checkAndSend(HttpRequest request, PushTarget target, String token,
      CompletableFuture<DeliveryResult> result) {
    if (result.isDone()) {
      return;
    }
    Optional<String> problem;
    try {
      problem = urlPolicy.resolvedProblem(target.endpointUrl());
    } catch (UnknownHostException e) {
      result.complete(new Failed(0, "host " + target.endpointUrl().getHost() + " could not be resolved", true,
          null));
      return;
    }
    if (problem.isPresent()) {
      result.complete(forbidden(problem.get()));
      return;
    }
    CompletableFuture<HttpResponse<byte[]>> sending =
        client.sendAsync(request, info -> new LimitedBodySubscriber(maxResponseBytes));
    // Completing the result first (the deadline) aborts the exchange; afterwards cancelling is a no-op.
    result.whenComplete((outcome, error) -> sending.cancel(true));
    sending.whenComplete((response, error) -> {
      try {
        result.complete(error == null
            ? answered(target.endpointUrl(), response)
            : noAnswer(error, target, token));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
  }

  private HttpRequest request(PushTarget target, String token) {
    URI url = target.endpointUrl();
    HttpRequest.Builder builder = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", SECEVENT_JWT)
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(token.getBytes(StandardCharsets.UTF_8)));
    if ("http".equalsIgnoreCase(url.getScheme())) {
      // No h2c upgrade dance on plain HTTP (development only); HTTPS negotiates HTTP/2 through ALPN.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    String authorization = target.authorizationHeader();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (acceptLanguage != null) {
      builder.header("Accept-Language", acceptLanguage);
    }
    return builder.build();
  }

  private DeliveryResult answered(URI url, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300 && status != 202 && LOG.isDebugEnabled()) {
      LOG.debug("receiver {} answered {} instead of 202 Accepted; counted as delivered (RFC 8935 section 2.2)",
          origin(url), status);
    }
    return classify(status, response.headers(), response.body(), clock.instant());
  }

  /**
   * Turns an answer into a result; see the class Javadoc for the table.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body at most the configured number of body bytes
   * @param now the current time, for an HTTP-date {@code Retry-After}
   */
  static DeliveryResult classify(int status, HttpHeaders headers, byte[] body, Instant now) {
    if (status >= 200 && status < 300) {
      return new Delivered(status);
    }
    Optional<ReceiverErrorBody> error = status >= 400 && status < 500
        ? ReceiverErrorBody.parse(new String(body, StandardCharsets.UTF_8))
        : Optional.empty();
    if (status == 400) {
      return error.<DeliveryResult>map(e -> new Rejected(400, e.err(), e.description()))
          .orElseGet(() -> new Rejected(400, "invalid_request", null));
    }
    if (status == 401 || status == 403) {
      String description = error.map(ReceiverErrorBody::description).orElse(null);
      return new Rejected(status, status == 401 ? "authentication_failed" : "access_denied", description);
    }
    Duration retryAfter = headers.firstValue("Retry-After").flatMap(value -> retryAfter(value, now)).orElse(null);
    if (status >= 300 && status < 400) {
      return new Failed(status, "receiver answered " + status + "; redirects are not followed", true, retryAfter);
    }
    if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
      return new Failed(status, "receiver answered " + status, true, retryAfter);
    }
    if (status >= 400 && status < 500) {
      return new Failed(status,
          "receiver answered " + status + "; not retried, the endpoint refuses the request as configured", false,
          null);
    }
    return new Failed(status, "receiver answered an unexpected status " + status, false, null);
  }

  /**
   * Reads a {@code Retry-After} value (RFC 9110 section 10.2.3): delta-seconds or an HTTP-date, capped at
   * {@link #MAX_RETRY_AFTER}; a date in the past gives zero.
   *
   * @param value the header value
   * @param now the current time
   * @return the delay, or empty if the value is neither form
   */
  static Optional<Duration> retryAfter(String value, Instant now) {
    String text = value.trim();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More than 10 digits exceeds any cap we would apply; avoid overflow.
      return Optional.of(text.length() > 10 ? MAX_RETRY_AFTER : cap(Duration.ofSeconds(Long.parseLong(text))));
    }
    try {
      Instant date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, date);
      return Optional.of(delay.isNegative() ? Duration.ZERO : cap(delay));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Duration cap(Duration delay) {
    return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
  }

  private DeliveryResult noAnswer(Throwable error, PushTarget target, String token) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String reason;
    if (cause instanceof HttpConnectTimeoutException) {
      reason = "could not connect within " + connectTimeout;
    } else if (cause instanceof HttpTimeoutException) {
      reason = "no answer within " + requestTimeout;
    } else if (cause instanceof ConnectException) {
      reason = "could not connect" + detail(cause);
    } else if (cause instanceof SSLException) {
      reason = "TLS failed" + detail(cause);
    } else if (cause instanceof IOException) {
      reason = "I/O error" + detail(cause);
    } else if (cause instanceof CancellationException) {
      reason = "cancelled"; // only after the result was completed otherwise, so never observed
    } else {
      throw new CompletionException(cause); // a programming error, reported as such
    }
    return new Failed(0, redact(reason, target, token), true, null);
  }

  private static String detail(Throwable e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    return ": " + (text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "..." : text);
  }

  /** Defence in depth: the JDK's messages do not echo headers or bodies, and this keeps it that way. */
  private static String redact(String reason, PushTarget target, String token) {
    String out = reason;
    String authorization = target.authorizationHeader();
    if (authorization != null && !authorization.isBlank()) {
      out = out.replace(authorization, "<redacted>");
      int space = authorization.indexOf(' ');
      String credentials = space < 0 ? "" : authorization.substring(space + 1).trim();
      if (credentials.length() >= 4) {
        out = out.replace(credentials, "<redacted>");
      }
    }
    return token.isBlank() ? out : out.replace(token, "<redacted>");
  }

  private static Failed forbidden(String problem) {
    return new Failed(0, "forbidden address: " + problem, false, null);
  }

  /** The scheme, host and port: the path and query may carry secrets of the receiver. */
  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  private static SSLContext defaultSslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default SSLContext", e);
    }
  }

  /** TLS 1.3 and 1.2 only (AUTH-7, PUSH-7), with the server's certificate checked against the host name. */
  private static SSLParameters tlsParameters(SSLContext context) {
    List<String> supported = List.of(context.getSupportedSSLParameters().getProtocols());
    String[] protocols = Stream.of("TLSv1.3", "TLSv1.2").filter(supported::contains).toArray(String[]::new);
    if (protocols.length == 0) {
      throw new IllegalArgumentException("the SSLContext supports neither TLSv1.3 nor TLSv1.2 (AUTH-7)");
    }
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(protocols);
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  /** The TLS settings the client uses; for tests. */
  SSLParameters sslParameters() {
    return client.sslParameters();
  }

  /** Renders the settings, never a secret. */
  @Override
  public String toString() {
    return "HttpPushChannel[" + urlPolicy + ", connectTimeout=" + connectTimeout + ", requestTimeout="
        + requestTimeout + ", maxResponseBytes=" + maxResponseBytes + "]";
  }

  /** The shared executor of channels built without one: daemon threads that end after a minute idle. */
  private static final class DefaultExecutor {
    private static final AtomicInteger THREADS = new AtomicInteger();
    static final ExecutorService INSTANCE = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "ssfkit-push-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Builds an {@link HttpPushChannel}. Not thread-safe; the built channel is.
   */
  public static final class Builder {

    private ReceiverUrlPolicy urlPolicy = ReceiverUrlPolicy.strict();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxResponseBytes = 8 * 1024;
    private @Nullable String acceptLanguage;
    private @Nullable SSLContext sslContext;
    private @Nullable ProxySelector proxy;
    private @Nullable Executor executor;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the policy every endpoint is checked against before each delivery (SEC-1).
     *
     * @param urlPolicy the policy; {@link ReceiverUrlPolicy#strict()} by default
     * @return this builder
     */
    public Builder urlPolicy(ReceiverUrlPolicy urlPolicy) {
      this.urlPolicy = Objects.requireNonNull(urlPolicy, "urlPolicy");
      return this;
    }

    /**
     * Sets how long to wait for a connection, TLS handshake included.
     *
     * @param connectTimeout a positive duration; 5 seconds by default
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long to wait for the receiver's answer after sending.
     *
     * @param requestTimeout a positive duration; 10 seconds by default
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how many bytes of an answer are read; the rest is not (PUSH-8). An error body longer than this
     * cannot be parsed and counts as a 400 without a body.
     *
     * @param maxResponseBytes at least 256; 8192 by default
     * @return this builder
     * @throws IllegalArgumentException if the value is below 256
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      if (maxResponseBytes < 256) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 256, but was " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets the {@code Accept-Language} header, which asks receivers for error descriptions in these
     * languages (PUSH-3).
     *
     * @param acceptLanguage a language range list such as {@code en, de;q=0.8}, or null to send none (the
     *     default)
     * @return this builder
     */
    public Builder acceptLanguage(@Nullable String acceptLanguage) {
      this.acceptLanguage = acceptLanguage;
      return this;
    }

    /**
     * Sets the TLS context, for example with a trust store holding a test receiver's certificate. The
     * protocols are limited to TLS 1.3 and 1.2 whatever the context allows.
     *
     * @param sslContext the context; {@link SSLContext#getDefault()} by default
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Routes pushes through a proxy, such as an egress proxy that enforces its own address rules. With a
     * proxy, the proxy resolves the receiver's host: the URL policy still checks the addresses its resolver
     * returns, but cannot pin the address the proxy connects to.
     *
     * @param proxy the proxy selector, or {@link HttpClient.Builder#NO_PROXY}; by default the JVM's proxy
     *     selector, which follows the {@code http(s).proxyHost} system properties
     * @return this builder
     */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Sets the executor for URL checks (which may block on DNS) and for the HTTP client's own work, on which
     * the returned stages complete.
     *
     * @param executor the executor; by default a shared pool of daemon threads
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the clock against which an HTTP-date {@code Retry-After} is read.
     *
     * @param clock the clock; {@link Clock#systemUTC()} by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return a new channel
     * @throws IllegalArgumentException if the TLS context offers neither TLS 1.3 nor TLS 1.2
     */
    public HttpPushChannel build() {
      return new HttpPushChannel(this);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + duration);
      }
      return duration;
    }
  }
}
