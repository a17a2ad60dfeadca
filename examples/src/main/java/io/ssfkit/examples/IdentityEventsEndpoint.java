package io.ssfkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ssfkit.error.SsfException;
import io.ssfkit.jackson.rules.IdentityChangeOptions;
import io.ssfkit.jackson.rules.RuleJson;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.subject.SubjectIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development-only endpoints that feed the rule engine: {@code POST /demo/identity-events} takes an
 * identity change (the "identity attributes changed" trigger shape) and publishes what the rules say;
 * {@code POST /demo/identity-events/explain} answers, without publishing, which rules match and which streams
 * would receive what, and why not. A real host calls {@link RuleEngine} from its own identity pipeline instead.
 */
final class IdentityEventsEndpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityEventsEndpoint.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final RuleEngine engine;
  private final IdentityChangeOptions options;
  private final boolean explain;
  private final ObjectMapper mapper = new ObjectMapper();

  IdentityEventsEndpoint(RuleEngine engine, IdentityChangeOptions options, boolean explain) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.options = Objects.requireNonNull(options, "options");
    this.explain = explain;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Allow", "POST");
        send(exchange, 405, "{\"error\":\"use POST\"}");
        return;
      }
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
          send(exchange, 413, "{\"error\":\"the body is larger than 64 KiB\"}");
          return;
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
      try {
        IdentityChange change = RuleJson.readIdentityChange(body, options);
        send(exchange, 200, explain ? RuleJson.writeExplanation(engine.explain(change)) : outcome(engine.process(change)));
      } catch (SsfException e) {
        ObjectNode error = mapper.createObjectNode().put("error", e.code().code());
        ArrayNode messages = error.putArray("messages");
        if (e.fieldErrors().isEmpty()) {
          messages.add(e.getMessage());
        } else {
          e.fieldErrors().forEach(f -> messages.add(f.toString()));
        }
        send(exchange, e.code().httpStatus(), mapper.writeValueAsString(error));
      } catch (RuntimeException e) {
        LOG.error("processing an identity change failed", e);
        send(exchange, 500, "{\"error\":\"internal_error\"}");
      }
    }
  }

  private String outcome(RuleOutcome outcome) throws IOException {
    ObjectNode node = mapper.createObjectNode();
    node.put("sourceEventId", outcome.sourceEventId());
    node.put("txn", outcome.txn());
    node.put("replayed", outcome.replayed());
    ArrayNode rules = node.putArray("matchedRules");
    outcome.matchedRules().forEach(rules::add);
    ArrayNode published = node.putArray("published");
    for (RuleOutcome.Published p : outcome.published()) {
      ObjectNode item = published.addObject();
      item.put("rule", p.rule());
      item.put("event", p.eventType().uri());
      item.set("subject", mapper.valueToTree(p.subject().toMap()));
      ObjectNode streams = item.putObject("streams");
      p.result().enqueued().forEach((id, jti) -> {
        SubjectIdentifier subject = p.result().subjects().get(id);
        streams.put(id.value(), "queued as " + jti
            + (p.subject().equals(subject) ? "" : " about " + Objects.requireNonNull(subject).toMap()));
      });
      p.result().skipped().forEach((id, why) -> streams.put(id.value(), "skipped: " + why));
    }
    ArrayNode problems = node.putArray("problems");
    outcome.problems().forEach(p -> problems.add(p.rule() + " " + p.kind() + ": " + p.message()));
    return mapper.writeValueAsString(node);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
