package io.ssfkit.testkit;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.QueueStats;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Forwards every call to an {@link InMemoryEventQueue}; the deliberately broken queues override one. */
abstract class ForwardingEventQueue implements EventQueue {

  final EventQueue delegate = InMemoryEventQueue.create();

  @Override
  public void enqueue(QueuedSet entry) {
    delegate.enqueue(entry);
  }

  @Override
  public List<QueuedSet> claim(StreamId streamId, int max, ClaimMode mode, Instant now, Duration lease) {
    return delegate.claim(streamId, max, mode, now, lease);
  }

  @Override
  public Optional<QueuedSet> acknowledge(StreamId streamId, String jti) {
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
  public QueueStats stats(StreamId streamId, Instant now) {
    return delegate.stats(streamId, now);
  }

  @Override
  public List<StreamId> streamsWithEntries() {
    return delegate.streamsWithEntries();
  }

  @Override
  public AutoCloseable subscribe(Consumer<StreamId> onEnqueue) {
    return delegate.subscribe(onEnqueue);
  }
}
