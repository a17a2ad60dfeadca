package io.ssfkit.jackson.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds responses: JSON bodies with {@code Cache-Control: no-store} (STREAM-16), or no body. */
final class Responses {

  private Responses() {}

  static SsfHttpResponse json(int status, Object body, ObjectMapper mapper, Map<String, List<String>> extra) {
    try {
      return json(status, mapper.writeValueAsBytes(body), extra);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response body", e);
    }
  }

  /** A JSON body already written. */
  static SsfHttpResponse json(int status, byte[] bytes) {
    return json(status, bytes, Map.of());
  }

  private static SsfHttpResponse json(int status, byte[] bytes, Map<String, List<String>> extra) {
    Map<String, List<String>> headers = new LinkedHashMap<>(extra);
    headers.put("Content-Type", List.of("application/json"));
    headers.put("Cache-Control", List.of("no-store"));
    return new SsfHttpResponse(status, headers, bytes);
  }

  static SsfHttpResponse json(int status, Object body, ObjectMapper mapper) {
    return json(status, body, mapper, Map.of());
  }

  static SsfHttpResponse empty(int status) {
    return new SsfHttpResponse(status, Map.of("Cache-Control", List.of("no-store")), new byte[0]);
  }
}
