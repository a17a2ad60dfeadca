package io.ssfkit.testkit;

import io.ssfkit.spi.StreamQuota;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.List;
import java.util.Optional;

/** Forwards every call to an {@link InMemoryStreamStore}; the deliberately broken stores override one. */
abstract class ForwardingStreamStore implements StreamStore {

  final StreamStore delegate = InMemoryStreamStore.create();

  @Override
  public StreamConfiguration insert(StreamConfiguration stream, StreamQuota quota) {
    return delegate.insert(stream, quota);
  }

  @Override
  public Optional<StreamConfiguration> find(StreamOwner owner, StreamId streamId) {
    return delegate.find(owner, streamId);
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
  public Optional<SubjectMembership> findSubject(StreamOwner owner, StreamId streamId, SubjectIdentifier subject) {
    return delegate.findSubject(owner, streamId, subject);
  }
}
