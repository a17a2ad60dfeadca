package io.ssfkit.jackson.http;

import io.ssfkit.delivery.PollResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes an RFC 8936 poll response straight into one buffer: {@code {"sets":{jti: token, ...}}} plus
 * {@code "moreAvailable":true} only when true (POLL-3). A response carries up to a thousand compact SETs, and
 * going through a JSON tree costs more than everything else of a poll together.
 */
final class PollResponses {

  private PollResponses() {}

  static byte[] write(PollResponse response) {
    int size = 32;
    for (Map.Entry<String, String> set : response.sets().entrySet()) {
      size += set.getKey().length() + set.getValue().length() + 8;
    }
    StringBuilder json = new StringBuilder(size).append("{\"sets\":{");
    boolean first = true;
    for (Map.Entry<String, String> set : response.sets().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, set.getKey());
      json.append(':');
      string(json, set.getValue());
    }
    json.append('}');
    if (response.moreAvailable()) {
      json.append(",\"moreAvailable\":true");
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Appends a JSON string; compact SETs and jtis need no escaping, but any other text is escaped. */
  private static void string(StringBuilder json, String value) {
    json.append('"');
    if (!needsEscaping(value)) {
      json.append(value).append('"'); // The common case: one bulk copy.
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  private static boolean needsEscaping(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return true;
      }
    }
    return false;
  }
}
