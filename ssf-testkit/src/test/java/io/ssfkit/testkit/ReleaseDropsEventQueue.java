package io.ssfkit.testkit;

import io.ssfkit.stream.StreamId;
import java.time.Instant;

/**
 * A deliberately broken queue: {@link #release} forgets the entry instead of offering it again later, as
 * if it had been acknowledged. Exists only to prove that {@link EventQueueContract} catches a queue that
 * drops SETs after a failed attempt.
 */
final class ReleaseDropsEventQueue extends ForwardingEventQueue {

  @Override
  public void release(StreamId streamId, String jti, Instant notBefore, String error) {
    // The bug: a failed SET is removed, so it is never retried.
    delegate.acknowledge(streamId, jti);
  }
}
