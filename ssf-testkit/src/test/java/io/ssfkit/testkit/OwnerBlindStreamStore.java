package io.ssfkit.testkit;

import io.ssfkit.spi.StreamQuota;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deliberately broken store: {@link #find} ignores the owner it is given, so any caller can read any
 * stream by its ID. Exists only to prove that {@link StreamStoreContract} catches unscoped lookups.
 */
final class OwnerBlindStreamStore extends ForwardingStreamStore {

  private final Map<StreamId, StreamOwner> owners = new ConcurrentHashMap<>();

  @Override
  public StreamConfiguration insert(StreamConfiguration stream, StreamQuota quota) {
    StreamConfiguration stored = delegate.insert(stream, quota);
    owners.put(stored.streamId(), stored.owner());
    return stored;
  }

  @Override
  public Optional<StreamConfiguration> find(StreamOwner owner, StreamId streamId) {
    // The bug: the real owner is looked up by ID, whoever asks.
    return delegate.find(owners.getOrDefault(streamId, owner), streamId);
  }
}
