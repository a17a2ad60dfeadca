package io.ssfkit.stream;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of a verification request ({@code Verificationrequest}, SSF 1.0 section 8.1.4.2).
 *
 * @param streamId the stream to verify
 * @param state an opaque value echoed in the verification SET, or null
 */
public record VerificationRequest(@NotNull @Nullable StreamId streamId, @Size(max = 1024) @Nullable String state) {}
