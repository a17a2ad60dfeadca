package io.ssfkit.delivery;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one push attempt, reported as a value (the channel throws only for programming errors).
 */
public sealed interface DeliveryResult {

  /**
   * The receiver accepted the SET (RFC 8935 section 2.2: 202; any other 2xx counts too, PUSH-4).
   *
   * @param status the HTTP status the receiver answered
   */
  record Delivered(int status) implements DeliveryResult {}

  /**
   * The receiver refused the SET with an RFC 8935 error (a 400 with {@code {"err", "description"}}, or a
   * 401/403 without one).
   *
   * @param status the HTTP status
   * @param code the {@code err} code, such as {@code invalid_audience}; for 401/403 without a body
   *     {@code authentication_failed} or {@code access_denied}
   * @param description the receiver's description, or null
   */
  record Rejected(int status, String code, @Nullable String description) implements DeliveryResult {

    /**
     * Validates the rejection.
     *
     * @param status the HTTP status
     * @param code the error code
     * @param description the description, or null
     */
    public Rejected {
      Objects.requireNonNull(code, "code");
    }

    /**
     * Tells whether retrying without a configuration change can help (PUSH-6): not for
     * {@code invalid_request}, {@code invalid_issuer}, {@code invalid_audience} or {@code invalid_state}.
     *
     * @return true if a limited number of retries is reasonable
     */
    public boolean retryable() {
      return switch (code) {
        case "invalid_request", "invalid_issuer", "invalid_audience", "invalid_state" -> false;
        default -> true;
      };
    }
  }

  /**
   * The attempt failed for a reason that says nothing about the SET: the network, a timeout, a 5xx, a 429,
   * a redirect, a forbidden address.
   *
   * @param status the HTTP status, or 0 when no response arrived
   * @param reason what happened, for logs and the dead-letter record; never contains a secret
   * @param retryable whether trying again later can succeed
   * @param retryAfter the delay the receiver asked for ({@code Retry-After}), or null
   */
  record Failed(int status, String reason, boolean retryable, @Nullable Duration retryAfter)
      implements DeliveryResult {

    /**
     * Validates the failure.
     *
     * @param status the HTTP status or 0
     * @param reason the reason
     * @param retryable whether a retry can succeed
     * @param retryAfter the requested delay, or null
     */
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
