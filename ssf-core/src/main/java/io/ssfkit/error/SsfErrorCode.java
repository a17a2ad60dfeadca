package io.ssfkit.error;

/**
 * Every error ssfkit reports, with the HTTP status it maps to and its wire code.
 *
 * <p>The wire code is the RFC 6750 / RFC 8935 / RFC 8936 error code where one exists, and ours otherwise.
 * Every host maps an error the same way because the status lives here, not in the host.
 */
public enum SsfErrorCode {
  /** The request is malformed or a field is invalid; the exception names the fields. */
  INVALID_REQUEST(400, "invalid_request"),
  /** The organization already holds the maximum number of streams. */
  STREAM_QUOTA_EXCEEDED(400, "stream_quota_exceeded"),
  /** Credentials are missing or invalid (RFC 6750 {@code invalid_token}). */
  UNAUTHORIZED(401, "invalid_token"),
  /** The caller is authenticated but lacks a required scope (RFC 6750 {@code insufficient_scope}). */
  FORBIDDEN(403, "insufficient_scope"),
  /** The stream does not exist or belongs to another caller; the two are never told apart. */
  STREAM_NOT_FOUND(404, "stream_not_found"),
  /** No resource is served at the requested path. */
  NOT_FOUND(404, "not_found"),
  /** The path exists but not for this HTTP method. */
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  /** The caller already has as many streams as it may have (SSF 1.0 section 8.1.1.1). */
  STREAM_EXISTS(409, "stream_exists"),
  /** The stream changed concurrently more often than the update could be retried. */
  CONCURRENT_UPDATE(409, "concurrent_update"),
  /** The request body is larger than the configured maximum. */
  PAYLOAD_TOO_LARGE(413, "payload_too_large"),
  /** The request body is declared as something other than JSON. */
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  /** The caller exceeded its rate limit; the exception carries a retry-after delay. */
  RATE_LIMITED(429, "rate_limited"),
  /** The stream store failed; the response carries a tracking ID that is also logged. */
  STORE_FAILURE(500, "store_failure"),
  /** Signing a SET failed. */
  SIGNING_FAILED(500, "signing_failed"),
  /** An unexpected internal fault. */
  INTERNAL(500, "internal_error");

  private final int httpStatus;
  private final String code;

  SsfErrorCode(int httpStatus, String code) {
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /**
   * Returns the HTTP status this error maps to.
   *
   * @return the status code, 400 to 599
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns the wire code of this error.
   *
   * @return a lower-case code such as {@code invalid_request}
   */
  public String code() {
    return code;
  }
}
