package io.ssfkit.testkit;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A receiver's side of RFC 8936 poll delivery, for tests and local development: POSTs poll requests to a
 * stream's poll endpoint with a bearer token and reads the SETs. Thread-safe; every call is bounded by the
 * client's timeout.
 */
public final class PollClient {

  private final HttpClient http;
  private final URI pollUrl;
  private final String bearerToken;
  private final Duration timeout;

  private PollClient(HttpClient http, URI pollUrl, String bearerToken, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.pollUrl = Objects.requireNonNull(pollUrl, "pollUrl");
    this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Creates a client for one poll stream.
   *
   * @param http the HTTP client (for https with a private CA, one that trusts it)
   * @param pollUrl the stream's {@code delivery.endpoint_url}
   * @param bearerToken the receiver's token
   * @param timeout how long one poll may take, long polls included
   * @return the client
   */
  public static PollClient create(HttpClient http, URI pollUrl, String bearerToken, Duration timeout) {
    return new PollClient(http, pollUrl, bearerToken, timeout);
  }

  /**
   * The answer to one poll.
   *
   * @param status the HTTP status
   * @param sets the SETs by jti, in the order the transmitter sent them; empty unless the status is 200
   * @param moreAvailable the {@code moreAvailable} member
   * @param body the raw body, for error responses
   */
  public record Result(int status, Map<String, String> sets, boolean moreAvailable, String body) {

    /**
     * Copies the SETs.
     *
     * @param status the HTTP status
     * @param sets the SETs by jti
     * @param moreAvailable whether more are waiting
     * @param body the raw body
     */
    public Result {
      sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets));
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * Polls once.
   *
   * @param maxEvents the most SETs to take, or null for the transmitter's cap
   * @param returnImmediately false for a long poll
   * @param ack jtis to acknowledge
   * @return the answer
   * @throws IOException if the request fails
   * @throws InterruptedException if interrupted while waiting
   */
  public Result poll(@Nullable Integer maxEvents, boolean returnImmediately, List<String> ack)
      throws IOException, InterruptedException {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("returnImmediately", returnImmediately);
    if (maxEvents != null) {
      request.put("maxEvents", maxEvents);
    }
    request.put("ack", List.copyOf(ack));
    return send(JSONObjectUtils.toJSONString(request));
  }

  /**
   * Acknowledges SETs without asking for more ({@code maxEvents: 0}).
   *
   * @param ack the jtis
   * @return the answer, with no SETs
   * @throws IOException if the request fails
   * @throws InterruptedException if interrupted while waiting
   */
  public Result acknowledge(List<String> ack) throws IOException, InterruptedException {
    return poll(0, true, ack);
  }

  private Result send(String body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(pollUrl).timeout(timeout)
        .header("Authorization", "Bearer " + bearerToken).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return new Result(response.statusCode(), Map.of(), false, response.body());
    }
    try {
      Map<String, Object> json = JSONObjectUtils.parse(response.body());
      Map<String, String> sets = new LinkedHashMap<>();
      Map<String, Object> offered = JSONObjectUtils.getJSONObject(json, "sets");
      if (offered != null) {
        offered.forEach((jti, token) -> sets.put(jti, String.valueOf(token)));
      }
      Boolean more = json.get("moreAvailable") instanceof Boolean b ? b : Boolean.FALSE;
      return new Result(200, sets, more, response.body());
    } catch (ParseException e) {
      throw new IOException("the poll response is not JSON: " + e.getMessage(), e);
    }
  }
}
