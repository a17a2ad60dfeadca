package io.ssfkit.json;

import io.ssfkit.error.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks and copies JSON-shaped values: strings, finite numbers, booleans, lists and string-keyed maps of
 * those, never null, nested at most {@value #MAX_DEPTH} levels. The models use them for their free-form parts
 * (proprietary subject members, generic event payloads, token claims). Stateless and thread-safe.
 */
public final class JsonShapes {

  /** How deep lists and objects may nest. */
  public static final int MAX_DEPTH = 32;

  private JsonShapes() {}

  /**
   * Checks that a value is JSON-shaped, reporting every problem.
   *
   * @param field the wire path of the value, for the errors ({@code ""} for a top-level object's members)
   * @param value the value
   * @param depth how deep the value already is; 0 at the top
   * @param errors where problems are added, each naming the offending path
   */
  public static void check(String field, @Nullable Object value, int depth, List<FieldError> errors) {
    if (depth > MAX_DEPTH) {
      errors.add(new FieldError(field, "nests deeper than " + MAX_DEPTH + " levels"));
    } else if (value == null) {
      errors.add(new FieldError(field, "must not be null"));
    } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
      errors.add(new FieldError(field, "must be a finite number"));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        check(field + "[" + i + "]", list.get(i), depth + 1, errors);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, member) -> {
        if (key instanceof String name) {
          check(field.isEmpty() ? name : field + "." + name, member, depth + 1, errors);
        } else {
          errors.add(new FieldError(field, "has a non-string key " + key));
        }
      });
    } else if (!isScalar(value)) {
      errors.add(new FieldError(field,
          "must be a JSON value (string, number, boolean, array or object), got " + value.getClass().getName()));
    }
  }

  /**
   * Returns an immutable deep copy of a value that passed {@link #check}, keeping member order.
   *
   * @param value the value
   * @return the copy; scalars are returned as they are
   */
  public static Object copy(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(element -> copy(Objects.requireNonNull(element))).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, member) -> copy.put((String) key, copy(Objects.requireNonNull(member))));
      return Collections.unmodifiableMap(copy);
    }
    return value;
  }

  /**
   * Names the JSON type of a value, for error messages.
   *
   * @param value the value
   * @return such as {@code a string}, {@code an array} or {@code null}
   */
  public static String type(@Nullable Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof List<?>) {
      return "an array";
    } else if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return value.getClass().getName();
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigInteger
        || value instanceof BigDecimal || value instanceof Double || value instanceof Float;
  }
}
