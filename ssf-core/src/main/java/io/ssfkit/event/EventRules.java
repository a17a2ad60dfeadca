package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import io.ssfkit.json.JsonShapes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one set of validation rules for event payloads, shared by the record constructors (which throw
 * {@link IllegalArgumentException}) and by {@link EventParser} (which collects {@link FieldError}s).
 *
 * <p>Every rule appends its findings to a list, naming the member by its wire name relative to the payload
 * object, and never throws for bad values. Stateless and thread-safe.
 */
final class EventRules {

  /**
   * The largest {@code event_timestamp} accepted, in seconds: 10^11 seconds is the year 5138, while a current
   * time in milliseconds is above 10^12, so anything larger is a millisecond value sent as seconds (CAEP-1).
   */
  static final long MAX_EPOCH_SECOND = 100_000_000_000L;

  /**
   * A syntactic BCP 47 language tag (RFC 5646 section 2.1, simplified): a primary subtag of 2 to 8 letters (or
   * the single-letter {@code x} and {@code i} prefixes of private-use and grandfathered tags), then subtags of 1
   * to 8 letters or digits. The registry is not consulted.
   */
  private static final Pattern LANGUAGE_TAG =
      Pattern.compile("(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*");

  private EventRules() {}

  /**
   * Ends a record constructor's validation: throws when the rules found anything.
   *
   * @param what what is being built, such as {@code CAEP credential-change event}
   * @param errors what the rules found
   * @throws IllegalArgumentException naming every error found
   */
  static void check(String what, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid " + what + ": "
          + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
  }

