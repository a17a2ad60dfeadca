package io.ssfkit.delivery;

import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes queued SETs to their receivers. Delivery of a stream starts the moment something is enqueued for
 * it (the queue's subscription wakes the dispatcher; no timer sits on that path); timers are used only for
 * retries that are not due yet and for endpoints whose circuit is open.
 *
 * <p>Per stream, up to {@code maxInFlightPerStream} pushes run at once, one per ordering key (PUSH-9), so
 * events about one subject go out in order while other subjects proceed. A delivered SET is acknowledged;
 * a failed one is released for a later attempt with backoff and full jitter, honouring {@code Retry-After};
 * one the receiver refuses for good, or whose budget is spent, goes to the dead-letter store (PUSH-6). The
 * stream is read from the store before each round, so a paused stream holds its queue, a disabled or
 * deleted stream's queue is purged, and a changed endpoint is used from the next attempt on.
 *
 * <p>Thread-safe. {@link #close()} stops it; SETs still leased by it are claimed again by the next
 * dispatcher once their lease ends (at-least-once, with the identical bytes).
 */
public final class PushDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

  private final EventQueue queue;
  private final StreamStore store;
  private final DeliveryChannel channel;
  private final DeadLetterStore deadLetters;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final DeliveryListener listener;
  private final int maxInFlightPerStream;
  private final Duration lease;
  private final int circuitFailureThreshold;
  private final Duration circuitOpenDuration;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final Map<StreamId, Worker> workers = new ConcurrentHashMap<>();
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
  private final AutoCloseable subscription;
  private volatile boolean closed;

  private PushDispatcher(Builder b) {
    this.queue = Objects.requireNonNull(b.queue, "queue");
    this.store = Objects.requireNonNull(b.store, "store");
    this.channel = Objects.requireNonNull(b.channel, "channel");
    this.deadLetters = Objects.requireNonNull(b.deadLetters, "deadLetters");
    this.clock = b.clock;
    this.retryPolicy = b.retryPolicy;
    this.listener = b.listener;
    this.maxInFlightPerStream = b.maxInFlightPerStream;
    this.lease = b.lease;
    this.circuitFailureThreshold = b.circuitFailureThreshold;
    this.circuitOpenDuration = b.circuitOpenDuration;
    this.executor = Executors.newFixedThreadPool(b.threads, daemon("ssfkit-dispatch"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ssfkit-dispatch-timer"));
    this.subscription = queue.subscribe(this::wake);
    for (StreamId streamId : queue.streamsWithEntries()) {
      wake(streamId);
    }
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks for a delivery round for a stream: after an enqueue, a status change to enabled, an endpoint
   * change. Cheap and idempotent; rounds of one stream never overlap.
   *
   * @param streamId the stream
   */
  public void wake(StreamId streamId) {
    if (closed) {
      return;
    }
    Worker worker = workers.computeIfAbsent(streamId, Worker::new);
    worker.dirty.set(true);
    schedule(worker);
  }

  /**
   * Returns this node's view of a stream's delivery health.
   *
   * @param streamId the stream
   * @return its queue depth, last success and last error
   */
  public DeliveryState state(StreamId streamId) {
    Worker worker = workers.get(streamId);
    int depth = queue.stats(streamId, clock.instant()).depth();
    return worker == null
        ? new DeliveryState(depth, null, null, null)
        : new DeliveryState(depth, worker.lastSuccess, worker.lastError, worker.lastErrorAt);
  }

  /** Stops delivering. Pushes in flight finish in the background; their SETs stay leased until then. */
  @Override
  public void close() {
    closed = true;
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("closing the queue subscription failed", e);
    }
    timer.shutdownNow();
    executor.shutdown();
  }

  // --- Rounds ----------------------------------------------------------------------------------

  private void schedule(Worker worker) {
    if (worker.running.compareAndSet(false, true)) {
      try {
        executor.execute(() -> run(worker));
      } catch (RejectedExecutionException e) {
        worker.running.set(false); // closed
      }
    }
  }

  private void run(Worker worker) {
    try {
      while (!closed && worker.dirty.getAndSet(false)) {
        round(worker);
      }
    } catch (RuntimeException e) {
      // A failing store or queue: try again a little later rather than lose the wake-up.
      LOG.warn("delivery round for stream {} failed; retrying in 1 s", worker.streamId, e);
      wakeAt(worker, clock.instant().plusSeconds(1));
    } finally {
      worker.running.set(false);
      if (!closed && worker.dirty.get()) {
        schedule(worker);
      }
    }
  }

  private void round(Worker worker) {
    StreamId id = worker.streamId;
    StreamConfiguration stream = store.findById(id).orElse(null);
    if (stream == null || stream.status() == StreamStatus.DISABLED) {
      int purged = queue.purge(id);
      if (purged > 0) {
        listener.dropped(id, "*", stream == null ? "stream deleted" : "stream disabled");
      }
      if (stream == null) {
        workers.remove(id);
      }
      return;
    }
    if (stream.status() == StreamStatus.PAUSED || stream.delivery().method() != DeliveryMethod.PUSH) {
      return; // Held until enabled (STATUS-5); poll streams are served by their polls.
    }
    Instant now = clock.instant();
    URI endpoint = stream.delivery().endpointUrl();
    Circuit circuit = circuits.computeIfAbsent(origin(endpoint), k -> new Circuit());
    Instant openUntil = circuit.openUntil;
    if (openUntil != null && now.isBefore(openUntil)) {
      wakeAt(worker, openUntil);
      return;
    }
    int capacity = maxInFlightPerStream - worker.inFlight.get();
    if (capacity <= 0) {
      return; // A completion wakes the stream again.
    }
    List<QueuedSet> claimed = queue.claim(id, capacity, ClaimMode.PER_KEY_HEAD, now, lease);
    PushTarget target = new PushTarget(endpoint, stream.delivery().authorizationHeader());
    for (QueuedSet entry : claimed) {
      worker.inFlight.incrementAndGet();
      push(worker, circuit, target, entry);
    }
    if (claimed.size() < capacity) {
      Instant nextDue = queue.stats(id, now).nextDue();
      if (nextDue != null && nextDue.isAfter(now)) {
        wakeAt(worker, nextDue);
      }
    }
  }

  private void push(Worker worker, Circuit circuit, PushTarget target, QueuedSet entry) {
    CompletionStage<DeliveryResult> stage;
    try {
      stage = channel.deliver(target, entry.token());
    } catch (RuntimeException e) {
      LOG.error("delivery channel threw for stream {}; treating it as a retryable failure", worker.streamId, e);
      settle(worker, circuit, entry, new DeliveryResult.Failed(0, "channel error", true, null));
      return;
    }
    stage.whenComplete((result, error) -> {
      DeliveryResult outcome = result != null ? result
          : new DeliveryResult.Failed(0, "channel error: " + (error == null ? "no result" : error.getClass().getSimpleName()),
              true, null);
      try {
        settle(worker, circuit, entry, outcome);
      } catch (RuntimeException e) {
        // The entry stays leased and is claimed again when the lease ends: nothing is lost.
        LOG.error("recording the outcome for stream {} failed", worker.streamId, e);
        worker.inFlight.decrementAndGet();
        wakeAt(worker, clock.instant().plusSeconds(1));
      }
    });
  }

  /** Records one attempt's outcome: acknowledge, retry later, or dead-letter. */
  private void settle(Worker worker, Circuit circuit, QueuedSet entry, DeliveryResult result) {
    StreamId id = worker.streamId;
    Instant now = clock.instant();
    int attempts = entry.attempts() + 1;
    if (result instanceof DeliveryResult.Delivered) {
      queue.acknowledge(id, entry.jti());
      circuit.success();
      worker.lastSuccess = now;
      notify(() -> listener.delivered(id, entry.jti(), attempts));
    } else if (result instanceof DeliveryResult.Rejected rejected) {
      String reason = "rejected by the receiver: " + rejected.status() + " " + rejected.code();
      worker.failed(reason, now);
      notify(() -> listener.rejected(id, entry.jti(), rejected.code(), rejected.description()));
      if (rejected.retryable() && attempts < retryPolicy.maxRejectedAttempts()) {
        retry(worker, entry, attempts, null, reason, now);
      } else {
        deadLetter(worker, entry, attempts, reason, now);
      }
    } else {
      DeliveryResult.Failed failed = (DeliveryResult.Failed) result;
      String reason = failed.reason();
      worker.failed(reason, now);
      if (failed.retryable()) {
        circuit.failure(now, circuitFailureThreshold, circuitOpenDuration);
      }
      if (failed.retryable() && attempts < retryPolicy.maxAttempts()) {
        retry(worker, entry, attempts, failed.retryAfter(), reason, now);
      } else {
        deadLetter(worker, entry, attempts, failed.retryable() ? "retry budget spent: " + reason : reason, now);
      }
    }
    worker.inFlight.decrementAndGet();
    wake(id);
  }

  private void retry(Worker worker, QueuedSet entry, int attempts, @Nullable Duration retryAfter, String reason,
      Instant now) {
    Instant next = now.plus(retryPolicy.delay(attempts, retryAfter));
    queue.release(worker.streamId, entry.jti(), next, reason);
    notify(() -> listener.retried(worker.streamId, entry.jti(), attempts, next, reason));
    wakeAt(worker, next);
  }

  private void deadLetter(Worker worker, QueuedSet entry, int attempts, String reason, Instant now) {
    QueuedSet last = new QueuedSet(entry.streamId(), entry.jti(), entry.token(), entry.orderingKey(),
        entry.enqueuedAt(), attempts, entry.notBefore(), reason);
    // Stored first, removed second: a crash between the two duplicates, never loses.
    deadLetters.add(new DeadLetter(last, reason, now));
    queue.acknowledge(worker.streamId, entry.jti());
    LOG.warn("gave up delivering SET {} on stream {} after {} attempt(s): {}", entry.jti(), worker.streamId,
        attempts, reason);
    notify(() -> listener.deadLettered(worker.streamId, entry.jti(), reason));
  }

  private void wakeAt(Worker worker, Instant at) {
    if (closed) {
      return;
    }
    long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    try {
      timer.schedule(() -> wake(worker.streamId), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("dispatcher closed; not scheduling stream {}", worker.streamId);
    }
  }

  private static void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("a delivery listener threw; ignored", e);
    }
  }

  private static String origin(URI endpoint) {
    return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Per-stream bookkeeping of this node: rounds never overlap, in-flight count, last outcome. */
  private static final class Worker {
    final StreamId streamId;
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicBoolean dirty = new AtomicBoolean();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile @Nullable Instant lastSuccess;
    volatile @Nullable String lastError;
    volatile @Nullable Instant lastErrorAt;

    Worker(StreamId streamId) {
      this.streamId = streamId;
    }

    void failed(String reason, Instant at) {
      lastError = reason;
      lastErrorAt = at;
    }
  }

  /**
   * A per-endpoint circuit breaker: after {@code threshold} consecutive retryable failures, no push goes to
   * the endpoint for {@code openFor}; then one round probes it again.
   */
  private static final class Circuit {
    private final Object lock = new Object();
    private int consecutiveFailures;
    volatile @Nullable Instant openUntil;

    void success() {
      synchronized (lock) {
        consecutiveFailures = 0;
        openUntil = null;
      }
    }

    void failure(Instant now, int threshold, Duration openFor) {
      synchronized (lock) {
        consecutiveFailures++;
        if (consecutiveFailures >= threshold) {
          openUntil = now.plus(openFor);
          consecutiveFailures = 0;
        }
      }
    }
  }

  /** Builds a {@link PushDispatcher}; not thread-safe. */
  public static final class Builder {
    private @Nullable EventQueue queue;
    private @Nullable StreamStore store;
    private @Nullable DeliveryChannel channel;
    private @Nullable DeadLetterStore deadLetters;
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private DeliveryListener listener = DeliveryListener.NONE;
    private int maxInFlightPerStream = 16;
    private Duration lease = Duration.ofMinutes(2);
    private int threads = 2;
    private int circuitFailureThreshold = 20;
    private Duration circuitOpenDuration = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Sets the outbox. Required.
     *
     * @param queue the queue
     * @return this builder
     */
    public Builder queue(EventQueue queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * Sets the stream store, read before each round. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(StreamStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the push channel. Required.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(DeliveryChannel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
      return this;
    }

    /**
     * Sets where given-up SETs go. Required.
     *
     * @param deadLetters the dead-letter store
     * @return this builder
     */
    public Builder deadLetters(DeadLetterStore deadLetters) {
      this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
      return this;
    }

    /**
     * Sets the time source; defaults to the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the retry policy; defaults to {@link RetryPolicy#ofDefaults()}.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets the listener told of every outcome; defaults to none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DeliveryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how many pushes of one stream may be in flight at once; defaults to 16.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxInFlightPerStream(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxInFlightPerStream must be at least 1, but was " + max);
      }
      this.maxInFlightPerStream = max;
      return this;
    }

    /**
     * Sets how long a claimed SET stays reserved for this dispatcher; defaults to 2 minutes. It must exceed
     * the channel's request timeout; after it, another dispatcher may send the SET again.
     *
     * @param lease the lease; positive
     * @return this builder
     */
    public Builder lease(Duration lease) {
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("lease must be positive, but was " + lease);
      }
      this.lease = lease;
      return this;
    }

    /**
     * Sets the number of threads that run delivery rounds and record outcomes (the pushes themselves are
     * asynchronous); defaults to 2.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the circuit breaker of each endpoint: after {@code failures} consecutive retryable failures no
     * push goes to it for {@code openFor}. Defaults to 20 failures and 30 seconds.
     *
     * @param failures at least 1
     * @param openFor positive
     * @return this builder
     */
    public Builder circuitBreaker(int failures, Duration openFor) {
      if (failures < 1 || openFor.isNegative() || openFor.isZero()) {
        throw new IllegalArgumentException("need failures >= 1 and a positive openFor");
      }
      this.circuitFailureThreshold = failures;
      this.circuitOpenDuration = openFor;
      return this;
    }

    /**
     * Builds and starts the dispatcher: it subscribes to the queue and starts a round for every stream that
     * already has entries.
     *
     * @return the running dispatcher
     * @throws NullPointerException if a required part is missing
     */
    public PushDispatcher build() {
      return new PushDispatcher(this);
    }
  }
}
