package io.ssfkit.testkit;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.QueueStats;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A deliberately broken queue: its leases never expire, so an entry whose deliverer crashed is never
 * offered again. Exists only to prove that {@link EventQueueContract} catches a queue that loses
 * at-least-once delivery.
 */
final class EverlastingLeaseEventQueue implements EventQueue {

  private final EventQueue delegate = InMemoryEventQueue.create();

  @Override
  public void enqueue(QueuedSet entry) {
    delegate.enqueue(entry);
  }

  @Override
  public List<QueuedSet> claim(StreamId streamId, int max, ClaimMode mode, Instant now, Duration lease) {
    // The bug: whatever lease is asked for, the claim lasts a thousand years.
    return delegate.claim(streamId, max, mode, now, Duration.ofDays(365_000));
  }

  @Override
  public boolean acknowledge(StreamId streamId, String jti) {
    return delegate.acknowledge(streamId, jti);
  }

  @Override
  public void release(StreamId streamId, String jti, Instant notBefore, String error) {
    delegate.release(streamId, jti, notBefore, error);
  }

  @Override
  public int purge(StreamId streamId) {
    return delegate.purge(streamId);
  }

  @Override
  public QueueStats stats(StreamId streamId) {
    return delegate.stats(streamId);
  }

  @Override
  public AutoCloseable subscribe(Consumer<StreamId> onEnqueue) {
    return delegate.subscribe(onEnqueue);
  }
}
