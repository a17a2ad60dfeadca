package io.ssfkit.error;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception of ssfkit: an {@link SsfErrorCode} with a message, and for invalid input the
 * {@link FieldError}s that name every offending field.
 *
 * <p>Messages name the parameter and the bad value, but never a secret (an {@code authorization_header}, a
 * token, a key).
 */
public class SsfException extends RuntimeException {

  /** The error code. */
  private final SsfErrorCode code;

  /** The invalid fields, empty when the error is not about fields. */
  private final List<FieldError> fieldErrors;

  /** How long to wait before retrying, or null. */
  private final @Nullable Duration retryAfter;

  /**
   * Creates an exception with a code and a message.
   *
   * @param code the error code
   * @param message a description of the error that names the offending value
   */
  public SsfException(SsfErrorCode code, String message) {
    this(code, message, List.of(), null, null);
  }

  /**
   * Creates an exception with a code, a message and a cause.
   *
   * @param code the error code
   * @param message a description of the error
   * @param cause the underlying failure
   */
  public SsfException(SsfErrorCode code, String message, @Nullable Throwable cause) {
    this(code, message, List.of(), null, cause);
  }

  /**
   * Creates an exception with every field.
   *
   * @param code the error code
   * @param message a description of the error
   * @param fieldErrors the invalid fields, empty when the error is not about fields
   * @param retryAfter how long the caller should wait before retrying, or null
   * @param cause the underlying failure, or null
   */
  protected SsfException(
      SsfErrorCode code,
      String message,
      List<FieldError> fieldErrors,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.fieldErrors = List.copyOf(fieldErrors);
    this.retryAfter = retryAfter;
  }

  /**
   * Creates an {@link SsfErrorCode#INVALID_REQUEST} error that lists every invalid field.
   *
   * @param errors the invalid fields; at least one
   * @return the exception, whose message joins the field errors
   */
  public static SsfException invalid(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty");
    }
    String message = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    return new SsfException(SsfErrorCode.INVALID_REQUEST, message, errors, null, null);
  }

  /**
   * Creates an {@link SsfErrorCode#INVALID_REQUEST} error for one field.
   *
   * @param field the wire name of the field
   * @param message what is wrong with it
   * @return the exception
   */
  public static SsfException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /**
   * Creates an {@link SsfErrorCode#RATE_LIMITED} error.
   *
   * @param retryAfter how long the caller should wait
   * @return the exception
   */
  public static SsfException rateLimited(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return new SsfException(
        SsfErrorCode.RATE_LIMITED, "rate limit exceeded", List.of(), retryAfter, null);
  }

  /**
   * Returns the error code.
   *
   * @return the code, never null
   */
  public SsfErrorCode code() {
    return code;
  }

  /**
   * Returns the invalid fields.
   *
   * @return an immutable list, empty when the error is not about fields
   */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /**
   * Returns how long the caller should wait before retrying.
   *
   * @return the delay, or null when none applies
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Returns a copy of this invalid-request error with every field placed under a parent path.
   *
   * @param parent the parent path, such as {@code subject}
   * @return the re-rooted exception; this exception itself when it names no fields
   */
  public SsfException under(String parent) {
    if (fieldErrors.isEmpty()) {
      return this;
    }
    return invalid(fieldErrors.stream().map(e -> e.under(parent)).toList());
  }
}
