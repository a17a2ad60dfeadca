package io.ssfkit.error;

import java.util.Objects;

/**
 * One invalid field of a request.
 *
 * @param field the wire name of the field, with a dotted path for nested members and {@code [i]} for array
 *     elements, such as {@code delivery.endpoint_url} or {@code events_requested[0]}
 * @param message what is wrong with it, never echoing a secret value
 */
public record FieldError(String field, String message) {

  /**
   * Validates both parts.
   *
   * @param field the wire name of the field, with a dotted path for nested members and {@code [i]} for array elements, such as {@code delivery.endpoint_url} or {@code events_requested[0]}
   * @param message what is wrong with it, never echoing a secret value
   * @throws NullPointerException if either part is null
   */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns this error with its field placed under a parent path.
   *
   * @param parent the parent path, such as {@code subject}
   * @return the same error for {@code parent.field}
   */
  public FieldError under(String parent) {
    if (field.isEmpty()) {
      return new FieldError(parent, message);
    }
    return new FieldError(field.startsWith("[") ? parent + field : parent + "." + field, message);
  }

  /** Renders the error as {@code field: message}. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
