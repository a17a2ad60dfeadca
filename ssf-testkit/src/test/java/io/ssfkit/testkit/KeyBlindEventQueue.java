package io.ssfkit.testkit;

import io.ssfkit.delivery.ClaimMode;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.stream.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A deliberately broken queue: {@link ClaimMode#PER_KEY_HEAD} ignores the ordering keys and returns every
 * due entry, as {@link ClaimMode#OLDEST_FIRST} does. Exists only to prove that {@link EventQueueContract}
 * catches a queue that breaks per-key order (PUSH-9).
 */
final class KeyBlindEventQueue extends ForwardingEventQueue {

  @Override
  public List<QueuedSet> claim(StreamId streamId, int max, ClaimMode mode, Instant now, Duration lease) {
    // The bug: one subject's later SETs go out while its earlier one is still in flight or waiting.
    return delegate.claim(streamId, max, ClaimMode.OLDEST_FIRST, now, lease);
  }
}
