package io.ssfkit.stream;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a stream: a non-empty string of RFC 3986 unreserved characters (SSF 1.0 section 8.1.1).
 *
 * @param value the identifier
 */
public record StreamId(String value) {

  private static final Pattern UNRESERVED = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Validates the identifier.
   *
   * @param value the identifier
   * @throws IllegalArgumentException if it is empty, longer than 256 characters or has a reserved character
   */
  public StreamId {
    Objects.requireNonNull(value, "value");
    if (!UNRESERVED.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "stream id must be 1 to 256 characters of A-Z a-z 0-9 - . _ ~");
    }
  }

  /**
   * Returns a stream ID.
   *
   * @param value the identifier
   * @return the stream ID
   * @throws IllegalArgumentException if the value is not a valid stream ID
   */
  public static StreamId of(String value) {
    return new StreamId(value);
  }

  /**
   * Returns a fresh stream ID of 128 random bits from a {@link SecureRandom}, encoded as unpadded base64url
   * (22 characters), per CFG-1.
   *
   * @return a new random stream ID
   */
  public static StreamId random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new StreamId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Returns the identifier itself. */
  @Override
  public String toString() {
    return value;
  }
}
