package io.ssfkit;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.ConcurrentStreamUpdateException;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one read–modify–compare-and-set loop over a {@link StreamStore}: a change is re-read and re-applied
 * when the stream changed meanwhile, so concurrent changes never lose an update. Store failures other than
 * {@link SsfException} become {@link SsfErrorCode#STORE_FAILURE}.
 */
final class StreamUpdates {

  private static final Logger LOG = LoggerFactory.getLogger(StreamUpdates.class);

  /** How often a change is re-applied when the stream keeps changing under it. */
  private static final int MAX_ATTEMPTS = 1_000;

  private StreamUpdates() {}

  /**
   * Applies a change to an owner's stream.
   *
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code CONCURRENT_UPDATE}, {@code STORE_FAILURE}, or what
   *     the change itself throws
   */
  static StreamConfiguration change(
      StreamStore store, StreamOwner owner, StreamId id, UnaryOperator<StreamConfiguration> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StreamConfiguration current = storeCall(() -> store.find(owner, id))
          .orElseThrow(() -> new SsfException(SsfErrorCode.STREAM_NOT_FOUND, "stream " + id + " not found"));
      StreamConfiguration next = change.apply(current);
      try {
        return storeCall(() -> store.update(next, current.version()));
      } catch (ConcurrentStreamUpdateException e) {
        LOG.debug("stream {} changed concurrently; re-applying the update", id);
      }
    }
    throw new SsfException(
        SsfErrorCode.CONCURRENT_UPDATE, "stream " + id + " kept changing concurrently; retry the request");
  }

  /** Runs a store call, turning an unexpected failure into {@code STORE_FAILURE}. */
  static <T> T storeCall(Supplier<T> call) {
    try {
      return call.get();
    } catch (SsfException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SsfException(SsfErrorCode.STORE_FAILURE, "the stream store failed", e);
    }
  }
}
