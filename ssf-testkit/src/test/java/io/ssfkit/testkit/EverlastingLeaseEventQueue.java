package io.ssfkit.testkit;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A deliberately broken queue: its leases never expire, so an entry whose deliverer crashed is never
 * offered again. Exists only to prove that {@link EventQueueContract} catches a queue that loses
 * at-least-once delivery.
 */
final class EverlastingLeaseEventQueue extends ForwardingEventQueue {

  @Override
  public List<QueuedSet> claim(StreamId streamId, int max, ClaimMode mode, Instant now, Duration lease) {
    // The bug: whatever lease is asked for, the claim lasts a thousand years.
    return delegate.claim(streamId, max, mode, now, Duration.ofDays(365_000));
  }
}
