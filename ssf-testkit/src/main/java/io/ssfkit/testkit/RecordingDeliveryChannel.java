package io.ssfkit.testkit;

import io.ssfkit.delivery.DeliveryChannel;
import io.ssfkit.delivery.DeliveryResult;
import io.ssfkit.delivery.PushTarget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link DeliveryChannel} that records every push instead of sending it and answers with scripted
 * outcomes, for tests and local development.
 *
 * <pre>{@code
 * RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
 * channel.script(new DeliveryResult.Failed(503, "busy", true, Duration.ofSeconds(1)));
 * // ... run the code that delivers ...
 * RecordingDeliveryChannel.Attempt first = channel.takeNext(Duration.ofSeconds(5)).orElseThrow();
 * }</pre>
 *
 * <p>Each attempt is answered by the next {@linkplain #script scripted result} while there is one, then by the
 * {@linkplain #respondWith responder}, which answers {@code Delivered(202)} unless replaced. A responder may
 * return a stage that it completes later, to hold deliveries in flight.
 *
 * <p>Memory is bounded: {@link #delivered()} keeps the most recent {@code capacity} attempts and
 * {@link #takeNext} the oldest {@code capacity} not yet taken; older entries are dropped.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe; all state is guarded by one lock, and
 * {@link #takeNext} waits on a queue, never by sleeping.
 */
public final class RecordingDeliveryChannel implements DeliveryChannel {

  /** The capacity of {@link #create()}. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final Function<Attempt, CompletionStage<DeliveryResult>> ACCEPT =
      attempt -> CompletableFuture.completedFuture(new DeliveryResult.Delivered(202));

  /**
   * One recorded push.
   *
   * @param number the attempt's position since creation or the last {@link #reset()}, from 1
   * @param target the target it was sent to
   * @param token the token it carried
   */
  public record Attempt(long number, PushTarget target, String token) {

    /**
     * Validates the attempt.
     *
     * @param number the position, from 1
     * @param target the target
     * @param token the token
     */
    public Attempt {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(token, "token");
    }
  }

  private final Object lock = new Object();
  private final int capacity;
  private final ArrayDeque<Attempt> history = new ArrayDeque<>();
  private final LinkedBlockingQueue<Attempt> untaken;
  private final ArrayDeque<DeliveryResult> script = new ArrayDeque<>();
  private Function<Attempt, ? extends CompletionStage<DeliveryResult>> responder = ACCEPT;
  private long attempts;

  private RecordingDeliveryChannel(int capacity) {
    this.capacity = capacity;
    this.untaken = new LinkedBlockingQueue<>(capacity);
  }

  /**
   * Returns a channel that keeps up to {@link #DEFAULT_CAPACITY} attempts and answers {@code Delivered(202)}.
   *
   * @return a new channel
   */
  public static RecordingDeliveryChannel create() {
    return create(DEFAULT_CAPACITY);
  }

  /**
   * Returns a channel that keeps up to {@code capacity} attempts and answers {@code Delivered(202)}.
   *
   * @param capacity how many attempts {@link #delivered()} and {@link #takeNext} keep, at least 1
   * @return a new channel
   * @throws IllegalArgumentException if the capacity is below 1
   */
  public static RecordingDeliveryChannel create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    return new RecordingDeliveryChannel(capacity);
  }

  /**
   * Records the push and answers it with the next scripted result, or else with the responder.
   *
   * @param target the receiver's endpoint and authorization header
   * @param token the compact SET
   * @return the scripted or responder's outcome
   */
  @Override
  public CompletionStage<DeliveryResult> deliver(PushTarget target, String token) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(token, "token");
    Attempt attempt;
    DeliveryResult scripted;
    Function<Attempt, ? extends CompletionStage<DeliveryResult>> answer;
    synchronized (lock) {
      attempt = new Attempt(++attempts, target, token);
      if (history.size() == capacity) {
        history.removeFirst();
      }
      history.addLast(attempt);
      if (!untaken.offer(attempt)) {
        untaken.poll();
        untaken.offer(attempt);
      }
      scripted = script.pollFirst();
      answer = responder;
    }
    if (scripted != null) {
      return CompletableFuture.completedFuture(scripted);
    }
    return Objects.requireNonNull(answer.apply(attempt), "the responder returned null");
  }

  /**
   * Queues results that answer the next attempts, one each, in order, before the responder is asked.
   *
   * @param results the results
   * @return this channel
   */
  public RecordingDeliveryChannel script(DeliveryResult... results) {
    Objects.requireNonNull(results, "results");
    List<DeliveryResult> list = List.of(results);
    synchronized (lock) {
      script.addAll(list);
    }
    return this;
  }

  /**
   * Replaces the responder, which answers attempts once the script is used up. It runs on the thread that
   * calls {@link #deliver} and may return a stage that completes later.
   *
   * @param responder a function of the attempt; must not return null
   * @return this channel
   */
  public RecordingDeliveryChannel respondWith(
      Function<Attempt, ? extends CompletionStage<DeliveryResult>> responder) {
    Objects.requireNonNull(responder, "responder");
    synchronized (lock) {
      this.responder = responder;
    }
    return this;
  }

  /**
   * Returns the recorded attempts, oldest first.
   *
   * @return a snapshot of at most {@code capacity} attempts; later attempts do not change it
   */
  public List<Attempt> delivered() {
    synchronized (lock) {
      return List.copyOf(history);
    }
  }

  /**
   * Returns how many attempts were made since creation or the last {@link #reset()}, including any dropped
   * from {@link #delivered()}.
   *
   * @return the number of attempts
   */
  public long attemptCount() {
    synchronized (lock) {
      return attempts;
    }
  }

  /**
   * Takes the oldest attempt not taken yet, waiting for one if there is none.
   *
   * @param timeout how long to wait at most
   * @return the attempt, or empty if none arrived within the timeout
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public Optional<Attempt> takeNext(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    return Optional.ofNullable(untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  /**
   * Forgets all attempts and the script, restores the default responder and restarts numbering at 1.
   */
  public void reset() {
    synchronized (lock) {
      history.clear();
      untaken.clear();
      script.clear();
      responder = ACCEPT;
      attempts = 0;
    }
  }

  /** Renders the number of attempts. */
  @Override
  public String toString() {
    return "RecordingDeliveryChannel[attempts=" + attemptCount() + "]";
  }
}