  /** A REQUIRED member is present. */
  static void required(String field, @Nullable Object value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
    }
  }

  /** A REQUIRED string member is present and not blank. */
  static void requiredText(String field, @Nullable String value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
    } else {
      text(field, value, errors);
    }
  }

  /** An OPTIONAL string member, when present, is not blank: leave it out instead of sending an empty one. */
  static void optionalText(String field, @Nullable String value, List<FieldError> errors) {
    if (value != null) {
      text(field, value, errors);
    }
  }

  private static void text(String field, String value, List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty; leave the member out instead"));
    }
  }

  /** A list of strings, such as {@code amr}: every element present and not blank. */
  static void textList(String field, List<@Nullable String> values, List<FieldError> errors) {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null) {
        errors.add(new FieldError(field + "[" + i + "]", "must not be null"));
      } else if (value.isBlank()) {
        errors.add(new FieldError(field + "[" + i + "]", "must not be empty"));
      }
    }
  }

  /**
   * Hands a builder's REQUIRED member, which may still be unset, to a record constructor; the constructor reports
   * a null one together with every other violation, rather than failing on the first.
   */
  static <T> T orMissing(@Nullable T value) {
    return value;
  }

  // --- event_timestamp (CAEP 1.0 section 2, CAEP-1; RISC 1.0 section 2.7) -------------------------

  /**
   * Normalises an {@code event_timestamp} to whole seconds, since that is how it is written (CAEP-1).
   *
   * @return the instant without its fraction of a second, or null for null
   */
  static @Nullable Instant wholeSeconds(@Nullable Instant timestamp) {
    return timestamp == null ? null : timestamp.truncatedTo(ChronoUnit.SECONDS);
  }

  /** An {@code event_timestamp} lies between the epoch and 10^11 seconds after it. */
  static void timestamp(String field, @Nullable Instant timestamp, List<FieldError> errors) {
    if (timestamp != null) {
      epochSecond(field, timestamp.getEpochSecond(), errors);
    }
  }

  /** An {@code event_timestamp} in seconds lies between the epoch and 10^11, so milliseconds are refused. */
  static void epochSecond(String field, long seconds, List<FieldError> errors) {
    if (seconds < 0) {
      errors.add(new FieldError(field, "must not be before 1970-01-01T00:00:00Z, got " + seconds));
    } else if (seconds > MAX_EPOCH_SECOND) {
      errors.add(new FieldError(field, "must be in seconds since the epoch, but " + seconds
          + " looks like milliseconds (CAEP 1.0 section 2: a JSON number of seconds; divide by 1000)"));
    }
  }

  // --- reason_admin and reason_user (CAEP 1.0 section 2, CAEP-2) ----------------------------------

  /**
   * A localized message map: at least one entry, each key a BCP 47 language tag (unique ignoring case, as
   * tags are case-insensitive), each value a non-empty message.
   */
  /** A BCP 47 tag in the form {@link #LANGUAGE_TAG} accepts; a bare language such as {@code en} skips the regex. */
  private static boolean isLanguageTag(String tag) {
    int length = tag.length();
    boolean letters = length >= 2 && length <= 8;
    for (int i = 0; letters && i < length; i++) {
      char c = tag.charAt(i);
      letters = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return letters || LANGUAGE_TAG.matcher(tag).matches();
  }

  static void languageMap(String field, Map<String, String> messages, List<FieldError> errors) {
    if (messages.isEmpty()) {
      errors.add(new FieldError(field, "must hold at least one language tag and message, such as {\"en\": \"...\"}"
          + " (CAEP 1.0 section 2)"));
    }
    Map<String, String> seen = new HashMap<>();
    messages.forEach((tag, message) -> {
      String member = field.isEmpty() ? tag : field + "." + tag;
      if (!isLanguageTag(tag)) {
        errors.add(new FieldError(member, "the key must be a BCP 47 language tag such as en or es-410 (RFC 5646),"
            + " got '" + tag + "'"));
      } else if (messages.size() > 1) { // Tags can only repeat (ignoring case) in a map of two or more.
        String first = seen.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        if (first != null) {
          errors.add(new FieldError(member, "duplicates the language tag '" + first
              + "': language tags are case-insensitive"));
        }
      }
      if (message.isBlank()) {
        errors.add(new FieldError(member, "the message must not be empty"));
      }
    });
  }

  // --- Open registries: credential_type, namespace, principal (CAEP-3) ------------------------------

  /**
   * A value of an open registry: registered, or (when {@code custom} is true) any other non-blank value without
   * surrounding white space that does not differ from a registered value in case only.
   */
  static void registryValue(String field, String value, List<String> registered, boolean custom, String hint,
      List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
      return;
    }
    if (!value.strip().equals(value)) {
      errors.add(new FieldError(field, "must not start or end with white space, got '" + value + "'"));
      return;
    }
    if (registered.contains(value)) {
      return;
    }
    for (String known : registered) {
      if (known.equalsIgnoreCase(value)) {
        errors.add(new FieldError(field, "'" + value + "' differs from the registered value '" + known
            + "' only in case; registered values are case-sensitive"));
        return;
      }
    }
    if (!custom) {
      errors.add(new FieldError(field, "must be one of " + String.join(", ", registered) + ", got '" + value
          + "'; a value agreed with the receiver must be built explicitly with " + hint));
    }
  }

  // --- Free-form JSON values (token claims, generic payloads) ---------------------------------------

  /** Checks the members of a JSON object, each against {@link JsonShapes#check}. */
  static void jsonObject(String field, Map<String, ?> object, List<FieldError> errors) {
    object.forEach((name, value) -> {
      Objects.requireNonNull(name, "member name");
      JsonShapes.check(field.isEmpty() ? name : field + "." + name, value, 1, errors);
    });
  }

  /** Returns an immutable deep copy of a JSON object that passed {@link #jsonObject}, keeping member order. */
  static Map<String, Object> copyObject(Map<?, ?> object) {
    Map<String, Object> copy = new LinkedHashMap<>();
    object.forEach((key, member) -> copy.put((String) key, JsonShapes.copy(Objects.requireNonNull(member))));
    return Collections.unmodifiableMap(copy);
  }

  // --- Writing ---------------------------------------------------------------------------------------

  /** Puts a member into a payload being written unless its value is null. */
  static void put(Map<String, Object> payload, String member, @Nullable Object value) {
    if (value != null) {
      payload.put(member, value);
    }
  }

  /** Wraps a payload being written as the immutable map {@link SecurityEvent#toMap()} returns. */
  static Map<String, Object> done(Map<String, Object> payload) {
    return Collections.unmodifiableMap(payload);
  }
}
