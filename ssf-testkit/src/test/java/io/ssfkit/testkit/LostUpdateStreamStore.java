package io.ssfkit.testkit;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.stream.StreamConfiguration;

/**
 * A deliberately broken store: {@link #update} ignores the version the change was based on, so concurrent
 * changes overwrite each other. Exists only to prove that {@link StreamStoreContract} catches lost updates.
 */
final class LostUpdateStreamStore extends ForwardingStreamStore {

  @Override
  public StreamConfiguration update(StreamConfiguration next, long expectedVersion) {
    // The bug: the version the caller read is ignored; the stored one is used instead.
    long stored = delegate.find(next.owner(), next.streamId())
        .orElseThrow(() -> new SsfException(SsfErrorCode.STREAM_NOT_FOUND, "stream not found"))
        .version();
    return delegate.update(next, stored);
  }
}
