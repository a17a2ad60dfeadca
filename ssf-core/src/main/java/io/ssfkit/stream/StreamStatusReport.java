package io.ssfkit.stream;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The status of one stream, as the status endpoint reports it (SSF 1.0 section 8.1.2.1).
 *
 * @param streamId the stream
 * @param status its status
 * @param reason why it has that status, or null when no reason was given
 */
public record StreamStatusReport(StreamId streamId, StreamStatus status, @Nullable String reason) {

  /**
   * Validates the report.
   *
   * @param streamId the stream
   * @param status its status
   * @param reason why it has that status, or null when no reason was given
   */
  public StreamStatusReport {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(status, "status");
  }
}
