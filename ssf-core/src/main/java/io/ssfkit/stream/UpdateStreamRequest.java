package io.ssfkit.stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a PATCH request ({@code Updatestreamconfigurationrequest}, SSF 1.0 section 8.1.1.3): only
 * the receiver properties present change. Transmitter properties may be present but must equal the current
 * values (STREAM-10).
 *
 * @param streamId the stream to update
 * @param delivery the delivery members to change, or null to keep the delivery
 * @param eventsRequested the new requested event types, or null to keep them
 * @param description the new description, or null to keep it
 * @param iss if present, must equal the stream's {@code iss}
 * @param aud if present, must equal the stream's {@code aud}
 * @param eventsSupported if present, must equal the stream's {@code events_supported}
 * @param eventsDelivered if present, must equal the stream's {@code events_delivered} before the update
 * @param inactivityTimeout if present, must equal the stream's {@code inactivity_timeout}
 * @param minVerificationInterval if present, must equal the stream's {@code min_verification_interval}
 */
public record UpdateStreamRequest(
    @NotNull @Nullable StreamId streamId,
    @Valid @Nullable DeliveryUpdate delivery,
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
   * @param streamId the stream to update
   * @param delivery the delivery members to change, or null to keep the delivery
   * @param eventsRequested the new requested event types, or null to keep them
   * @param description the new description, or null to keep it
   * @param iss if present, must equal the stream's {@code iss}
   * @param aud if present, must equal the stream's {@code aud}
   * @param eventsSupported if present, must equal the stream's {@code events_supported}
   * @param eventsDelivered if present, must equal the stream's {@code events_delivered} before the update
   * @param inactivityTimeout if present, must equal the stream's {@code inactivity_timeout}
   * @param minVerificationInterval if present, must equal the stream's {@code min_verification_interval}
   */
  public UpdateStreamRequest {
    eventsRequested = Requests.copyOrNull(eventsRequested);
    eventsSupported = Requests.copyOrNull(eventsSupported);
    eventsDelivered = Requests.copyOrNull(eventsDelivered);
  }

  /**
   * Creates a request that changes only the given receiver properties.
   *
   * @param streamId the stream to update
   * @param delivery the delivery members to change, or null
   * @param eventsRequested the new requested event types, or null
   * @param description the new description, or null
   * @return the request, with no transmitter properties
   */
  public static UpdateStreamRequest of(
      StreamId streamId,
      @Nullable DeliveryUpdate delivery,
      @Nullable List<String> eventsRequested,
      @Nullable String description) {
    return new UpdateStreamRequest(
        streamId, delivery, eventsRequested, description, null, null, null, null, null, null);
  }
}
