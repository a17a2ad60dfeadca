package io.ssfkit.stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of a create-stream request ({@code Createstreamrequest}, SSF 1.0 section 8.1.1.1). Only receiver
 * properties are read; transmitter properties and unknown members of the JSON are ignored (STREAM-2).
 *
 * @param delivery the delivery; when null the stream is a poll stream if poll is enabled (STREAM-3)
 * @param eventsRequested the event-type URIs the receiver asks for, or null for none
 * @param description a free-text description, or null
 */
public record CreateStreamRequest(
    @Valid @Nullable DeliveryRequest delivery,
    @Size(max = 256) @Nullable List<@NotBlank @Size(max = 512) String> eventsRequested,
    @Nullable String description) {

  /**
   * Copies the list.
   *
   * @param delivery the delivery; when null the stream is a poll stream if poll is enabled (STREAM-3)
   * @param eventsRequested the event-type URIs the receiver asks for, or null for none
   * @param description a free-text description, or null
   */
  public CreateStreamRequest {
    eventsRequested = Requests.copyOrNull(eventsRequested);
  }
}
