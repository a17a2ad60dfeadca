package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import io.ssfkit.stream.StreamStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An SSF 1.0 control event: {@link Verification} or {@link StreamUpdated}. Both are about the stream itself, so
 * their SET's {@code sub_id} is the stream's own {@code opaque} subject (VERIFY-2, UPD-1), which
 * {@link SecurityEvents#checkSubject} checks. Only the SSF 1.0 URIs are emitted, never the legacy {@code sse} or
 * {@code risc} ones (§18 choice 21).
 *
 * @see <a href="https://openid.net/specs/openid-sharedsignals-framework-1_0.html">SSF 1.0 sections 8.1.4 and
 *     8.1.5</a>
 */
public sealed interface SsfEvent extends SecurityEvent {

  /**
   * Verification (SSF 1.0 section 8.1.4): tells the receiver the stream works. A verification the receiver asked
   * for copies the request's {@code state} exactly (VERIFY-2); one the transmitter sends on its own has no
   * {@code state} at all (VERIFY-3), so its payload is {@code {}}.
   *
   * @param state the {@code state} from the receiver's verification request, copied exactly (it may be any string,
   *     even an empty one), or null for an unsolicited verification
   */
  record Verification(@Nullable String state) implements SsfEvent {

    /**
     * Returns a verification the transmitter sends on its own, without {@code state} (VERIFY-3).
     *
     * @return the event
     */
    public static Verification unsolicited() {
      return new Verification(null);
    }

    @Override
    public EventType type() {
      return EventType.VERIFICATION;
    }

    @Override
    public Map<String, Object> toMap() {
      return state == null ? Map.of() : Map.of("state", state);
    }
  }

  /**
   * Stream Updated (SSF 1.0 section 8.1.5): the transmitter changed the stream's status (UPD-1).
   *
   * @param status the REQUIRED {@code status}: the new status of the stream
   * @param reason the {@code reason} for the change, or null
   */
  record StreamUpdated(StreamStatus status, @Nullable String reason) implements SsfEvent {

    /**
     * Validates the members.
     *
     * @param status the {@code status}
     * @param reason the {@code reason}, or null
     * @throws IllegalArgumentException if the status is null or the reason is blank
     */
    public StreamUpdated {
      List<FieldError> errors = new ArrayList<>();
      EventRules.required("status", status, errors);
      EventRules.optionalText("reason", reason, errors);
      EventRules.check("SSF stream-updated event", errors);
    }

    @Override
    public EventType type() {
      return EventType.STREAM_UPDATED;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("status", status.wireValue());
      EventRules.put(payload, "reason", reason);
      return EventRules.done(payload);
    }
  }
}
