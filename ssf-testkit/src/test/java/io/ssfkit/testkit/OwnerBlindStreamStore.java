package io.ssfkit.testkit;

import io.ssfkit.spi.StreamQuota;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deliberately broken store: {@link #find} ignores the owner it is given, so any caller can read any
 * stream by its ID. Exists only to prove that {@link StreamStoreContract} catches unscoped lookups.
 */
final class OwnerBlindStreamStore implements StreamStore {

  private final StreamStore delegate = InMemoryStreamStore.create();
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

  @Override
  public Optional<StreamConfiguration> findById(StreamId streamId) {
    return delegate.findById(streamId);
  }

  @Override
  public List<StreamConfiguration> listByOrg(String orgId) {
    return delegate.listByOrg(orgId);
  }

  @Override
  public List<StreamConfiguration> list(StreamOwner owner) {
    return delegate.list(owner);
  }

  @Override
  public StreamConfiguration update(StreamConfiguration next, long expectedVersion) {
    return delegate.update(next, expectedVersion);
  }

  @Override
  public boolean delete(StreamOwner owner, StreamId streamId) {
    return delegate.delete(owner, streamId);
  }

  @Override
  public void putSubject(StreamOwner owner, StreamId streamId, SubjectMembership membership) {
    delegate.putSubject(owner, streamId, membership);
  }

  @Override
  public Optional<SubjectMembership> findSubject(
      StreamOwner owner, StreamId streamId, SubjectIdentifier subject) {
    return delegate.findSubject(owner, streamId, subject);
  }
}
