package io.ssfkit;

import io.ssfkit.auth.Caller;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.ReplaceStreamRequest;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatusReport;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.stream.UpdateStreamRequest;
import io.ssfkit.subject.AddSubjectRequest;
import io.ssfkit.subject.RemoveSubjectRequest;
import java.util.List;
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
public interface TransmitterService {

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
   * Starts a builder for the default implementation.
   *
   * @return a builder
   */
  static TransmitterServiceBuilder builder() {
    return new TransmitterServiceBuilder();
  }
}
