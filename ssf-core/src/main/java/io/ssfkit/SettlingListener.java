package io.ssfkit;

import io.ssfkit.delivery.DeliveryListener;
import io.ssfkit.stream.StreamId;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards every outcome to the host's listener, and tells the event flow when a SET is settled (delivered
 * or given up), which is when a pending transmitter-initiated status change takes effect.
 */
final class SettlingListener implements DeliveryListener {

  private static final Logger LOG = LoggerFactory.getLogger(SettlingListener.class);

  private final DeliveryListener host;
  private final AtomicReference<BiConsumer<StreamId, String>> onSettled = new AtomicReference<>((id, jti) -> { });

  SettlingListener(DeliveryListener host) {
    this.host = host;
  }

  private void settled(StreamId streamId, String jti) {
    try {
      onSettled.get().accept(streamId, jti);
    } catch (RuntimeException e) {
      // The pending change stays recorded; the next settle of the same SET (a redelivery) applies it.
      LOG.warn("applying the pending status change of stream {} failed", streamId, e);
    }
  }

  /** Sets what runs when a SET is settled; set once the event flow exists. */
  void onSettled(BiConsumer<StreamId, String> callback) {
    onSettled.set(callback);
  }

  @Override
  public void delivered(StreamId streamId, String jti, int attempts) {
    settled(streamId, jti);
    host.delivered(streamId, jti, attempts);
  }

  @Override
  public void retried(StreamId streamId, String jti, int failedAttempts, Instant nextAttempt, String reason) {
    host.retried(streamId, jti, failedAttempts, nextAttempt, reason);
  }

  @Override
  public void rejected(StreamId streamId, String jti, String code, @Nullable String description) {
    host.rejected(streamId, jti, code, description);
  }

  @Override
  public void deadLettered(StreamId streamId, String jti, String reason) {
    settled(streamId, jti);
    host.deadLettered(streamId, jti, reason);
  }

  @Override
  public void held(StreamId streamId, String jti) {
    host.held(streamId, jti);
  }

  @Override
  public void dropped(StreamId streamId, String jti, String reason) {
    host.dropped(streamId, jti, reason);
  }
}
