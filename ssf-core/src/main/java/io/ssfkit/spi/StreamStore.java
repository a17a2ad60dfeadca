package io.ssfkit.spi;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.stream.ConcurrentStreamUpdateException;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.util.List;
import java.util.Optional;

/**
 * Where streams and their subjects live. The store owns state; the service owns decisions.
 *
 * <p><b>Thread-safety.</b> Implementations must be thread-safe, and {@link #insert} and {@link #update}
 * must be atomic: the quota check and the insert happen as one step, and an update succeeds only when the
 * stored version is the one the update was based on (optimistic concurrency), so that concurrent changes
 * never lose an update.
 *
 * <p><b>Scoping.</b> Every lookup takes the {@link StreamOwner}: a stream of another owner is treated
 * exactly like a stream that does not exist.
 *
 * <p><b>Nulls and errors.</b> No parameter may be null; lookups return {@link Optional} or an empty list,
 * never null. An implementation that fails for its own reasons (I/O, a database) throws an
 * {@link SsfException} with {@link SsfErrorCode#STORE_FAILURE}, or any unchecked exception, which the
 * service reports as a store failure.
 *
 * <p>Every implementation should pass the {@code StreamStoreContract} of ssf-testkit.
 */
public interface StreamStore {

  /**
   * Inserts a new stream, if the owner's client and organization are within the quota.
   *
   * @param stream the stream; its version is ignored
   * @param quota the limits to check atomically with the insert
   * @return the stored stream, with version 1
   * @throws SsfException with {@link SsfErrorCode#STREAM_EXISTS} when the client already has
   *     {@code maxPerClient} streams, with {@link SsfErrorCode#STREAM_QUOTA_EXCEEDED} when the organization
   *     already has {@code maxPerOrg}; the message names the limit
   * @throws IllegalArgumentException when a stream with the same ID exists
   */
  StreamConfiguration insert(StreamConfiguration stream, StreamQuota quota);

  /**
   * Finds a stream of an owner.
   *
   * @param owner the owner
   * @param streamId the stream ID
   * @return the stream, or empty when no stream of that owner has that ID
   */
  Optional<StreamConfiguration> find(StreamOwner owner, StreamId streamId);

  /**
   * Finds a stream by its ID alone. Only for the transmitter's own components that hold nothing but a
   * stream ID (the delivery dispatcher, the poll endpoint after its own owner check); never reachable with
   * an ID taken from a caller's request without an owner check.
   *
   * @param streamId the stream ID
   * @return the stream, or empty when there is none
   */
  Optional<StreamConfiguration> findById(StreamId streamId);

  /**
   * Lists the streams of an organization, oldest first: the candidates of an event's fan-out.
   *
   * @param orgId the organization ID
   * @return the streams of every client of the organization, possibly empty
   */
  List<StreamConfiguration> listByOrg(String orgId);

  /**
   * Lists the streams of an owner, oldest first.
   *
   * @param owner the owner
   * @return the streams, possibly empty
   */
  List<StreamConfiguration> list(StreamOwner owner);

  /**
   * Replaces a stream if it is still at the version the change was based on. Idempotency is the caller's:
   * the same change applied twice is two updates.
   *
   * @param next the new state; its owner and ID select the stream
   * @param expectedVersion the version the change was based on
   * @return the stored stream, with version {@code expectedVersion + 1}
   * @throws ConcurrentStreamUpdateException when the stored version differs
   * @throws SsfException with {@link SsfErrorCode#STREAM_NOT_FOUND} when the stream no longer exists
   */
  StreamConfiguration update(StreamConfiguration next, long expectedVersion);

  /**
   * Deletes a stream and its subjects. Idempotent.
   *
   * @param owner the owner
   * @param streamId the stream ID
   * @return true if a stream was deleted, false if there was none
   */
  boolean delete(StreamOwner owner, StreamId streamId);

  /**
   * Records that a subject was added to or removed from a stream, replacing what was recorded before for
   * the same subject. Idempotent.
   *
   * @param owner the owner
   * @param streamId the stream ID
   * @param membership the subject and whether it is included
   * @throws SsfException with {@link SsfErrorCode#STREAM_NOT_FOUND} when the stream does not exist
   */
  void putSubject(StreamOwner owner, StreamId streamId, SubjectMembership membership);

  /**
   * Finds what was recorded for a subject of a stream; an exact lookup, never a scan.
   *
   * @param owner the owner
   * @param streamId the stream ID
   * @param subject the subject, compared with {@link Object#equals}
   * @return the membership, or empty when none was recorded or the stream does not exist
   */
  Optional<SubjectMembership> findSubject(StreamOwner owner, StreamId streamId, SubjectIdentifier subject);
}
