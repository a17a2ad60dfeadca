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
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response body", e);
    }
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
