package io.ssfkit.subject;

import io.ssfkit.stream.StreamId;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * The body of an add-subject request (SSF 1.0 section 8.1.3.2).
 *
 * @param streamId the stream
 * @param subject the subject to add
 * @param verified whether the receiver verified the subject; null means true (SUBJ-3)
 */
public record AddSubjectRequest(
    @NotNull @Nullable StreamId streamId,
    @NotNull @Nullable SubjectIdentifier subject,
    @Nullable Boolean verified) {}
