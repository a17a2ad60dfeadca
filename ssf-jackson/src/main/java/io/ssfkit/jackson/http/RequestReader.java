package io.ssfkit.jackson.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads a request record from a JSON body and validates it with Bean Validation, reporting every problem
 * as an invalid-request error that names the field by its wire name.
 */
final class RequestReader {

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private final ObjectMapper mapper;
  private final Validator validator;

  RequestReader(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper;
    this.validator = validator;
  }

  /** Parses and validates; an empty body counts as {@code {}}. */
  <T> T read(byte[] body, Class<T> type) {
    T value;
    try {
      value = mapper.readValue(body.length == 0 ? new byte[] {'{', '}'} : body, type);
    } catch (JsonParseException e) {
      throw SsfException.invalid("", "the body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (JsonMappingException e) {
      throw mappingError(e);
    } catch (IOException e) {
      throw SsfException.invalid("", "the body cannot be read");
    }
    if (value == null) {
      throw SsfException.invalid("", "the body must be a JSON object");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw SsfException.invalid(violations.stream()
          .map(v -> new FieldError(wirePath(v.getPropertyPath()), v.getMessage()))
          .sorted(Comparator.comparing(FieldError::field))
          .toList());
    }
    return value;
  }

  private static SsfException mappingError(JsonMappingException e) {
    String path = jsonPath(e.getPath());
    // A value object refused its input (a subject, for one): report its own field errors under the path.
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SsfException ssf) {
        return path.isEmpty() ? ssf : ssf.under(path);
      }
    }
    String message;
    if (e instanceof InvalidFormatException f && f.getValue() instanceof String) {
      message = cleanMessage(e.getOriginalMessage());
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      message = path.isEmpty() ? "the body must be a JSON object" : "must be " + describe(m.getTargetType());
    } else {
      message = "is invalid";
    }
    return SsfException.invalid(path, message);
  }

  /** Jackson's message for a refused string ends with the reason the value object gave. */
  private static String cleanMessage(String original) {
    int i = original.lastIndexOf(": ");
    return i < 0 ? "is invalid" : original.substring(i + 2);
  }

  private static String describe(Class<?> type) {
    if (type == String.class || type.isEnum() || type.getSimpleName().equals("StreamId")
        || type.getSimpleName().equals("StreamStatus")) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String jsonPath(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Bean Validation paths use Java names; the wire uses snake_case. */
  static String wirePath(Path propertyPath) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : propertyPath) {
      if (node.isInIterable() && node.getIndex() != null) {
        path.append('[').append(node.getIndex()).append(']');
      }
      if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(SNAKE.translate(node.getName()));
      }
    }
    return path.toString();
  }
}
