package io.ssfkit.delivery;

import io.ssfkit.stream.StreamId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves RFC 8936 polls from the outbox. A poll first settles its {@code ack} and {@code setErrs} (POLL-6,
 * POLL-8), then offers the oldest due SETs; a SET offered and not acknowledged is offered again after the
 * redelivery delay (POLL-7), with the identical bytes. With nothing to send and no
 * {@code returnImmediately}, the poll waits (long poll, POLL-5) as a pending future — no thread is held —
 * until the next enqueue for its stream or the timeout. The number of waiting polls is bounded; beyond it a
 * poll is answered at once.
 *
 * <p>Thread-safe. Authorization and stream status are the caller's: it polls only streams the receiver
 * owns, and answers a paused stream with {@link #settleOnly}; {@link Builder#transmitting} tells whether a
 * poll that is already waiting may still be handed SETs.
 */
public final class PollService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PollService.class);

  private final EventQueue queue;
  private final DeadLetterStore deadLetters;
  private final Clock clock;
  private final DeliveryListener listener;
  private final int maxEventsCap;
  private final Duration redeliveryDelay;
  private final Duration longPollTimeout;
  private final int maxWaiters;
  private final Predicate<StreamId> transmitting;
  private final ScheduledExecutorService timer;
  private final Map<StreamId, Deque<Waiter>> waiters = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AutoCloseable subscription;

  private record Waiter(int max, CompletableFuture<PollResponse> response) {}

  private PollService(Builder b) {
    this.queue = Objects.requireNonNull(b.queue, "queue");
    this.deadLetters = Objects.requireNonNull(b.deadLetters, "deadLetters");
    this.clock = b.clock;
    this.listener = b.listener;
    this.maxEventsCap = b.maxEventsCap;
    this.redeliveryDelay = b.redeliveryDelay;
    this.longPollTimeout = b.longPollTimeout;
    this.maxWaiters = b.maxWaiters;
    this.transmitting = b.transmitting;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ssfkit-poll");
      thread.setDaemon(true);
      return thread;
    });
    this.subscription = queue.subscribe(this::onEnqueue);
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
   * Serves one poll of a stream the caller is allowed to poll.
   *
   * @param streamId the stream
   * @param request the poll
   * @return a stage that completes with the response: at once when SETs are due, {@code returnImmediately}
   *     is set or {@code maxEvents} is 0; otherwise at the next enqueue or the long-poll timeout
   */
  public CompletionStage<PollResponse> poll(StreamId streamId, PollRequest request) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(request, "request");
    settle(streamId, request);
    int max = request.maxEvents() == null ? maxEventsCap : Math.min(request.maxEvents(), maxEventsCap);
    if (max == 0) {
      return CompletableFuture.completedFuture(PollResponse.empty()); // acknowledge-only (POLL-4)
    }
    PollResponse offered = offer(streamId, max);
    if (!offered.sets().isEmpty() || request.returnImmediately()) {
      return CompletableFuture.completedFuture(offered);
    }
    if (waiting.incrementAndGet() > maxWaiters) {
      waiting.decrementAndGet();
      return CompletableFuture.completedFuture(offered); // Bounded: answer now rather than queue the poll.
    }
    Waiter waiter = new Waiter(max, new CompletableFuture<>());
    Deque<Waiter> deque = waiters.computeIfAbsent(streamId, k -> new ArrayDeque<>());
    synchronized (deque) {
      deque.add(waiter);
    }
    waiter.response().whenComplete((r, e) -> {
      waiting.decrementAndGet();
      synchronized (deque) {
        deque.remove(waiter);
      }
    });
    try {
      timer.schedule(() -> waiter.response().complete(PollResponse.empty()),
          longPollTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      waiter.response().complete(PollResponse.empty());
    }
    // An enqueue may have landed between the offer and the registration: look once more.
    onEnqueue(streamId);
    return waiter.response();
  }

  /**
   * Settles a poll's {@code ack} and {@code setErrs} without offering anything (a paused stream, STATUS-5).
   *
   * @param streamId the stream
   * @param request the poll
   * @return the empty response
   */
  public PollResponse settleOnly(StreamId streamId, PollRequest request) {
    settle(streamId, request);
    return PollResponse.empty();
  }

  /** Answers every waiting poll with an empty response and stops. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("closing the queue subscription failed", e);
    }
    waiters.values().forEach(deque -> {
      synchronized (deque) {
        List.copyOf(deque).forEach(w -> w.response().complete(PollResponse.empty()));
      }
    });
    timer.shutdownNow();
  }

  private void settle(StreamId streamId, PollRequest request) {
    for (String jti : request.ack()) {
      queue.acknowledge(streamId, jti).ifPresent(e -> listener.delivered(streamId, jti, e.attempts() + 1));
    }
    Instant now = clock.instant();
    request.setErrs().forEach((jti, error) -> {
      // POLL-8: a reported SET is finished; its error is recorded with it (RFC 8936 is silent, section 18.14).
      String reason = "receiver reported " + error.err()
          + (error.description() == null ? "" : ": " + error.description());
      // Unknown jtis, and jtis of other streams, are ignored (POLL-6).
      queue.acknowledge(streamId, jti).ifPresent(entry -> {
        deadLetters.add(new DeadLetter(entry, reason, now));
        listener.rejected(streamId, jti, error.err(), error.description());
      });
    });
  }

  private PollResponse offer(StreamId streamId, int max) {
    Instant now = clock.instant();
    List<QueuedSet> claimed = queue.claim(streamId, max, ClaimMode.OLDEST_FIRST, now, redeliveryDelay);
    Map<String, String> sets = new LinkedHashMap<>();
    for (QueuedSet entry : claimed) {
      sets.put(entry.jti(), entry.token());
    }
    // An OLDEST_FIRST claim takes every due entry up to max, so fewer than max means nothing more is due.
    // QueueStats.nextDue cannot tell: it judges per-key heads (push), and a key whose head was just offered
    // looks leased although its later entries are due for a poll. Unleased entries are due on a poll stream
    // (their notBefore is their enqueue time), so they are what is left.
    boolean more = false;
    if (claimed.size() == max) {
      QueueStats stats = queue.stats(streamId, now);
      more = stats.depth() > stats.claimed();
    }
    return new PollResponse(sets, more);
  }

  private void onEnqueue(StreamId streamId) {
    Deque<Waiter> deque = waiters.get(streamId);
    if (deque == null) {
      return;
    }
    Waiter waiter;
    synchronized (deque) {
      waiter = deque.peek();
    }
    if (waiter == null || waiter.response().isDone()) {
      return;
    }
    if (!transmitting.test(streamId)) {
      return; // Paused since the poll began (STATUS-5): it gets nothing held; the long-poll timeout ends it.
    }
    PollResponse offered = offer(streamId, waiter.max());
    if (offered.sets().isEmpty()) {
      return;
    }
    if (!waiter.response().complete(offered)) {
      // The waiter timed out meanwhile; the SETs stay claimed and are offered again after the delay.
      LOG.debug("a long poll of stream {} ended before its SETs were handed over", streamId);
    }
  }

  /** Builds a {@link PollService}; not thread-safe. */
  public static final class Builder {
    private @Nullable EventQueue queue;
    private @Nullable DeadLetterStore deadLetters;
    private Clock clock = Clock.systemUTC();
    private DeliveryListener listener = DeliveryListener.NONE;
    private int maxEventsCap = 1_000;
    private Duration redeliveryDelay = Duration.ofSeconds(30);
    private Duration longPollTimeout = Duration.ofSeconds(25);
    private int maxWaiters = 1_000;
    private Predicate<StreamId> transmitting = streamId -> true;

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
     * Sets where SETs reported in {@code setErrs} are recorded. Required.
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
     * Sets the listener told of acknowledged and reported SETs.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DeliveryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the most SETs one response carries, whatever {@code maxEvents} asks (POLL-4); defaults to 1,000.
     *
     * @param cap at least 1
     * @return this builder
     */
    public Builder maxEventsCap(int cap) {
      if (cap < 1) {
        throw new IllegalArgumentException("maxEventsCap must be at least 1, but was " + cap);
      }
      this.maxEventsCap = cap;
      return this;
    }

    /**
     * Sets how long an offered, unacknowledged SET waits before it is offered again (POLL-7); defaults to
     * 30 seconds.
     *
     * @param delay positive
     * @return this builder
     */
    public Builder redeliveryDelay(Duration delay) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("redeliveryDelay must be positive, but was " + delay);
      }
      this.redeliveryDelay = delay;
      return this;
    }

    /**
     * Sets how long a poll with nothing to send waits (POLL-5); defaults to 25 seconds.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder longPollTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("longPollTimeout must be positive, but was " + timeout);
      }
      this.longPollTimeout = timeout;
      return this;
    }

    /**
     * Sets how many polls may wait at once; beyond it a poll is answered at once. Defaults to 1,000.
     *
     * @param max at least 0
     * @return this builder
     */
    public Builder maxWaiters(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxWaiters must not be negative, but was " + max);
      }
      this.maxWaiters = max;
      return this;
    }

    /**
     * Sets the check of whether a stream may transmit now (it is enabled), run before a waiting poll is
     * handed newly enqueued SETs: a stream paused while one of its polls waits must not hand it the SETs it
     * holds (STATUS-5). Defaults to always true.
     *
     * @param transmitting true for a stream whose waiting polls may be answered with SETs
     * @return this builder
     */
    public Builder transmitting(Predicate<StreamId> transmitting) {
      this.transmitting = Objects.requireNonNull(transmitting, "transmitting");
      return this;
    }

    /**
     * Builds the service and subscribes it to the queue.
     *
     * @return the service
     */
    public PollService build() {
      return new PollService(this);
    }
  }
}
