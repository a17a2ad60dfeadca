package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.EventTransmitter.WAIT;
import static io.ssfkit.jackson.http.EventTransmitter.caller;
import static io.ssfkit.jackson.http.EventTransmitter.jti;
import static io.ssfkit.jackson.http.EventTransmitter.jtiOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.RetryPolicy;
import io.ssfkit.jackson.http.EventTransmitter.Outcome;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.MutableClock;
import io.ssfkit.testkit.ReceiverSimulator;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import io.ssfkit.testkit.ReceiverSimulator.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault tests of push delivery against a real loopback receiver (the issue's acceptance list): server errors,
 * {@code Retry-After}, rate limits, every RFC 8935 error code, a receiver slower than the request timeout,
 * connection refused, and a receiver that comes back after being down.
 *
 * <p>Every test ends with the same ledger check: each published SET is accepted by the receiver exactly once
 * (a second accepted copy only where the transmitter could not see the first answer, and then
 * byte-identical), the requests about one subject follow the publication order, and every SET is either
 * delivered or in the dead-letter store with a reason — nothing silently lost.
 */
class DeliveryFaultTest {

  private static final SubjectIdentifier ALICE = SubjectIdentifier.email("alice@example.com");
  private static final SubjectIdentifier BOB = SubjectIdentifier.email("bob@example.com");

  /**
   * A scripted answer and what it means for the receiver's ledger.
   *
   * @param response what the receiver answers
   * @param accepts whether the receiver took the SET (it answered, or was about to answer, 2xx)
   * @param seen whether the transmitter can see that answer (false when it comes after the request timeout)
   */
  private record Step(Response response, boolean accepts, boolean seen) {
    static Step status(int status) {
      return new Step(Response.of(status), status >= 200 && status < 300, true);
    }

    static Step error(String err) {
      return new Step(Response.error(err, "the receiver says " + err), false, true);
    }

    static Step drop() {
      return new Step(Response.drop(), false, true);
    }

    static Step acceptedTooLate(Duration delay) {
      return new Step(Response.accepted().withDelay(delay), true, false);
    }
  }

  private static final Step ACCEPT = Step.status(202);

  /** A published SET: its jti and the subject it is about. */
  private record Published(String jti, SubjectIdentifier subject) {}

  @Test
  @DisplayName("PUSH-6: 500, then 202: retried with the identical bytes and delivered once")
  void serverErrorThenAccepted() throws Exception {
    List<Step> steps = List.of(Step.status(500));
    try (ReceiverSimulator receiver = scripted(steps); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), "Bearer r");
      List<Published> published = publish(tx, id, ALICE, ALICE, ALICE);

      assertLedger(tx, receiver, id, steps, published);
      assertThat(tx.listener.awaitDelivered(published.get(0).jti()).attempts()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("PUSH-6: 503 with Retry-After: 1, then 202: the next attempt is scheduled no earlier than 1 s "
      + "after the answer")
  void serviceUnavailableWithRetryAfter() throws Exception {
    List<Step> steps = List.of(new Step(Response.of(503).withHeader("Retry-After", "1"), false, true));
    RetryPolicy allowsOneSecond = new RetryPolicy(5, 2, Duration.ofMillis(5), Duration.ofSeconds(2));
    try (ReceiverSimulator receiver = scripted(steps);
        EventTransmitter tx = EventTransmitter.options().retryPolicy(allowsOneSecond).build()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      List<Published> published = publish(tx, id, ALICE, ALICE);

      assertLedger(tx, receiver, id, steps, published);
      List<Outcome> retried = tx.listener.of("retried", published.get(0).jti());
      assertThat(retried).hasSize(1);
      Instant firstAnswered = receiver.requests().get(0).receivedAt();
      Instant nextAttempt = retried.get(0).nextAttempt();
      assertThat(nextAttempt).as("Retry-After honoured").isAfterOrEqualTo(firstAnswered.plusSeconds(1));
      assertThat(receiver.requests().get(1).receivedAt()).as("not retried before the scheduled time")
          .isAfterOrEqualTo(nextAttempt);
    }
  }

  @Test
  @DisplayName("PUSH-6: 429, then 202: retried and delivered once")
  void tooManyRequestsThenAccepted() throws Exception {
    List<Step> steps = List.of(Step.status(429), Step.status(429));
    try (ReceiverSimulator receiver = scripted(steps); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      List<Published> published = publish(tx, id, ALICE, ALICE);

      assertLedger(tx, receiver, id, steps, published);
      assertThat(tx.listener.awaitDelivered(published.get(0).jti()).attempts()).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "400 {0}")
  @ValueSource(strings = {"invalid_request", "invalid_key", "invalid_issuer", "invalid_audience",
      "authentication_failed", "access_denied"})
  @DisplayName("PUSH-5, PUSH-6: 400 with an RFC 8935 err: invalid_request/issuer/audience are dead-lettered after "
      + "one attempt, the curable codes after maxRejectedAttempts; the others go on, and a replay delivers the "
      + "identical bytes")
  void rejectedWithErrCode(String err) throws Exception {
    boolean curable = Set.of("invalid_key", "authentication_failed", "access_denied").contains(err);
    int attempts = curable ? EventTransmitter.FAST_RETRIES.maxRejectedAttempts() : 1;
    assertThat(EventTransmitter.FAST_RETRIES.maxRejectedAttempts()).as("the policy lets curable codes retry")
        .isGreaterThan(1);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      steps.add(Step.error(err));
    }
    try (ReceiverSimulator receiver = scripted(steps); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      List<Published> published = publish(tx, id, ALICE, ALICE, ALICE);
      String refused = published.get(0).jti();

      assertLedger(tx, receiver, id, steps, published);
      assertThat(tx.listener.awaitFinal(refused).kind()).isEqualTo("deadLettered");
      assertThat(requestsFor(receiver, refused)).as("attempts at the refused SET").hasSize(attempts);
      assertThat(tx.listener.of("rejected", refused)).hasSize(attempts)
          .allSatisfy(o -> assertThat(o.detail()).isEqualTo(err));
      DeadLetter letter = tx.service.deadLetters(caller(TOKEN_A), StreamId.of(id), 10).get(0);
      assertThat(letter.entry().jti()).isEqualTo(refused);
      assertThat(letter.reason()).contains(err);
      assertThat(letter.entry().attempts()).isEqualTo(attempts);

      tx.service.replayDeadLetter(caller(TOKEN_A), StreamId.of(id), refused);
      tx.listener.await(o -> o.kind().equals("delivered") && o.jti().equals(refused), WAIT)
          .orElseThrow(() -> new AssertionError("the replayed SET was not delivered"));
      List<ReceivedRequest> all = requestsFor(receiver, refused);
      assertThat(all).hasSize(attempts + 1);
      assertThat(all).allSatisfy(r -> assertThat(r.body()).as("SET-11").isEqualTo(all.get(0).body()));
      assertThat(tx.service.deadLetters(caller(TOKEN_A), StreamId.of(id), 10)).isEmpty();
    }
  }

  @Test
  @DisplayName("PUSH-8: a receiver slower than the request timeout: the attempt times out, the retry with the "
      + "identical bytes is delivered (the late copy is the only duplicate)")
  void slowReceiverPastTheRequestTimeout() throws Exception {
    List<Step> steps = List.of(Step.acceptedTooLate(Duration.ofSeconds(5)));
    try (ReceiverSimulator receiver = scripted(steps);
        EventTransmitter tx = EventTransmitter.options().requestTimeout(Duration.ofMillis(300)).build()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      List<Published> published = publish(tx, id, ALICE, ALICE);

      assertLedger(tx, receiver, id, steps, published);
      assertThat(tx.listener.awaitDelivered(published.get(0).jti()).attempts()).isEqualTo(2);
      assertThat(tx.listener.of("retried", published.get(0).jti()).get(0).detail()).contains("no answer");
    }
  }

  @Test
  @DisplayName("PUSH-6: connection refused, then the endpoint is moved to a live receiver: every SET arrives "
      + "(replayed from the dead letters if its budget ran out)")
  void connectionRefusedThenALiveEndpoint() throws Exception {
    URI deadEndpoint;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      deadEndpoint = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/events");
    }
    RetryPolicy patient = new RetryPolicy(10, 2, Duration.ofMillis(5), Duration.ofMillis(50));
    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.options().retryPolicy(patient).build()) {
      String id = tx.createPushStream(TOKEN_A, deadEndpoint, null);
      List<Published> published = publish(tx, id, ALICE, ALICE, BOB);

      for (Published p : List.of(published.get(0), published.get(2))) {
        Optional<Outcome> refused = tx.listener.await(
            o -> o.kind().equals("retried") && o.jti().equals(p.jti()) && o.attempts() >= 2, WAIT);
        assertThat(refused).as("two refused attempts at %s", p.jti()).isPresent();
        assertThat(refused.get().detail()).contains("connect");
      }
      assertThat(receiver.requests()).isEmpty();
      SsfHttpResponse patched = tx.send("PATCH", "/ssf/v1/streams", TOKEN_A,
          "{\"stream_id\":\"" + id + "\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\""
              + receiver.endpoint() + "\"}}");
      assertThat(patched.status()).as(patched.bodyAsString()).isEqualTo(200);

      boolean replayed = false;
      for (Published p : published) {
        if (tx.listener.awaitFinal(p.jti()).kind().equals("deadLettered")) {
          tx.service.replayDeadLetter(caller(TOKEN_A), StreamId.of(id), p.jti());
          replayed = true;
        }
      }
      for (Published p : published) {
        tx.listener.await(o -> o.kind().equals("delivered") && o.jti().equals(p.jti()), WAIT)
            .orElseThrow(() -> new AssertionError("SET " + p.jti() + " was not delivered"));
      }
      assertLedger(tx, receiver, id, List.of(), published, !replayed);
      assertThat(tx.service.deadLetters(caller(TOKEN_A), StreamId.of(id), 10)).isEmpty();
    }
  }

  @Test
  @DisplayName("PUSH-6, PUSH-9: a receiver that is down (dropped connections, 503) and comes back: every SET "
      + "of two subjects arrives once, in per-subject order")
  void receiverComesBackAfterBeingDown() throws Exception {
    List<Step> steps = List.of(Step.drop(), Step.drop(), Step.status(503), Step.drop(), Step.status(503),
        Step.status(502));
    RetryPolicy patient = new RetryPolicy(10, 2, Duration.ofMillis(5), Duration.ofMillis(50));
    try (ReceiverSimulator receiver = scripted(steps);
        EventTransmitter tx = EventTransmitter.options().retryPolicy(patient).build()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), "Bearer r");
      List<Published> published = publish(tx, id, ALICE, BOB, ALICE, BOB, ALICE, BOB);

      assertLedger(tx, receiver, id, steps, published);
      for (Published p : published) {
        assertThat(tx.listener.awaitFinal(p.jti()).kind()).isEqualTo("delivered");
      }
    }
  }

  @Test
  @DisplayName("Restart: a transmitter stopped with one SET in flight and one queued behind it; a new one on the "
      + "same outbox delivers both once the lease of the stopped one has ended")
  void restartWithSetsInFlightAndQueued() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    List<Step> steps = List.of(Step.acceptedTooLate(Duration.ofSeconds(30)));
    try (ReceiverSimulator receiver = scripted(steps)) {
      EventTransmitter first = EventTransmitter.options().clock(clock).build();
      String id;
      List<Published> published;
      try (first) {
        id = first.createPushStream(TOKEN_A, receiver.endpoint(), null);
        published = new ArrayList<>(publish(first, id, ALICE, ALICE));
        assertThat(receiver.awaitRequests(1, WAIT)).as("the first SET is in flight").hasSize(1);
      }
      assertThat(first.queue.stats(StreamId.of(id), clock.instant()).depth()).as("both still queued")
          .isEqualTo(2);

      try (EventTransmitter second = EventTransmitter.options().clock(clock).restartOf(first).build()) {
        clock.advance(Duration.ofMinutes(3)); // past the stopped dispatcher's lease
        published.add(new Published(jti(second.publish(BOB), id), BOB)); // an enqueue wakes the new dispatcher
        assertLedger(second, receiver, id, steps, published);
        for (Published p : published) {
          assertThat(second.listener.awaitFinal(p.jti()).kind()).isEqualTo("delivered");
        }
        assertThat(requestsFor(receiver, published.get(0).jti())).as("the in-flight SET was sent again")
            .hasSize(2);
      }
    }
  }

  // --- Helpers -------------------------------------------------------------------------------------

  private static ReceiverSimulator scripted(List<Step> steps) {
    ReceiverSimulator receiver = ReceiverSimulator.start();
    receiver.script(steps.stream().map(Step::response).toArray(Response[]::new));
    return receiver;
  }

  private static List<Published> publish(EventTransmitter tx, String streamId, SubjectIdentifier... subjects) {
    List<Published> published = new ArrayList<>();
    for (SubjectIdentifier subject : subjects) {
      published.add(new Published(jti(tx.publish(subject), streamId), subject));
    }
    return published;
  }

  private static List<ReceivedRequest> requestsFor(ReceiverSimulator receiver, String jti) {
    return receiver.requests().stream().filter(r -> jtiOf(r.bodyText()).equals(jti)).toList();
  }

  private static void assertLedger(EventTransmitter tx, ReceiverSimulator receiver, String streamId,
      List<Step> steps, List<Published> published) throws InterruptedException {
    assertLedger(tx, receiver, streamId, steps, published, true);
  }

  /**
   * The acceptance check: waits until every published SET has a final outcome, then checks the receiver's
   * ledger against the script, the dead-letter store and the outbox.
   */
  private static void assertLedger(EventTransmitter tx, ReceiverSimulator receiver, String streamId,
      List<Step> steps, List<Published> published, boolean checkOrder) throws InterruptedException {
    Map<String, String> finals = new LinkedHashMap<>();
    for (Published p : published) {
      finals.put(p.jti(), tx.listener.awaitFinal(p.jti()).kind());
    }
    List<ReceivedRequest> ledger = receiver.requests();
    assertThat(ledger.size()).as("every scripted fault was served, and every SET sent at least once")
        .isGreaterThanOrEqualTo(Math.max(steps.size(), published.size()));
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < published.size(); i++) {
      index.put(published.get(i).jti(), i);
    }

    Map<String, List<ReceivedRequest>> byJti = new LinkedHashMap<>();
    Map<String, Integer> acceptedSeen = new HashMap<>();
    for (ReceivedRequest request : ledger) {
      String jti = jtiOf(request.bodyText());
      assertThat(index).as("request #%d carries a published SET", request.number()).containsKey(jti);
      byJti.computeIfAbsent(jti, k -> new ArrayList<>()).add(request);
      Step step = request.number() <= steps.size() ? steps.get(request.number() - 1) : ACCEPT;
      if (step.accepts() && step.seen()) {
        assertThat(acceptedSeen.merge(jti, 1, Integer::sum))
            .as("SET %s accepted (and seen) once, at request #%d", jti, request.number()).isEqualTo(1);
      } else if (acceptedSeen.containsKey(jti)) {
        throw new AssertionError("SET " + jti + " was sent again (request #" + request.number()
            + ") after it was delivered");
      }
    }

    for (Map.Entry<String, List<ReceivedRequest>> copies : byJti.entrySet()) {
      byte[] first = copies.getValue().get(0).body();
      assertThat(copies.getValue()).as("SET-11: every copy of %s is byte-identical", copies.getKey())
          .allSatisfy(r -> assertThat(Arrays.equals(r.body(), first)).isTrue());
    }

    List<DeadLetter> letters = tx.service.deadLetters(caller(TOKEN_A), StreamId.of(streamId), 100);
    Map<String, DeadLetter> lettersByJti = letters.stream()
        .collect(Collectors.toMap(l -> l.entry().jti(), l -> l));
    for (Published p : published) {
      String outcome = finals.get(p.jti());
      if (outcome.equals("delivered")) {
        assertThat(acceptedSeen.get(p.jti())).as("delivered SET %s is in the ledger as accepted", p.jti())
            .isEqualTo(1);
        assertThat(lettersByJti).as("a delivered SET is no dead letter").doesNotContainKey(p.jti());
      } else {
        assertThat(acceptedSeen).as("dead-lettered SET %s was never accepted", p.jti()).doesNotContainKey(p.jti());
        assertThat(lettersByJti).as("dead-lettered SET %s is in the store", p.jti()).containsKey(p.jti());
        assertThat(lettersByJti.get(p.jti()).reason()).isNotBlank();
        byte[] stored = lettersByJti.get(p.jti()).entry().token().getBytes(StandardCharsets.UTF_8);
        assertThat(byJti.getOrDefault(p.jti(), List.of())).as("the dead letter keeps the identical bytes")
            .allSatisfy(r -> assertThat(r.body()).isEqualTo(stored));
      }
    }
    assertThat(lettersByJti.keySet()).as("no dead letter beyond the given-up SETs")
        .allSatisfy(jti -> assertThat(finals.get(jti)).isEqualTo("deadLettered"));

    if (checkOrder) {
      // PUSH-9: all requests about one subject follow the publication order.
      Map<SubjectIdentifier, Integer> last = new HashMap<>();
      for (ReceivedRequest request : ledger) {
        int position = index.get(jtiOf(request.bodyText()));
        SubjectIdentifier subject = published.get(position).subject();
        Integer previous = last.put(subject, position);
        assertThat(previous == null ? -1 : previous)
            .as("request #%d (SET %d of %s) after SET %s of the same subject", request.number(), position,
                subject, previous)
            .isLessThanOrEqualTo(position);
      }
    }
    assertThat(tx.queue.stats(StreamId.of(streamId), Instant.now()).depth()).as("the outbox is empty").isZero();
  }
}
