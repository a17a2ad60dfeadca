package io.ssfkit.stream;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;

/**
 * Thrown by a {@link io.ssfkit.spi.StreamStore} when an update was based on a version of the stream that is
 * no longer the stored one. The service catches it, re-reads the stream and applies the change again, so a
 * caller sees it only when the stream kept changing through every retry.
 */
public final class ConcurrentStreamUpdateException extends SsfException {

  /**
   * Creates the exception.
   *
   * @param streamId the stream that changed concurrently
   * @param expectedVersion the version the update was based on
   */
  public ConcurrentStreamUpdateException(StreamId streamId, long expectedVersion) {
    super(
        SsfErrorCode.CONCURRENT_UPDATE,
        "stream " + streamId.value() + " changed concurrently (expected version " + expectedVersion + ")");
  }
}
