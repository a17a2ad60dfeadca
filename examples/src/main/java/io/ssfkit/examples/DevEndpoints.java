package io.ssfkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssfkit.error.SsfException;
import io.ssfkit.jackson.http.SsfHttpRequest;
import io.ssfkit.jackson.http.SsfHttpResponse;
import io.ssfkit.jackson.rules.IdentityChangeOptions;
import io.ssfkit.jackson.rules.RuleJson;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.subject.SubjectIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development-only endpoints of the rule engine (no authentication: {@code --dev} only).
 *
 * <ul>
 *   <li>{@code POST /demo/identity-events} takes an identity change (the "identity attributes changed" trigger
 *       shape) and publishes what the rules say;
 *   <li>{@code POST /demo/identity-events/explain} answers, without publishing, which rules match and which
 *       streams would receive what, and why not;
 *   <li>{@code PUT /demo/rules} replaces the whole rule set (the rule-file JSON of {@code --rules}) atomically,
 *       while changes are being processed.
 * </ul>
 *
 * <p>Host-neutral, like {@link io.ssfkit.jackson.http.SsfHttpHandler}, so the JDK server and Javalin serve them
 * alike. A real host calls {@link RuleEngine} from its own identity pipeline and administration instead.
 */
final class DevEndpoints {

  /** The path that processes a change. */
  static final String PROCESS = "/demo/identity-events";
  /** The path that explains a change. */
  static final String EXPLAIN = PROCESS + "/explain";
  /** The path that replaces the rule set. */
  static final String RULES = "/demo/rules";

  private static final Logger LOG = LoggerFactory.getLogger(DevEndpoints.class);

  private final RuleEngine engine;
  private final IdentityChangeOptions options;
  private final ObjectMapper mapper = new ObjectMapper();

  DevEndpoints(RuleEngine engine, IdentityChangeOptions options) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Tells whether a request is for one of these endpoints. */
  static boolean serves(SsfHttpRequest request) {
    return request.path().equals(PROCESS) || request.path().equals(EXPLAIN) || request.path().equals(RULES);
  }

  /** Answers a request for one of these endpoints. */
  SsfHttpResponse handle(SsfHttpRequest request) {
    String method = request.path().equals(RULES) ? "PUT" : "POST";
    if (!request.method().equals(method)) {
      return json(405, Map.of("Allow", List.of(method)), "{\"error\":\"use " + method + "\"}");
    }
    if (request.body().length > ReferenceTransmitter.MAX_BODY_BYTES) {
      return json(413, Map.of(), "{\"error\":\"the body is larger than " + ReferenceTransmitter.MAX_BODY_BYTES / 1024
          + " KiB\"}");
    }
    String body = new String(request.body(), StandardCharsets.UTF_8);
    try {
      if (request.path().equals(RULES)) {
        return json(200, Map.of(), replaced(RuleJson.readRuleSet(body)));
      }
      IdentityChange change = RuleJson.readIdentityChange(body, options);
      return json(200, Map.of(), request.path().equals(EXPLAIN)
          ? RuleJson.writeExplanation(engine.explain(change))
          : outcome(engine.process(change)));
    } catch (SsfException e) {
      ObjectNode error = mapper.createObjectNode().put("error", e.code().code());
      ArrayNode messages = error.putArray("messages");
      if (e.fieldErrors().isEmpty()) {
        messages.add(e.getMessage());
      } else {
        e.fieldErrors().forEach(f -> messages.add(f.toString()));
      }
      return json(e.code().httpStatus(), Map.of(), error.toString());
    } catch (RuntimeException e) {
      LOG.error("processing an identity change failed", e);
      return json(500, Map.of(), "{\"error\":\"internal_error\"}");
    }
  }

  /** Swaps the rule set in and names the rules now in force and those replaced. */
  private String replaced(RuleSet rules) {
    RuleSet before = engine.replace(rules);
    LOG.info("rule set replaced: {} rule(s) now, {} before", rules.rules().size(), before.rules().size());
    ObjectNode node = mapper.createObjectNode();
    ArrayNode now = node.putArray("rules");
    rules.rules().forEach(rule -> now.add(rule.name()));
    ArrayNode old = node.putArray("replaced");
    before.rules().forEach(rule -> old.add(rule.name()));
    return node.toString();
  }

  private String outcome(RuleOutcome outcome) {
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
    return node.toString();
  }

  private static SsfHttpResponse json(int status, Map<String, List<String>> headers, String body) {
    Map<String, List<String>> all = new java.util.LinkedHashMap<>(headers);
    all.put("Content-Type", List.of("application/json"));
    return new SsfHttpResponse(status, all, body.getBytes(StandardCharsets.UTF_8));
  }
}
