package io.ssfkit;

import io.ssfkit.auth.Caller;
import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.DeliveryState;
import io.ssfkit.delivery.PollRequest;
import io.ssfkit.delivery.PollResponse;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.ReplaceStreamRequest;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.StreamStatusReport;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.stream.UpdateStreamRequest;
import io.ssfkit.stream.VerificationRequest;
import io.ssfkit.subject.AddSubjectRequest;
import io.ssfkit.subject.RemoveSubjectRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The transmitter API: every operation a receiver can ask for, as plain method calls. A host's HTTP layer
 * (or the handler of ssf-jackson) calls it after authenticating the caller; a host may also call it
 * directly.
 *
 * <p>Every stream operation takes the authenticated {@link Caller}, checks its scope (403 when missing)
 * and its rate limit (429), and acts only on streams the caller owns: another caller's stream is reported
 * exactly like a stream that does not exist ({@link SsfErrorCode#STREAM_NOT_FOUND}). Bad input is reported
 * as {@link SsfErrorCode#INVALID_REQUEST} naming every invalid field. Errors are thrown as
 * {@link SsfException}.
 *
 * <p>Implementations are thread-safe. Build the default one with {@link #builder()}.
 */
public interface TransmitterService extends AutoCloseable {

  /**
   * Returns the transmitter configuration metadata. Needs no caller.
   *
   * @return the metadata
   */
  TransmitterMetadata metadata();

  /**
   * Creates a stream for the caller (SSF 1.0 section 8.1.1.1).
   *
   * @param caller the authenticated caller
   * @param request the receiver's properties
   * @return the created stream
   * @throws SsfException {@code STREAM_EXISTS} when the caller already has its maximum of streams,
   *     {@code STREAM_QUOTA_EXCEEDED} when its organization has, {@code INVALID_REQUEST} for bad input
   */
  StreamConfiguration createStream(Caller caller, CreateStreamRequest request);

  /**
   * Reads one stream of the caller (SSF 1.0 section 8.1.1.2).
   *
   * @param caller the authenticated caller
   * @param streamId the stream
   * @return the stream
   * @throws SsfException {@code STREAM_NOT_FOUND} when the caller has no such stream
   */
  StreamConfiguration getStream(Caller caller, StreamId streamId);

  /**
   * Lists the caller's streams, optionally only those whose audience contains a string.
   *
   * @param caller the authenticated caller
   * @param audienceContains the substring the {@code aud} must contain (the product API's {@code aud} "co"
   *     filter), or null for all
   * @return the streams, oldest first; possibly empty
   */
  List<StreamConfiguration> listStreams(Caller caller, @Nullable String audienceContains);

  /**
   * Updates the receiver properties present in the request; the others keep their values (PATCH, SSF 1.0
   * section 8.1.1.3).
   *
   * @param caller the authenticated caller
   * @param request the changes
   * @return the whole updated stream
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code INVALID_REQUEST}
   */
  StreamConfiguration updateStream(Caller caller, UpdateStreamRequest request);

  /**
   * Replaces all receiver properties of a stream (PUT, SSF 1.0 section 8.1.1.4).
   *
   * @param caller the authenticated caller
   * @param request the complete receiver properties
   * @return the whole replaced stream
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code INVALID_REQUEST}
   */
  StreamConfiguration replaceStream(Caller caller, ReplaceStreamRequest request);

  /**
   * Deletes a stream (SSF 1.0 section 8.1.1.5).
   *
   * @param caller the authenticated caller
   * @param streamId the stream
   * @throws SsfException {@code STREAM_NOT_FOUND} when the caller has no such stream
   */
  void deleteStream(Caller caller, StreamId streamId);

  /**
   * Reads the status of a stream (SSF 1.0 section 8.1.2.1).
   *
   * @param caller the authenticated caller
   * @param streamId the stream
   * @return its status
   * @throws SsfException {@code STREAM_NOT_FOUND}
   */
  StreamStatusReport getStatus(Caller caller, StreamId streamId);

  /**
   * Changes the status of a stream at the receiver's request (SSF 1.0 section 8.1.2.2).
   *
   * @param caller the authenticated caller
   * @param request the desired status and reason
   * @return the new status
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code INVALID_REQUEST}
   */
  StreamStatusReport updateStatus(Caller caller, UpdateStatusRequest request);

  /**
   * Adds a subject to a stream (SSF 1.0 section 8.1.3.2). Idempotent.
   *
   * @param caller the authenticated caller
   * @param request the stream and the subject
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code INVALID_REQUEST}
   */
  void addSubject(Caller caller, AddSubjectRequest request);

  /**
   * Removes a subject from a stream (SSF 1.0 section 8.1.3.3). Idempotent; removing the stream's own
   * opaque subject changes nothing (SUBJ-9).
   *
   * @param caller the authenticated caller
   * @param request the stream and the subject
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code INVALID_REQUEST}
   */
  void removeSubject(Caller caller, RemoveSubjectRequest request);

  /**
   * Changes a stream's status on the transmitter's own initiative (an administrator, a policy; STATUS-7)
   * and tells the receiver with a {@code stream-updated} SET (UPD-1). Enabling applies at once and the SET
   * follows (UPD-3). Pausing or disabling an enabled stream applies once that SET has been delivered or
   * given up, so it is the last SET before transmission stops (UPD-2); until then the stream reports its
   * old status. Needs no caller: this is the host's own operation.
   *
   * @param streamId the stream
   * @param status the new status
   * @param reason the reason, or null
   * @return the stream's status as stored now
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code NOT_FOUND} when no signer is configured
   */
  StreamStatusReport changeStatus(StreamId streamId, StreamStatus status, @Nullable String reason);

  /**
   * Asks for a verification SET on a stream (SSF 1.0 section 8.1.4.2): it is queued, and sent while the
   * stream is enabled (held while paused, dropped while disabled). More often than the stream's
   * {@code min_verification_interval} is refused with 429 and a retry-after.
   *
   * @param caller the authenticated caller
   * @param request the stream and the optional {@code state}
   * @throws SsfException {@code STREAM_NOT_FOUND}, {@code RATE_LIMITED}, {@code NOT_FOUND} when this
   *     transmitter sends no events (no signer configured)
   */
  void verify(Caller caller, VerificationRequest request);

  /**
   * Serves an RFC 8936 poll of one of the caller's poll streams. The stage completes at once when SETs are
   * due, otherwise at the next SET or the long-poll timeout; no thread waits meanwhile.
   *
   * @param caller the authenticated caller
   * @param streamId the stream, from the poll URL
   * @param request the poll
   * @return the response
   * @throws SsfException {@code STREAM_NOT_FOUND} when the caller has no such poll stream
   */
  CompletionStage<PollResponse> poll(Caller caller, StreamId streamId, PollRequest request);

  /**
   * Publishes an event: one SET, signed once, goes into the outbox of every stream of the organization
   * whose {@code events_delivered} has the type, whose subjects include the subject (or one of its
   * {@linkplain Publication#alternatives() alternatives}, which that stream's SET then carries) and that is not
   * disabled; all share one {@code txn}. {@link #fanOut} tells the same decisions without publishing. Returns once every SET is stored (accepted); delivery follows at
   * once, asynchronously.
   *
   * @param publication the event, its subject and organization
   * @return which streams got a SET and why the others did not
   * @throws SsfException {@code NOT_FOUND} when this transmitter sends no events (no signer configured),
   *     {@code SIGNING_FAILED}, {@code STORE_FAILURE}
   */
  PublishResult publish(Publication publication);

  /**
   * Decides, without signing or storing anything, what {@link #publish} would do with a publication: for every
   * stream of the organization, whether it would get a SET, about which of the subject's identifiers, and if
   * not why (CFG-5, SUBJ-1, STATUS-4..6; {@link StreamDecision#decide}). It is the decision publishing makes,
   * with the same store and {@code default_subjects}, so a dry run cannot disagree with the real thing; the one
   * outcome it cannot foresee is a paused stream whose hold limit is reached by the time of publishing. Needs no
   * caller, and works whether or not a signer is configured.
   *
   * @param publication the event, its subject and organization
   * @return the decision for each stream of the organization, in the store's order; empty when it has none
   * @throws SsfException {@code STORE_FAILURE}
   */
  List<StreamDecision> fanOut(Publication publication);

  /**
   * Returns the JSON Web Key Set that verifies this transmitter's SETs (KEY-1), for the {@code jwks_uri}.
   * Needs no caller.
   *
   * @return {@code {"keys": [...]}} with public keys only
   * @throws SsfException {@code NOT_FOUND} when no signer is configured
   */
  Map<String, Object> jwks();

  /**
   * Lists the SETs of one of the caller's streams whose delivery was given up.
   *
   * @param caller the authenticated caller
   * @param streamId the stream
   * @param limit the most to return
   * @return the dead letters, oldest first
   * @throws SsfException {@code STREAM_NOT_FOUND}
   */
  List<DeadLetter> deadLetters(Caller caller, StreamId streamId, int limit);

  /**
   * Puts a dead letter back into the stream's outbox, with its identical bytes and a fresh retry budget.
   *
   * @param caller the authenticated caller
   * @param streamId the stream
   * @param jti the SET
   * @throws SsfException {@code STREAM_NOT_FOUND} when the caller has no such stream or no such dead letter
   */
  void replayDeadLetter(Caller caller, StreamId streamId, String jti);

  /**
   * Returns the delivery health of one of the caller's streams: queue depth, last success, last error.
   *
   * @param caller the authenticated caller
   * @param streamId the stream
   * @return the state as this node has seen it
   * @throws SsfException {@code STREAM_NOT_FOUND}
   */
  DeliveryState deliveryState(Caller caller, StreamId streamId);

  /** Stops event delivery (the dispatcher and waiting polls); management calls keep working. */
  @Override
  void close();

  /**
   * Starts a builder for the default implementation.
   *
   * @return a builder
   */
  static TransmitterServiceBuilder builder() {
    return new TransmitterServiceBuilder();
  }
}
