package io.ssfkit.testkit;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.ConcurrentStreamUpdateException;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamStore} that keeps streams and subjects on the heap, for tests and local development.
 * Nothing survives the JVM.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe. Every change runs under one private lock, so the quota check
 * of {@link #insert} and the version check of {@link #update} are atomic with the change they guard. The reads
 * publishing makes on every event, {@link #findSubject} and a repeated {@link #listByOrg}, read concurrent maps
 * without the lock and see each change whole.
 *
 * <p><b>Memory.</b> Each stream keeps at most {@code maxSubjectsPerStream} subjects (1,000,000 unless set
 * with {@link #create(int)}); beyond that, {@link #putSubject} of a subject the stream does not have yet
 * throws {@link SsfErrorCode#INVALID_REQUEST}, while changing a subject it has still works. The store does
 * not bound the number of streams itself: the quotas passed to {@link #insert} bound it per client and per
 * organization, and deleted streams free their memory.
 *
 * <p>{@link #findSubject} is a hash lookup keyed by the subject (its {@link Object#equals} and
 * {@link Object#hashCode}), never a scan. Subjects are kept subject first, each with the streams that hold it:
 * publishing asks about one subject for every stream of an organization in turn, and after the first lookup the
 * others find the same entry in the CPU cache. The price is paid by {@link #delete}, which walks every subject of
 * the store to drop the stream's.
 */
public final class InMemoryStreamStore implements StreamStore {

  private static final int DEFAULT_MAX_SUBJECTS_PER_STREAM = 1_000_000;

  private final Object lock = new Object();
  private final int maxSubjectsPerStream;

  // Guarded by lock. Insertion-ordered per owner, so list() is oldest first without a sort.
  private final Map<StreamOwner, LinkedHashMap<StreamId, Entry>> streamsByOwner = new LinkedHashMap<>();
  // Changed under lock, read without by findSubject. Every stream by ID, so a duplicate ID is found whoever owns
  // the first one.
  private final Map<StreamId, Entry> byId = new ConcurrentHashMap<>();
  // Guarded by lock. Number of streams per organization, for the org quota.
  private final Map<String, Integer> countByOrg = new HashMap<>();
  // Changed under lock, read without by listByOrg. listByOrg's answer per organization, dropped whenever one of its
  // streams changes: publishing asks for it on every event.
  private final Map<String, List<StreamConfiguration>> listedByOrg = new ConcurrentHashMap<>();
  // Changed under lock, read without by findSubject. Each subject with the streams that hold it; the inner maps are
  // immutable, replaced on change.
  private final Map<SubjectIdentifier, Map<StreamId, SubjectMembership>> memberships = new ConcurrentHashMap<>();

  private InMemoryStreamStore(int maxSubjectsPerStream) {
    this.maxSubjectsPerStream = maxSubjectsPerStream;
  }

  /**
   * Returns an empty store that keeps at most 1,000,000 subjects per stream.
   *
   * @return a new, empty store
   */
  public static InMemoryStreamStore create() {
    return new InMemoryStreamStore(DEFAULT_MAX_SUBJECTS_PER_STREAM);
  }

  /**
   * Returns an empty store with a bound on the subjects per stream.
   *
   * @param maxSubjectsPerStream the most subjects one stream keeps
   * @return a new, empty store
   * @throws IllegalArgumentException if {@code maxSubjectsPerStream} is below 1
   */
  public static InMemoryStreamStore create(int maxSubjectsPerStream) {
    if (maxSubjectsPerStream < 1) {
      throw new IllegalArgumentException(
          "maxSubjectsPerStream must be at least 1, but was " + maxSubjectsPerStream);
    }
    return new InMemoryStreamStore(maxSubjectsPerStream);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The client limit is checked before the organization limit.
   */
  @Override
  public StreamConfiguration insert(StreamConfiguration stream, StreamQuota quota) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(quota, "quota");
    StreamOwner owner = stream.owner();
    synchronized (lock) {
      if (byId.containsKey(stream.streamId())) {
        throw new IllegalArgumentException("a stream with id " + stream.streamId() + " already exists");
      }
      LinkedHashMap<StreamId, Entry> own = streamsByOwner.get(owner);
      int clientCount = own == null ? 0 : own.size();
      if (clientCount >= quota.maxPerClient()) {
        throw new SsfException(
            SsfErrorCode.STREAM_EXISTS,
            "the client already has the maximum of " + quota.maxPerClient() + " stream(s)");
      }
      int orgCount = countByOrg.getOrDefault(owner.orgId(), 0);
      if (orgCount >= quota.maxPerOrg()) {
        throw new SsfException(
            SsfErrorCode.STREAM_QUOTA_EXCEEDED,
            "the organization's quota of " + quota.maxPerOrg() + " streams is reached");
      }
      StreamConfiguration stored = stream.toBuilder().version(1).build();
      Entry entry = new Entry(stored);
      streamsByOwner.computeIfAbsent(owner, o -> new LinkedHashMap<>()).put(stream.streamId(), entry);
      byId.put(stream.streamId(), entry);
      countByOrg.put(owner.orgId(), orgCount + 1);
      listedByOrg.remove(owner.orgId());
      return stored;
    }
  }

  @Override
  public Optional<StreamConfiguration> find(StreamOwner owner, StreamId streamId) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(streamId, "streamId");
    synchronized (lock) {
      Entry entry = entry(owner, streamId);
      return entry == null ? Optional.empty() : Optional.of(entry.stream);
    }
  }

  @Override
  public Optional<StreamConfiguration> findById(StreamId streamId) {
    Objects.requireNonNull(streamId, "streamId");
    synchronized (lock) {
      Entry entry = byId.get(streamId);
      return entry == null ? Optional.empty() : Optional.of(entry.stream);
    }
  }

  @Override
  public List<StreamConfiguration> listByOrg(String orgId) {
    Objects.requireNonNull(orgId, "orgId");
    List<StreamConfiguration> listed = listedByOrg.get(orgId);
    if (listed != null) {
      return listed; // Every change of the organization's streams drops it before releasing the lock.
    }
    synchronized (lock) {
      // Insertion order of owners, then of their streams: oldest first within a client.
      return listedByOrg.computeIfAbsent(orgId, org -> streamsByOwner.entrySet().stream()
          .filter(e -> e.getKey().orgId().equals(org))
          .flatMap(e -> e.getValue().values().stream())
          .map(e -> e.stream)
          .sorted(java.util.Comparator.comparing(StreamConfiguration::createdAt))
          .toList());
    }
  }

  @Override
  public List<StreamConfiguration> list(StreamOwner owner) {
    Objects.requireNonNull(owner, "owner");
    synchronized (lock) {
      LinkedHashMap<StreamId, Entry> own = streamsByOwner.get(owner);
      return own == null ? List.of() : own.values().stream().map(e -> e.stream).toList();
    }
  }

  @Override
  public StreamConfiguration update(StreamConfiguration next, long expectedVersion) {
    Objects.requireNonNull(next, "next");
    synchronized (lock) {
      Entry entry = entry(next.owner(), next.streamId());
      if (entry == null) {
        throw notFound(next.streamId());
      }
      if (entry.stream.version() != expectedVersion) {
        throw new ConcurrentStreamUpdateException(next.streamId(), expectedVersion);
      }
      entry.stream = next.toBuilder().version(expectedVersion + 1).build();
      listedByOrg.remove(next.owner().orgId());
      return entry.stream;
    }
  }

  @Override
  public boolean delete(StreamOwner owner, StreamId streamId) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(streamId, "streamId");
    synchronized (lock) {
      LinkedHashMap<StreamId, Entry> own = streamsByOwner.get(owner);
      Entry removed = own == null ? null : own.remove(streamId);
      if (removed == null) {
        return false;
      }
      if (own.isEmpty()) {
        streamsByOwner.remove(owner);
      }
      byId.remove(streamId);
      listedByOrg.remove(owner.orgId());
      if (removed.subjectCount > 0) {
        dropSubjects(streamId);
      }
      countByOrg.computeIfPresent(owner.orgId(), (org, count) -> count == 1 ? null : count - 1);
      return true;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws SsfException with {@link SsfErrorCode#INVALID_REQUEST} when the subject is new to the stream and
   *     the stream already keeps {@code maxSubjectsPerStream} subjects
   */
  @Override
  public void putSubject(StreamOwner owner, StreamId streamId, SubjectMembership membership) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(membership, "membership");
    synchronized (lock) {
      Entry entry = entry(owner, streamId);
      if (entry == null) {
        throw notFound(streamId);
      }
      Map<StreamId, SubjectMembership> holders = memberships.getOrDefault(membership.subject(), Map.of());
      boolean added = !holders.containsKey(streamId);
      if (added && entry.subjectCount >= maxSubjectsPerStream) {
        throw new SsfException(
            SsfErrorCode.INVALID_REQUEST,
            "stream " + streamId + " already has the maximum of " + maxSubjectsPerStream
                + " subjects this in-memory store keeps per stream");
      }
      Map<StreamId, SubjectMembership> next = new HashMap<>(holders);
      next.put(streamId, membership);
      memberships.put(membership.subject(), Map.copyOf(next));
      if (added) {
        entry.subjectCount++;
      }
    }
  }

  @Override
  public Optional<SubjectMembership> findSubject(
      StreamOwner owner, StreamId streamId, SubjectIdentifier subject) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(subject, "subject");
    // Without the lock: publishing asks this for every stream of an organization on every event. Each read sees
    // the store before or after any one change, as under the lock.
    Map<StreamId, SubjectMembership> holders = memberships.get(subject);
    SubjectMembership membership = holders == null ? null : holders.get(streamId);
    // Only a membership found needs the owner checked: none is found for a missing stream, whoever asks.
    return membership == null || entry(owner, streamId) == null ? Optional.empty() : Optional.of(membership);
  }

  // Must be called with lock held. One pass over every subject of the store.
  private void dropSubjects(StreamId streamId) {
    for (var it = memberships.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<SubjectIdentifier, Map<StreamId, SubjectMembership>> holders = it.next();
      if (!holders.getValue().containsKey(streamId)) {
        continue;
      }
      if (holders.getValue().size() == 1) {
        it.remove();
      } else {
        Map<StreamId, SubjectMembership> rest = new HashMap<>(holders.getValue());
        rest.remove(streamId);
        holders.setValue(Map.copyOf(rest));
      }
    }
  }

  // Another owner's stream is not found, exactly like a missing one. Safe without the lock: an entry's owner never
  // changes.
  private @Nullable Entry entry(StreamOwner owner, StreamId streamId) {
    Entry entry = byId.get(streamId);
    return entry != null && entry.owner.equals(owner) ? entry : null;
  }

  private static SsfException notFound(StreamId streamId) {
    return new SsfException(SsfErrorCode.STREAM_NOT_FOUND, "stream " + streamId + " not found");
  }

  /** One stored stream and how many subjects it holds; mutable, guarded by the store's lock, but for its owner. */
  private static final class Entry {
    private final StreamOwner owner;
    private StreamConfiguration stream;
    private int subjectCount;

    private Entry(StreamConfiguration stream) {
      this.owner = stream.owner();
      this.stream = stream;
    }
  }
}
