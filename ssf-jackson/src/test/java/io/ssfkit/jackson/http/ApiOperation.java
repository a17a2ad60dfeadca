package io.ssfkit.jackson.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Every authenticated operation of the transmitter API, with a valid request for a given stream and the
 * status it answers on success; the cross-cutting tests (401, 403, 413, 415, 429, 500) run over all of them.
 */
enum ApiOperation {
  CREATE_STREAM("POST", id -> Paths.STREAMS, id -> TestTransmitter.CREATE_BODY, 201, true),
  GET_STREAM("GET", id -> Paths.STREAMS + "?stream_id=" + id, null, 200, false),
  LIST_STREAMS("GET", id -> Paths.STREAMS, null, 200, false),
  UPDATE_STREAM("PATCH", id -> Paths.STREAMS,
      id -> "{\"stream_id\":\"" + id + "\",\"description\":\"Updated description\"}", 200, true),
  REPLACE_STREAM("PUT", id -> Paths.STREAMS,
      id -> "{\"stream_id\":\"" + id + "\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
          + "\"endpoint_url\":\"https://receiver.example.com/ssf/events/v2\"},"
          + "\"events_requested\":[\"" + TestTransmitter.SESSION_REVOKED + "\"]}", 200, true),
  DELETE_STREAM("DELETE", id -> Paths.STREAMS + "?stream_id=" + id, null, 204, true),
  GET_STATUS("GET", id -> Paths.STATUS + "?stream_id=" + id, null, 200, false),
  UPDATE_STATUS("POST", id -> Paths.STATUS,
      id -> "{\"stream_id\":\"" + id + "\",\"status\":\"paused\",\"reason\":\"manually paused\"}", 200, true),
  ADD_SUBJECT("POST", id -> Paths.ADD_SUBJECT,
      id -> "{\"stream_id\":\"" + id + "\",\"subject\":" + Paths.EMAIL_SUBJECT + "}", 200, true),
  REMOVE_SUBJECT("POST", id -> Paths.REMOVE_SUBJECT,
      id -> "{\"stream_id\":\"" + id + "\",\"subject\":" + Paths.EMAIL_SUBJECT + "}", 204, true);

  /** Paths and fixtures shared by the operations and the tests. */
  static final class Paths {
    static final String STREAMS = "/ssf/v1/streams";
    static final String STATUS = "/ssf/v1/streams/status";
    static final String ADD_SUBJECT = "/ssf/v1/streams/subjects/add";
    static final String REMOVE_SUBJECT = "/ssf/v1/streams/subjects/remove";
    static final String PRODUCT_METADATA = "/.well-known/v1/ssf-configuration";
    static final String WELL_KNOWN_METADATA = "/.well-known/ssf-configuration";
    static final String EMAIL_SUBJECT = "{\"format\":\"email\",\"email\":\"user@example.com\"}";

    private Paths() {}
  }

  private final String method;
  private final UnaryOperator<String> path;
  private final UnaryOperator<String> body;
  private final int successStatus;
  private final boolean write;

  ApiOperation(String method, UnaryOperator<String> path, UnaryOperator<String> body, int successStatus,
      boolean write) {
    this.method = method;
    this.path = path;
    this.body = body;
    this.successStatus = successStatus;
    this.write = write;
  }

  String method() {
    return method;
  }

  /** The path and query of a valid request for the stream. */
  String path(String streamId) {
    return path.apply(streamId);
  }

  /** The path and query of a valid request for the stream, with one more query parameter. */
  String pathWith(String streamId, String parameter) {
    String p = path(streamId);
    return p + (p.contains("?") ? "&" : "?") + parameter;
  }

  /** The body of a valid request for the stream, or null when the operation takes none. */
  String body(String streamId) {
    return body == null ? null : body.apply(streamId);
  }

  boolean hasBody() {
    return body != null;
  }

  int successStatus() {
    return successStatus;
  }

  /** Whether the operation changes state (needs the manage scope, AUTH-6). */
  boolean write() {
    return write;
  }

  /** Whether a valid request needs an existing stream of the caller. */
  boolean needsStream() {
    return this != CREATE_STREAM && this != LIST_STREAMS;
  }

  /** Sends the valid request with a bearer token. */
  SsfHttpResponse send(TestTransmitter t, String token, String streamId) {
    return t.send(method, path(streamId), token, body(streamId));
  }

  /** Builds the request with exactly the given headers and body. */
  SsfHttpRequest request(String pathAndQuery, Map<String, String> headers, String requestBody) {
    return SsfHttpRequest.of(method, pathAndQuery, headers, requestBody);
  }

  /** Headers of an authorized request: a bearer token and, when given, a Content-Type. */
  static Map<String, String> headers(String token, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return headers;
  }

  /** Creates the stream a valid request needs (for client A) and returns its ID, or a dummy ID. */
  String prepare(TestTransmitter t) {
    return needsStream() ? t.createPushStream(TestTransmitter.TOKEN_A) : "no-stream-needed";
  }

  static Stream<ApiOperation> withBody() {
    return Stream.of(values()).filter(ApiOperation::hasBody);
  }

  static Stream<ApiOperation> writes() {
    return Stream.of(values()).filter(ApiOperation::write);
  }

  static Stream<ApiOperation> reads() {
    return Stream.of(values()).filter(op -> !op.write());
  }
}
