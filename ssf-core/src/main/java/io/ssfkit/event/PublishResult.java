package io.ssfkit.event;

import io.ssfkit.stream.StreamId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a publication did: which streams got a SET (stored in their outbox, so accepted) and, for every
 * other stream of the organization, why not.
 *
 * @param txn the {@code txn} of the SETs
 * @param enqueued the streams whose outbox received a SET, each with the SET's {@code jti}
 * @param skipped the streams that did not, each with the reason (type not delivered, subject not in the
 *     stream, stream disabled, hold limit reached)
 */
public record PublishResult(String txn, Map<StreamId, String> enqueued, Map<StreamId, String> skipped) {

  /**
   * Copies the maps.
   *
   * @param txn the transaction ID
   * @param enqueued the streams that received a SET, with its jti
   * @param skipped the streams that did not, with why
   */
  public PublishResult {
    Objects.requireNonNull(txn, "txn");
    enqueued = Map.copyOf(enqueued);
    skipped = Map.copyOf(skipped);
  }

  /**
   * Returns the streams that received a SET.
   *
   * @return their IDs, in no particular order
   */
  public List<StreamId> streams() {
    return List.copyOf(enqueued.keySet());
  }
}
