package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A localizable message: BCP 47 language tags mapped to the message in that language, the form CAEP gives
 * {@code reason_admin} and {@code reason_user} (CAEP 1.0 section 2, CAEP-2). It is always written as a JSON
 * object, never as a plain string (§18 choice 19).
 *
 * <p>Tags are checked syntactically (RFC 5646 section 2.1, simplified), not against the language subtag
 * registry, and must be unique ignoring case.
 *
 * @param messages one or more messages by language tag, in the order given; the map is copied
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section 2</a>
 */
public record LanguageMap(Map<String, String> messages) {

  /**
   * Validates and copies the messages.
   *
   * @param messages one or more messages by language tag
   * @throws NullPointerException if the map, a tag or a message is null
   * @throws IllegalArgumentException if the map is empty, a tag is not a language tag or repeats another one
   *     ignoring case, or a message is blank
   */
  public LanguageMap {
    Objects.requireNonNull(messages, "messages");
    Map<String, String> copy = new LinkedHashMap<>();
    messages.forEach((tag, message) ->
        copy.put(Objects.requireNonNull(tag, "language tag"), Objects.requireNonNull(message, tag)));
    List<FieldError> errors = new ArrayList<>();
    EventRules.languageMap("", copy, errors);
    EventRules.check("language map", errors);
    messages = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns a message in one language.
   *
   * @param languageTag a BCP 47 language tag, such as {@code en}
   * @param message the message in that language
   * @return the language map
   * @throws IllegalArgumentException if the tag is not a language tag or the message is blank
   */
  public static LanguageMap of(String languageTag, String message) {
    return new LanguageMap(Map.of(languageTag, message));
  }

  /**
   * Returns the JSON-shaped view, the object written as {@code reason_admin} or {@code reason_user}.
   *
   * @return the immutable map of messages by language tag
   */
  Map<String, Object> toMap() {
    return Collections.unmodifiableMap(messages);
  }
}
