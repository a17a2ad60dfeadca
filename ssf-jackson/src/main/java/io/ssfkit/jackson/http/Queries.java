package io.ssfkit.jackson.http;

import io.ssfkit.error.SsfException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses a raw query string; the first value of a repeated parameter wins. */
final class Queries {

  private Queries() {}

  static Map<String, String> parse(@Nullable String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  /** Decodes one percent-encoded path segment ({@code +} stays a plus). */
  static String decodePath(String segment) {
    return decode(segment.replace("+", "%2B"));
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SsfException.invalid("query", "is not correctly percent-encoded");
    }
  }
}
