package io.ssfkit.stream;

import java.util.Objects;
import java.util.Optional;

/** The operational status of a stream (SSF 1.0 section 8.1.2). */
public enum StreamStatus {
  /** Events are transmitted. */
  ENABLED("enabled"),
  /** Nothing is transmitted; events are held and sent once the stream is enabled again. */
  PAUSED("paused"),
  /** Nothing is transmitted and nothing is held. */
  DISABLED("disabled");

  private final String wireValue;

  StreamStatus(String wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * Returns the value on the wire.
   *
   * @return {@code enabled}, {@code paused} or {@code disabled}
   */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Finds the status with a wire value; the match is exact (case-sensitive).
   *
   * @param wireValue the wire value
   * @return the status, or empty when the value is none of the three
   */
  public static Optional<StreamStatus> fromWire(String wireValue) {
    Objects.requireNonNull(wireValue, "wireValue");
    for (StreamStatus status : values()) {
      if (status.wireValue.equals(wireValue)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
