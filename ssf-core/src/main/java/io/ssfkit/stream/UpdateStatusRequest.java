package io.ssfkit.stream;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of a status update ({@code Updatestreamstatusrequest}, SSF 1.0 section 8.1.2.2).
 *
 * @param streamId the stream
 * @param status the desired status
 * @param reason why, or null
 */
public record UpdateStatusRequest(
    @NotNull @Nullable StreamId streamId,
    @NotNull @Nullable StreamStatus status,
    @Size(max = 1024) @Nullable String reason) {}
