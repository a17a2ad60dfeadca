package io.ssfkit.jackson.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssfkit.delivery.PollRequest;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an RFC 8936 poll body. Its members are camelCase ({@code maxEvents}, {@code returnImmediately},
 * {@code ack}, {@code setErrs}), unlike the snake_case management API, so it is read here member by member;
 * every wrong type is reported, naming the member (POLL-2). An empty body is {@code {}}.
 */
final class PollRequests {

  private PollRequests() {}

  static PollRequest read(ObjectMapper mapper, byte[] body) {
    JsonNode root;
    try {
      root = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (IOException e) {
      throw SsfException.invalid("", "the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw SsfException.invalid("", "the body must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    Integer maxEvents = null;
    JsonNode max = root.get("maxEvents");
    if (max != null && !max.isNull()) {
      if (!max.isIntegralNumber() || !max.canConvertToInt() || max.intValue() < 0) {
        errors.add(new FieldError("maxEvents", "must be a non-negative integer"));
      } else {
        maxEvents = max.intValue();
      }
    }
    boolean returnImmediately = false;
    JsonNode immediately = root.get("returnImmediately");
    if (immediately != null && !immediately.isNull()) {
      if (!immediately.isBoolean()) {
        errors.add(new FieldError("returnImmediately", "must be a boolean"));
      } else {
        returnImmediately = immediately.booleanValue();
      }
    }
    List<String> ack = new ArrayList<>();
    JsonNode acks = root.get("ack");
    if (acks != null && !acks.isNull()) {
      if (!acks.isArray()) {
        errors.add(new FieldError("ack", "must be an array of jti strings"));
      } else {
        for (int i = 0; i < acks.size(); i++) {
          if (acks.get(i).isTextual()) {
            ack.add(acks.get(i).textValue());
          } else {
            errors.add(new FieldError("ack[" + i + "]", "must be a string"));
          }
        }
      }
    }
    Map<String, PollRequest.SetError> setErrs = new LinkedHashMap<>();
    JsonNode errs = root.get("setErrs");
    if (errs != null && !errs.isNull()) {
      if (!errs.isObject()) {
        errors.add(new FieldError("setErrs", "must be an object mapping a jti to {err, description}"));
      } else {
        errs.properties().forEach(e -> {
          JsonNode err = e.getValue().get("err");
          JsonNode description = e.getValue().get("description");
          if (err == null || !err.isTextual()) {
            errors.add(new FieldError("setErrs." + e.getKey() + ".err", "must be a string"));
          } else if (description != null && !description.isNull() && !description.isTextual()) {
            errors.add(new FieldError("setErrs." + e.getKey() + ".description", "must be a string"));
          } else {
            setErrs.put(e.getKey(), new PollRequest.SetError(err.textValue(),
                description == null || description.isNull() ? null : description.textValue()));
          }
        });
      }
    }
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    return new PollRequest(maxEvents, returnImmediately, ack, setErrs);
  }
}
