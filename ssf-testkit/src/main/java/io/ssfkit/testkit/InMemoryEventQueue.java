package io.ssfkit.testkit;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.QueueStats;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventQueue} that keeps its entries on the heap, for tests and local development. Nothing
 * survives the JVM, and the queue is not shared between JVMs.
 *
 * <p><b>Order.</b> "Oldest" means enqueue order: each stream keeps its entries in the order
 * {@link #enqueue} stored them, whatever their {@code enqueuedAt}. {@link ClaimMode#PER_KEY_HEAD} looks
 * only at the oldest entry of each ordering key and skips the key while any of its entries is under a
 * running lease, so a key's entries are claimed one at a time in enqueue order (PUSH-9);
 * {@link ClaimMode#OLDEST_FIRST} returns every due entry that is not under a running lease. A lease taken
 * at {@code now} for {@code lease} runs while a later claim's {@code now} is before {@code now + lease}; at
 * or after that instant the entry is claimable again, with the same token and attempt count.
 * {@link #release} ends the lease and keeps the entry where it was, so it stays the head of its key.
 *
 * <p><b>Subscribers.</b> {@link #subscribe} callbacks run on the thread that called {@link #enqueue}, after
 * the entry is stored and outside the queue's lock, so a callback may call the queue. They run only when
 * an entry was actually stored: enqueuing a {@code (streamId, jti)} that is queued already notifies
 * nobody. A callback that throws is logged at WARN and does not fail the enqueue or stop the other
 * callbacks. Once the handle's {@code close()} has returned, enqueues that begin afterwards no longer call
 * it.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe. Every method except the callbacks runs under one
 * private lock, so each is atomic. Claims cost time in proportion to the ordering keys of the stream
 * ({@code PER_KEY_HEAD}) or to its entries ({@code OLDEST_FIRST}); enqueue, acknowledge and release cost
 * constant time.
 *
 * <p><b>Memory.</b> Each stream keeps at most {@code maxEntriesPerStream} entries (100,000 unless set with
 * {@link #create(int)}); beyond that, {@link #enqueue} of a new entry throws {@link IllegalStateException}.
 * A stream whose last entry is removed frees its memory; the number of streams is bounded by the stream
 * store's quotas, not here.
 */
public final class InMemoryEventQueue implements EventQueue {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryEventQueue.class);
  private static final int DEFAULT_MAX_ENTRIES_PER_STREAM = 100_000;
  private static final Comparator<Entry> BY_SEQUENCE = Comparator.comparingLong(entry -> entry.sequence);

  private final Object lock = new Object();
  private final int maxEntriesPerStream;
  // Not guarded by lock: enqueue iterates a snapshot outside the lock, so the callbacks can call the queue.
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();

  // Guarded by lock. Streams with at least one entry.
  private final Map<StreamId, StreamQueue> streams = new HashMap<>();
  // Guarded by lock. Gives every stored entry its place in enqueue order.
  private long nextSequence;

  private InMemoryEventQueue(int maxEntriesPerStream) {
    this.maxEntriesPerStream = maxEntriesPerStream;
  }

  /**
   * Returns an empty queue that keeps at most 100,000 entries per stream.
   *
   * @return a new, empty queue
   */
  public static InMemoryEventQueue create() {
    return new InMemoryEventQueue(DEFAULT_MAX_ENTRIES_PER_STREAM);
  }

  /**
   * Returns an empty queue with a bound on the entries per stream.
   *
   * @param maxEntriesPerStream the most entries one stream keeps, claimed ones included
   * @return a new, empty queue
   * @throws IllegalArgumentException if {@code maxEntriesPerStream} is below 1
   */
  public static InMemoryEventQueue create(int maxEntriesPerStream) {
    if (maxEntriesPerStream < 1) {
      throw new IllegalArgumentException(
          "maxEntriesPerStream must be at least 1, but was " + maxEntriesPerStream);
    }
    return new InMemoryEventQueue(maxEntriesPerStream);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The entry is stored as given, attempts, {@code notBefore} and last error included.
   *
   * @throws IllegalStateException when the entry is new and its stream already keeps
   *     {@code maxEntriesPerStream} entries
   */
  @Override
  public void enqueue(QueuedSet entry) {
    Objects.requireNonNull(entry, "entry");
    StreamId streamId = entry.streamId();
    synchronized (lock) {
      StreamQueue stream = streams.get(streamId);
      if (stream != null && stream.byJti.containsKey(entry.jti())) {
        return;
      }
      if (stream == null) {
        stream = new StreamQueue();
        streams.put(streamId, stream);
      } else if (stream.byJti.size() >= maxEntriesPerStream) {
        throw new IllegalStateException(
            "stream " + streamId + " already has the maximum of " + maxEntriesPerStream
                + " entries this in-memory queue keeps per stream");
      }
      Entry stored = new Entry(nextSequence++, entry);
      stream.byJti.put(entry.jti(), stored);
      stream.byKey.computeIfAbsent(entry.orderingKey(), key -> new KeyQueue()).entries.put(entry.jti(), stored);
    }
    // Outside the lock, so that a callback may claim at once (and cannot deadlock against another thread).
    for (Subscription subscription : subscribers) {
      subscription.call(streamId);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code max} is below 1 or {@code lease} is not positive
   */
  @Override
  public List<QueuedSet> claim(StreamId streamId, int max, ClaimMode mode, Instant now, Duration lease) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, but was " + max);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, but was " + lease);
    }
    Instant leaseUntil = plusSaturating(now, lease);
    synchronized (lock) {
      StreamQueue stream = streams.get(streamId);
      if (stream == null) {
        return List.of();
      }
      List<Entry> picked = mode == ClaimMode.PER_KEY_HEAD ? keyHeads(stream, max, now) : oldest(stream, max, now);
      List<QueuedSet> claimed = new ArrayList<>(picked.size());
      for (Entry entry : picked) {
        entry.leaseUntil = leaseUntil;
        stream.byKey.get(entry.set.orderingKey()).leased.add(entry);
        claimed.add(entry.set);
      }
      return List.copyOf(claimed);
    }
  }

  // Must be called with lock held. The due heads of the keys that have no running lease, oldest first.
  private static List<Entry> keyHeads(StreamQueue stream, int max, Instant now) {
    List<Entry> heads = new ArrayList<>();
    for (KeyQueue key : stream.byKey.values()) {
      if (key.hasRunningLease(now)) {
        continue;
      }
      Entry head = key.entries.values().iterator().next();
      if (!head.set.notBefore().isAfter(now)) {
        heads.add(head);
      }
    }
    heads.sort(BY_SEQUENCE);
    return heads.size() > max ? heads.subList(0, max) : heads;
  }

  // Must be called with lock held. Every due entry without a running lease, oldest first.
  private static List<Entry> oldest(StreamQueue stream, int max, Instant now) {
    List<Entry> picked = new ArrayList<>();
    for (Entry entry : stream.byJti.values()) {
      if (!entry.leaseRuns(now) && !entry.set.notBefore().isAfter(now)) {
        picked.add(entry);
        if (picked.size() == max) {
          break;
        }
      }
    }
    return picked;
  }

  @Override
  public Optional<QueuedSet> acknowledge(StreamId streamId, String jti) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(jti, "jti");
    synchronized (lock) {
      StreamQueue stream = streams.get(streamId);
      Entry entry = stream == null ? null : stream.byJti.remove(jti);
      if (stream == null || entry == null) {
        return Optional.empty();
      }
      String orderingKey = entry.set.orderingKey();
      KeyQueue key = stream.byKey.get(orderingKey);
      key.entries.remove(jti);
      key.leased.remove(entry);
      if (key.entries.isEmpty()) {
        stream.byKey.remove(orderingKey);
      }
      if (stream.byJti.isEmpty()) {
        streams.remove(streamId);
      }
      return Optional.of(entry.set);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The queue does not know who holds the lease: a release ends it whoever claimed the entry, and an
   * entry that was not claimed is updated all the same.
   */
  @Override
  public void release(StreamId streamId, String jti, Instant notBefore, String error) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(error, "error");
    synchronized (lock) {
      StreamQueue stream = streams.get(streamId);
      Entry entry = stream == null ? null : stream.byJti.get(jti);
      if (stream == null || entry == null) {
        return;
      }
      QueuedSet set = entry.set;
      entry.set = new QueuedSet(
          set.streamId(), set.jti(), set.token(), set.orderingKey(), set.enqueuedAt(),
          set.attempts() + 1, notBefore, error);
      entry.leaseUntil = null;
      stream.byKey.get(set.orderingKey()).leased.remove(entry);
    }
  }

  @Override
  public int purge(StreamId streamId) {
    Objects.requireNonNull(streamId, "streamId");
    synchronized (lock) {
      StreamQueue stream = streams.remove(streamId);
      return stream == null ? 0 : stream.byJti.size();
    }
  }

  @Override
  public QueueStats stats(StreamId streamId, Instant now) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(now, "now");
    synchronized (lock) {
      StreamQueue stream = streams.get(streamId);
      if (stream == null) {
        return new QueueStats(0, 0, null);
      }
      int claimed = 0;
      for (Entry entry : stream.byJti.values()) {
        if (entry.leaseRuns(now)) {
          claimed++;
        }
      }
      Instant nextDue = null;
      for (KeyQueue key : stream.byKey.values()) {
        Instant due = key.entries.values().iterator().next().set.notBefore();
        for (Entry leased : key.leased) {
          if (leased.leaseUntil != null && leased.leaseUntil.isAfter(due)) {
            due = leased.leaseUntil;
          }
        }
        if (nextDue == null || due.isBefore(nextDue)) {
          nextDue = due;
        }
      }
      return new QueueStats(stream.byJti.size(), claimed, nextDue);
    }
  }

  @Override
  public List<StreamId> streamsWithEntries() {
    synchronized (lock) {
      return List.copyOf(streams.keySet());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The same callback may be subscribed more than once; each handle then stands for one registration.
   * Closing a handle twice is harmless.
   */
  @Override
  public AutoCloseable subscribe(Consumer<StreamId> onEnqueue) {
    Objects.requireNonNull(onEnqueue, "onEnqueue");
    Subscription subscription = new Subscription(onEnqueue);
    subscribers.add(subscription);
    return subscription;
  }

  // A lease so long that it would pass Instant.MAX simply never ends.
  private static Instant plusSaturating(Instant now, Duration lease) {
    try {
      return now.plus(lease);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  /** One queued SET; mutable, guarded by the queue's lock. */
  private static final class Entry {
    private final long sequence;
    private QueuedSet set;
    private @Nullable Instant leaseUntil;

    private Entry(long sequence, QueuedSet set) {
      this.sequence = sequence;
      this.set = set;
    }

    private boolean leaseRuns(Instant now) {
      return leaseUntil != null && leaseUntil.isAfter(now);
    }
  }

  /** The entries of one ordering key, in enqueue order; guarded by the queue's lock. */
  private static final class KeyQueue {
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    // Entries with a lease that was neither released nor acknowledged; it may have expired since.
    private final Set<Entry> leased = new HashSet<>();

    private boolean hasRunningLease(Instant now) {
      for (Entry entry : leased) {
        if (entry.leaseRuns(now)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The entries of one stream; guarded by the queue's lock. */
  private static final class StreamQueue {
    // In enqueue order, so OLDEST_FIRST is one pass and acknowledging any jti costs constant time.
    private final LinkedHashMap<String, Entry> byJti = new LinkedHashMap<>();
    private final Map<String, KeyQueue> byKey = new HashMap<>();
  }

  /** One registered callback; closing it unregisters it. */
  private final class Subscription implements AutoCloseable {
    private final Consumer<StreamId> onEnqueue;

    private Subscription(Consumer<StreamId> onEnqueue) {
      this.onEnqueue = onEnqueue;
    }

    private void call(StreamId streamId) {
      try {
        onEnqueue.accept(streamId);
      } catch (RuntimeException e) {
        // The entry is stored, so the enqueue has succeeded; a broken callback must not make it look failed.
        LOG.warn("An EventQueue subscriber failed after an enqueue for stream {}", streamId, e);
      }
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }
}
