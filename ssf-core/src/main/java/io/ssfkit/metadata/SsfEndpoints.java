package io.ssfkit.metadata;

import java.net.URI;
import java.util.Objects;

/**
 * The paths at which the transmitter API is served, relative to the endpoint base URL, and the well-known
 * path derivation of SSF 1.0 section 7.2 (DISC-1).
 */
public final class SsfEndpoints {

  /** The stream configuration endpoint: create, read, update, replace, delete. */
  public static final String STREAMS = "/ssf/v1/streams";
  /** The stream status endpoint. */
  public static final String STATUS = "/ssf/v1/streams/status";
  /** The add-subject endpoint. */
  public static final String ADD_SUBJECT = "/ssf/v1/streams/subjects/add";
  /** The remove-subject endpoint. */
  public static final String REMOVE_SUBJECT = "/ssf/v1/streams/subjects/remove";
  /** The verification endpoint. */
  public static final String VERIFY = "/ssf/v1/streams/verify";
  /** The JWKS endpoint. */
  public static final String JWKS = "/ssf/v1/jwks";
  /** The prefix of poll endpoints; the stream ID follows (POLL-1). */
  public static final String POLL_PREFIX = "/ssf/v1/poll/";
  /** The product API's metadata path, at the root of the host. */
  public static final String PRODUCT_METADATA = "/.well-known/v1/ssf-configuration";
  /** The SSF 1.0 well-known metadata path, at the root of the host, followed by the issuer's path. */
  public static final String WELL_KNOWN_METADATA = "/.well-known/ssf-configuration";

  private SsfEndpoints() {}

  /**
   * Derives the path at which SSF 1.0 receivers fetch the metadata of an issuer: the well-known path, then
   * the issuer's path without a trailing slash (SSF 1.0 section 7.2.1, RFC 8615).
   *
   * @param issuer the issuer URL
   * @return for {@code https://tr.example.com} the path {@code /.well-known/ssf-configuration}; for
   *     {@code https://tr.example.com/issuer1/} the path {@code /.well-known/ssf-configuration/issuer1}
   */
  public static String wellKnownPath(URI issuer) {
    Objects.requireNonNull(issuer, "issuer");
    String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return WELL_KNOWN_METADATA + path;
  }

  /**
   * Resolves an endpoint path against a base URL, keeping the base's own path as a prefix.
   *
   * @param base the endpoint base URL, such as {@code https://tr.example.com/tenant}
   * @param path one of the path constants of this class
   * @return the absolute endpoint URL, such as {@code https://tr.example.com/tenant/ssf/v1/streams}
   */
  public static URI resolve(URI base, String path) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(path, "path");
    String s = base.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s + path);
  }
}
