package io.ssfkit.jackson.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as the handler sees it, independent of any HTTP framework.
 *
 * <p>Header names are case-insensitive. The body array is copied in and out, so an instance is immutable
 * and thread-safe.
 *
 * @param method the HTTP method, upper case
 * @param path the raw (still percent-encoded) path, such as {@code /ssf/v1/streams}
 * @param rawQuery the raw query string without {@code ?}, or null when there is none
 * @param headers the headers; names case-insensitive
 * @param body the body bytes, empty when there is none
 */
public record SsfHttpRequest(
    String method, String path, @Nullable String rawQuery, Map<String, List<String>> headers, byte[] body) {

  /**
   * Validates the request and copies its parts.
   *
   * @param method the HTTP method, upper case
   * @param path the raw (still percent-encoded) path, such as {@code /ssf/v1/streams}
   * @param rawQuery the raw query string without {@code ?}, or null when there is none
   * @param headers the headers; names case-insensitive
   * @param body the body bytes, empty when there is none
   */
  public SsfHttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    method = method.toUpperCase(Locale.ROOT);
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) ->
        copy.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  /**
   * Creates a request with a string body.
   *
   * @param method the HTTP method
   * @param pathAndQuery the path, optionally followed by {@code ?} and the raw query
   * @param headers the headers, each with one value
   * @param body the body, encoded as UTF-8
   * @return the request
   */
  public static SsfHttpRequest of(String method, String pathAndQuery, Map<String, String> headers, String body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    TreeMap<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return new SsfHttpRequest(method, path, query, multi, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty when the header is absent
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

  /** Compares all parts, the body by content. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SsfHttpRequest r
        && method.equals(r.method)
        && path.equals(r.path)
        && Objects.equals(rawQuery, r.rawQuery)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  /** Hashes all parts, the body by content. */
  @Override
  public int hashCode() {
    return Objects.hash(method, path, rawQuery, headers, Arrays.hashCode(body));
  }

  /** Renders the method, path and body size; never the headers, which may carry credentials. */
  @Override
  public String toString() {
    return "SsfHttpRequest[" + method + " " + path + ", " + body.length + " body bytes]";
  }

  int bodyLength() {
    return body.length;
  }

  byte[] bodyUnsafe() {
    return body;
  }
}
