package io.ssfkit.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a poll (RFC 8936 section 2.3).
 *
 * @param sets the SETs offered, by {@code jti}, in the order they were queued; empty when there is nothing
 * @param moreAvailable whether more SETs are waiting than were returned
 */
public record PollResponse(Map<String, String> sets, boolean moreAvailable) {

  /**
   * Copies the SETs, keeping their order.
   *
   * @param sets the SETs by jti
   * @param moreAvailable whether more are waiting
   */
  public PollResponse {
    sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets));
  }

  /**
   * Returns an empty response.
   *
   * @return {@code {"sets": {}}}
   */
  public static PollResponse empty() {
    return new PollResponse(Map.of(), false);
  }
}
