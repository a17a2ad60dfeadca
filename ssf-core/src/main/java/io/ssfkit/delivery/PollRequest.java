package io.ssfkit.delivery;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A poll (RFC 8936 section 2.2). Every member is optional; an empty body is {@code {}}.
 *
 * @param maxEvents the most SETs to return; 0 only acknowledges; null leaves it to the transmitter's cap
 * @param returnImmediately true to answer at once even when there is nothing to send (no long poll)
 * @param ack the {@code jti}s the receiver acknowledges
 * @param setErrs the {@code jti}s the receiver reports as failed, with the error
 */
public record PollRequest(
    @Nullable Integer maxEvents, boolean returnImmediately, List<String> ack, Map<String, SetError> setErrs) {

  /**
   * Validates the request and copies its collections.
   *
   * @param maxEvents the most SETs to return, or null
   * @param returnImmediately whether to skip the long poll
   * @param ack acknowledged jtis
   * @param setErrs failed jtis with their errors
   * @throws IllegalArgumentException if maxEvents is negative
   */
  public PollRequest {
    if (maxEvents != null && maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must not be negative, but was " + maxEvents);
    }
    ack = List.copyOf(ack);
    setErrs = Map.copyOf(setErrs);
  }

  /**
   * One failed SET reported by the receiver ({@code setErrs} value).
   *
   * @param err the error code, such as {@code invalid_key}
   * @param description the description, or null
   */
  public record SetError(String err, @Nullable String description) {

    /**
     * Validates the error.
     *
     * @param err the error code
     * @param description the description, or null
     */
    public SetError {
      Objects.requireNonNull(err, "err");
    }
  }
}
