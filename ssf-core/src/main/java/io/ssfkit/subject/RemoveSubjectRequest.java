package io.ssfkit.subject;

import io.ssfkit.stream.StreamId;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * The body of a remove-subject request (SSF 1.0 section 8.1.3.3).
 *
 * @param streamId the stream
 * @param subject the subject to remove
 */
public record RemoveSubjectRequest(
    @NotNull @Nullable StreamId streamId, @NotNull @Nullable SubjectIdentifier subject) {}
