package io.ssfkit.jackson.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become product API error bodies: {@code Errorresponsedto} for 400, 403, 404,
 * 405, 409, 413, 415 and 500; {@code {"error": ...}} for 401; {@code {"message": ...}} for 429.
 */
final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private static final String RATE_LIMIT_MESSAGE = " Rate Limit Exceeded ";

  private final ObjectMapper mapper;
  private final String requiredScope;

  ErrorResponses(ObjectMapper mapper, String requiredScope) {
    this.mapper = mapper;
    this.requiredScope = requiredScope;
  }

  /** Maps an exception; {@code credentialsPresent} chooses the RFC 6750 challenge of a 401. */
  SsfHttpResponse of(SsfException e, boolean credentialsPresent, Map<String, List<String>> extraHeaders) {
    SsfErrorCode code = e.code();
    return switch (code) {
      case UNAUTHORIZED -> {
        ObjectNode body = mapper.createObjectNode().put("error", e.getMessage());
        // RFC 6750 section 3.1: no error code when the request carried no credentials at all.
        String challenge = credentialsPresent
            ? "Bearer realm=\"ssf\", error=\"invalid_token\", error_description=\"" + quoteSafe(e.getMessage()) + "\""
            : "Bearer realm=\"ssf\"";
        yield Responses.json(401, body, mapper, Map.of("WWW-Authenticate", List.of(challenge)));
      }
      case RATE_LIMITED -> {
        Duration wait = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ObjectNode body = mapper.createObjectNode().put("message", RATE_LIMIT_MESSAGE);
        yield Responses.json(429, body, mapper, Map.of("Retry-After", List.of(Long.toString(seconds))));
      }
      case FORBIDDEN -> errorDto(e, code, Map.of("WWW-Authenticate", List.of(
          "Bearer realm=\"ssf\", error=\"insufficient_scope\", scope=\"" + requiredScope + "\"")));
      default -> errorDto(e, code, extraHeaders);
    };
  }

  /** An unexpected failure: 500 with a tracking ID that is logged with the cause. */
  SsfHttpResponse internal(Throwable cause) {
    return errorDto(new SsfException(SsfErrorCode.INTERNAL, "An internal fault occurred.", cause),
        SsfErrorCode.INTERNAL, Map.of());
  }

  private SsfHttpResponse errorDto(SsfException e, SsfErrorCode code, Map<String, List<String>> headers) {
    String trackingId = UUID.randomUUID().toString().replace("-", "");
    int status = code.httpStatus();
    ObjectNode body = mapper.createObjectNode();
    body.put("detailCode", detailCode(status));
    body.put("trackingId", trackingId);
    ArrayNode messages = body.putArray("messages");
    if (status >= 500) {
      // Never leak internals; the cause goes to the log under the same tracking ID.
      LOG.error("{} (trackingId {})", e.getMessage(), trackingId, e.getCause() == null ? e : e.getCause());
      addMessage(messages, "An internal fault occurred.");
    } else if (!e.fieldErrors().isEmpty()) {
      for (FieldError error : e.fieldErrors()) {
        addMessage(messages, error.toString());
      }
    } else {
      addMessage(messages, e.getMessage());
    }
    if (status < 500) {
      LOG.debug("answering {} {} (trackingId {}): {}", status, code.code(), trackingId, e.getMessage());
    }
    return Responses.json(status, body, mapper, headers);
  }

  private void addMessage(ArrayNode messages, String text) {
    messages.addObject().put("locale", "en-US").put("localeOrigin", "DEFAULT").put("text", text);
  }

  private static String detailCode(int status) {
    return switch (status) {
      case 400 -> "400.1 Bad Request Content";
      case 403 -> "403 Forbidden";
      case 404 -> "404 Not found";
      case 405 -> "405 Method Not Allowed";
      case 409 -> "409 Conflict";
      case 413 -> "413 Payload Too Large";
      case 415 -> "415 Unsupported Media Type";
      default -> status >= 500 ? "500.0 Internal Fault" : status + " Error";
    };
  }

  private static String quoteSafe(String s) {
    // RFC 6750 error_description: printable ASCII except '"' and '\'.
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : ' ');
    }
    return out.toString();
  }
}
