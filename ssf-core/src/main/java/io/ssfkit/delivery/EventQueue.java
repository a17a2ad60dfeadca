package io.ssfkit.delivery;

import io.ssfkit.stream.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The outbox: signed SETs per stream, waiting to be delivered. An event counts as accepted once
 * {@link #enqueue} returns, so a durable implementation stores it before returning.
 *
 * <p><b>Claims and leases.</b> A deliverer {@linkplain #claim claims} entries for a lease; while the lease
 * runs, no other claim returns them. It then {@linkplain #acknowledge acknowledges} (done),
 * {@linkplain #release releases} (retry later) or leaves them: when a lease expires (a crashed node) the
 * entry is claimable again, which makes delivery at-least-once. Several nodes can share one durable queue
 * (for a database: {@code SELECT … FOR UPDATE SKIP LOCKED}).
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe; every method is atomic. No parameter may be
 * null. {@link #acknowledge}, {@link #release} and {@link #purge} ignore unknown entries (idempotent);
 * {@link #enqueue} of a {@code (streamId, jti)} that is already queued changes nothing. A failing store
 * throws an unchecked exception.
 *
 * <p>Every implementation should pass the {@code EventQueueContract} of ssf-testkit.
 */
public interface EventQueue {

  /**
   * Stores an entry. Idempotent on {@code (streamId, jti)} while the entry is queued; once it is
   * acknowledged, enqueuing it again stores it again (that is how a dead letter is replayed). Subscribers are
   * notified after a new entry is stored.
   *
   * @param entry the entry
   */
  void enqueue(QueuedSet entry);

  /*
   * The lease must be longer than a delivery attempt can take: acknowledge and release do not check who
   * holds the lease, so a node whose lease ran out could settle an entry another node has claimed since.
   */

  /**
   * Claims due entries ({@code notBefore <= now}) of a stream that are not under a running lease.
   *
   * @param streamId the stream
   * @param max the most entries to return; at least 1
   * @param mode how to pick them
   * @param now the current time
   * @param lease how long the claim lasts
   * @return the claimed entries, oldest first; empty when none is due
   */
  List<QueuedSet> claim(StreamId streamId, int max, ClaimMode mode, Instant now, Duration lease);

  /**
   * Removes an entry for good: it was delivered (or its fate is recorded elsewhere).
   *
   * @param streamId the stream
   * @param jti the entry's jti
   * @return the removed entry, or empty when there was none
   */
  Optional<QueuedSet> acknowledge(StreamId streamId, String jti);

  /**
   * Ends the claim on an entry after a failed attempt: its attempt count grows by one and it becomes due
   * again at {@code notBefore}, keeping its place in its ordering key.
   *
   * @param streamId the stream
   * @param jti the entry's jti
   * @param notBefore when it may be tried again
   * @param error why the attempt failed
   */
  void release(StreamId streamId, String jti, Instant notBefore, String error);

  /**
   * Removes every entry of a stream (disabled or deleted streams).
   *
   * @param streamId the stream
   * @return how many entries were removed
   */
  int purge(StreamId streamId);

  /**
   * Describes a stream's queue at a time.
   *
   * @param streamId the stream
   * @param now the time at which leases are judged
   * @return its depth, how many entries are under a running lease, and {@code nextDue}: the earliest time
   *     at which a {@link ClaimMode#PER_KEY_HEAD} claim could return an entry (for each ordering key, the
   *     later of its head's {@code notBefore} and the end of its running leases), so that a dispatcher
   *     waking then finds work, including entries whose lease a crashed node left behind
   */
  QueueStats stats(StreamId streamId, Instant now);

  /**
   * Lists the streams that have entries, so that a dispatcher starting on a queue that already holds work
   * (a restart, another node's crash) finds it without waiting for the next enqueue.
   *
   * @return the streams with at least one entry, in no particular order
   */
  List<StreamId> streamsWithEntries();

  /**
   * Registers a callback run after every enqueue with the stream it was for, so that delivery starts at
   * once instead of on a timer. The callback must be quick and must not throw.
   *
   * @param onEnqueue the callback
   * @return a handle whose {@code close()} unregisters it
   */
  AutoCloseable subscribe(Consumer<StreamId> onEnqueue);
}
