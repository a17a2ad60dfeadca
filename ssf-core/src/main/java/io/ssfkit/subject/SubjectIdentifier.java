package io.ssfkit.subject;

import io.ssfkit.error.SsfException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A subject identifier (RFC 9493, SSF 1.0 section 3). PLACEHOLDER: replaced by the full format catalog.
 */
public interface SubjectIdentifier {

  /**
   * Returns the format name.
   *
   * @return the value of the {@code format} member
   */
  String format();

  /**
   * Returns the JSON-shaped view of this identifier: a map of member names to strings, lists or maps.
   *
   * @return an immutable map that includes {@code format}
   */
  Map<String, Object> toMap();

  /**
   * Parses and validates a subject identifier from its JSON-shaped form.
   *
   * @param json the members, including {@code format}
   * @return the identifier
   * @throws SsfException {@code INVALID_REQUEST} naming every invalid member relative to the subject
   */
  static SubjectIdentifier fromMap(Map<String, ?> json) {
    Objects.requireNonNull(json, "json");
    Object format = json.get("format");
    if (!(format instanceof String f) || f.isBlank()) {
      throw SsfException.invalid("format", "must be a non-empty string");
    }
    Map<String, Object> copy = new LinkedHashMap<>(json);
    return new Placeholder(f, Map.copyOf(copy));
  }

  /** Placeholder implementation. */
  record Placeholder(String format, Map<String, Object> members) implements SubjectIdentifier {
    @Override
    public Map<String, Object> toMap() {
      return members;
    }
  }
}
