package io.ssfkit.jackson.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response as the handler produces it, for the host to write with its own HTTP framework.
 * Immutable and thread-safe; the body array is copied in and out.
 *
 * @param status the HTTP status code
 * @param headers the headers to send; names case-insensitive
 * @param body the body bytes, empty for none (as for 204)
 */
public record SsfHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

  /**
   * Validates the response and copies its parts.
   *
   * @param status the HTTP status code
   * @param headers the headers to send; names case-insensitive
   * @param body the body bytes, empty for none (as for 204)
   */
  public SsfHttpResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100 to 599, but was " + status);
    }
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) ->
        copy.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty when absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body decoded as UTF-8.
   *
   * @return the body text, empty when there is no body
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Compares all parts, the body by content. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SsfHttpResponse r
        && status == r.status
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  /** Hashes all parts, the body by content. */
  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  /** Renders the status and body size. */
  @Override
  public String toString() {
    return "SsfHttpResponse[" + status + ", " + body.length + " body bytes]";
  }
}
