package io.ssfkit.stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a PUT request ({@code Replacestreamconfigurationrequest}, SSF 1.0 section 8.1.1.4): the
 * complete set of receiver properties. An absent optional property is removed: no description, no requested
 * events, no authorization header. Transmitter properties may be present but must equal the current values.
 *
 * @param streamId the stream to replace
 * @param delivery the complete delivery; required by the product API
 * @param eventsRequested the requested event types, or null for none
 * @param description the description, or null for none
 * @param iss if present, must equal the stream's {@code iss}
 * @param aud if present, must equal the stream's {@code aud}
 * @param eventsSupported if present, must equal the stream's {@code events_supported}
 * @param eventsDelivered if present, must equal the stream's {@code events_delivered} before the update
 * @param inactivityTimeout if present, must equal the stream's {@code inactivity_timeout}
 * @param minVerificationInterval if present, must equal the stream's {@code min_verification_interval}
 */
public record ReplaceStreamRequest(
    @NotNull @Nullable StreamId streamId,
    @NotNull @Valid @Nullable DeliveryRequest delivery,
    @Size(max = 256) @Nullable List<@NotBlank @Size(max = 512) String> eventsRequested,
    @Nullable String description,
    @Nullable String iss,
    @Nullable String aud,
    @Nullable List<String> eventsSupported,
    @Nullable List<String> eventsDelivered,
    @Nullable Integer inactivityTimeout,
    @Nullable Integer minVerificationInterval) {

  /**
   * Copies the lists.
   *
   * @param streamId the stream to replace
   * @param delivery the complete delivery; required by the product API
   * @param eventsRequested the requested event types, or null for none
   * @param description the description, or null for none
   * @param iss if present, must equal the stream's {@code iss}
   * @param aud if present, must equal the stream's {@code aud}
   * @param eventsSupported if present, must equal the stream's {@code events_supported}
   * @param eventsDelivered if present, must equal the stream's {@code events_delivered} before the update
   * @param inactivityTimeout if present, must equal the stream's {@code inactivity_timeout}
   * @param minVerificationInterval if present, must equal the stream's {@code min_verification_interval}
   */
  public ReplaceStreamRequest {
    eventsRequested = Requests.copyOrNull(eventsRequested);
    eventsSupported = Requests.copyOrNull(eventsSupported);
    eventsDelivered = Requests.copyOrNull(eventsDelivered);
  }

  /**
   * Creates a request with the given receiver properties and no transmitter properties.
   *
   * @param streamId the stream to replace
   * @param delivery the complete delivery
   * @param eventsRequested the requested event types, or null
   * @param description the description, or null
   * @return the request
   */
  public static ReplaceStreamRequest of(
      StreamId streamId,
      DeliveryRequest delivery,
      @Nullable List<String> eventsRequested,
      @Nullable String description) {
    return new ReplaceStreamRequest(
        streamId, delivery, eventsRequested, description, null, null, null, null, null, null);
  }
}
