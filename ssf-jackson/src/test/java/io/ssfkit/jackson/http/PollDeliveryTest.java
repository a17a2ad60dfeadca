package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.EventTransmitter.ISSUER;
import static io.ssfkit.jackson.http.EventTransmitter.SESSION_REVOKED;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_B;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_X;
import static io.ssfkit.jackson.http.EventTransmitter.caller;
import static io.ssfkit.jackson.http.EventTransmitter.jti;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.assertUnauthorized;
import static io.ssfkit.jackson.http.HttpAssertions.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.jackson.http.EventTransmitter.DecodedSet;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.MutableClock;
import io.ssfkit.testkit.ReceiverSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Poll delivery end to end (RFC 8936): {@code POST /ssf/v1/poll/{stream_id}} through the handler, with its
 * camelCase body. Redelivery is driven by a {@link MutableClock} (the outbox leases run on the service's
 * clock), so no test waits for a delay to pass; the long-poll tests use the real timer.
 */
class PollDeliveryTest {

  private static final SubjectIdentifier ALICE = SubjectIdentifier.email("alice@example.com");
  private static final SubjectIdentifier BOB = SubjectIdentifier.email("bob@example.com");
  private static final Duration REDELIVERY = Duration.ofSeconds(30);
  private static final String NOW = "{\"returnImmediately\":true}";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));

  private EventTransmitter transmitter() {
    return EventTransmitter.options().clock(clock).pollTimings(REDELIVERY, Duration.ofSeconds(10)).build();
  }

  @Test
  @DisplayName("POLL-1, POLL-3: a poll stream's endpoint_url is {issuer}/ssf/v1/poll/{stream_id}; an empty "
      + "outbox answers {\"sets\":{}}; a published event is returned as {\"sets\":{jti: SET}} that verifies")
  void pollReturnsThePublishedSet() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      JsonNode stream = tx.createPollStream(TOKEN_A);
      String id = stream.get("stream_id").asText();
      assertThat(stream.get("delivery").get("method").asText()).isEqualTo(EventTransmitter.POLL);
      assertThat(stream.get("delivery").get("endpoint_url").asText()).isEqualTo(ISSUER + "/ssf/v1/poll/" + id);
      String other = tx.createPollStream(TOKEN_B).get("delivery").get("endpoint_url").asText();
      assertThat(other).as("POLL-1: unique per stream").isNotEqualTo(stream.get("delivery").get("endpoint_url")
          .asText());

      JsonNode empty = tx.poll(TOKEN_A, id, NOW);
      assertThat(empty).isEqualTo(EventTransmitter.json("{\"sets\":{}}"));

      String published = jti(tx.publish(ALICE), id);
      JsonNode answer = tx.poll(TOKEN_A, id, NOW);
      assertThat(keys(answer)).as("moreAvailable only when true").containsExactly("sets");
      assertThat(keys(answer.get("sets"))).containsExactly(published);
      DecodedSet set = tx.decodeVerified(answer.get("sets").get(published).textValue());
      assertThat(set.jti()).isEqualTo(published);
      assertThat(set.payload().get("iss").asText()).isEqualTo(ISSUER);
      assertThat(set.payload().get("aud").asText()).isEqualTo(stream.get("aud").asText());
      assertThat(keys(set.payload().get("events"))).containsExactly(SESSION_REVOKED);
      assertThat(set.payload().get("sub_id").get("email").asText()).isEqualTo("alice@example.com");
    }
  }

  @Test
  @DisplayName("POLL-4: maxEvents is respected, oldest first, with moreAvailable:true while more are due; "
      + "maxEvents:0 returns {\"sets\":{}} and only acknowledges")
  void maxEventsLimitsTheResponse() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      List<String> published = new ArrayList<>();
      for (SubjectIdentifier subject : List.of(ALICE, ALICE, BOB, ALICE, BOB)) {
        published.add(jti(tx.publish(subject), id));
      }

      JsonNode first = tx.poll(TOKEN_A, id, "{\"maxEvents\":2,\"returnImmediately\":true}");
      assertThat(fieldNames(first.get("sets"))).containsExactlyElementsOf(published.subList(0, 2));
      assertThat(first.get("moreAvailable").asBoolean()).isTrue();
      JsonNode second = tx.poll(TOKEN_A, id, "{\"maxEvents\":2,\"returnImmediately\":true}");
      assertThat(fieldNames(second.get("sets"))).containsExactlyElementsOf(published.subList(2, 4));
      assertThat(second.get("moreAvailable").asBoolean()).isTrue();

      JsonNode ackOnly = tx.poll(TOKEN_A, id, "{\"maxEvents\":0,\"ack\":[\"" + published.get(0) + "\"]}");
      assertThat(ackOnly).as("acknowledge-only").isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      assertThat(tx.listener.of("delivered", published.get(0))).as("the ack was processed").hasSize(1);

      JsonNode third = tx.poll(TOKEN_A, id, "{\"maxEvents\":2,\"returnImmediately\":true}");
      assertThat(fieldNames(third.get("sets"))).containsExactly(published.get(4));
      assertThat(third.has("moreAvailable")).isFalse();
    }
  }

  @Test
  @DisplayName("POLL-6: an acknowledged jti is never returned again, also not in the response to the request "
      + "that acknowledges it; unknown jtis are ignored")
  void acknowledgedSetIsNotReturnedAgain() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String e1 = jti(tx.publish(ALICE), id);
      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).containsExactly(e1);

      clock.advance(REDELIVERY.plusSeconds(1)); // e1 is due again
      JsonNode acked =
          tx.poll(TOKEN_A, id, "{\"ack\":[\"" + e1 + "\",\"unknown-jti\"],\"returnImmediately\":true}");
      assertThat(acked).as("processed before selecting").isEqualTo(EventTransmitter.json("{\"sets\":{}}"));

      String e2 = jti(tx.publish(ALICE), id);
      clock.advance(REDELIVERY.plusSeconds(1));
      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).containsExactly(e2);
      JsonNode again = tx.poll(TOKEN_A, id, "{\"ack\":[\"" + e1 + "\"],\"returnImmediately\":true}");
      assertThat(again).as("acking twice is harmless").isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      assertThat(tx.listener.of("delivered", e1)).hasSize(1);
    }
  }

  @Test
  @DisplayName("POLL-7, SET-11: an unacknowledged SET is not offered again before the redelivery delay, and "
      + "after it is offered again with the identical token")
  void unacknowledgedSetIsOfferedAgainIdentically() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String e1 = jti(tx.publish(ALICE), id);
      String token = tx.poll(TOKEN_A, id, NOW).get("sets").get(e1).textValue();

      clock.advance(REDELIVERY.minusSeconds(1));
      assertThat(tx.poll(TOKEN_A, id, NOW)).as("not yet").isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      clock.advance(Duration.ofSeconds(2));
      JsonNode again = tx.poll(TOKEN_A, id, NOW);
      assertThat(fieldNames(again.get("sets"))).containsExactly(e1);
      assertThat(again.get("sets").get(e1).textValue()).as("identical token").isEqualTo(token);
    }
  }

  @Test
  @DisplayName("POLL-8: a jti reported in setErrs is finished (never offered again) and recorded in the dead "
      + "letters with its err and description")
  void setErrsFinishesAndRecordsTheSet() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String e1 = jti(tx.publish(ALICE), id);
      String e2 = jti(tx.publish(BOB), id);
      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).containsExactly(e1, e2);

      JsonNode answer = tx.poll(TOKEN_A, id, "{\"setErrs\":{\"" + e1 + "\":{\"err\":\"invalid_key\","
          + "\"description\":\"unknown kid\"}},\"ack\":[\"" + e2 + "\"],\"returnImmediately\":true}");
      assertThat(answer).isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      clock.advance(REDELIVERY.plusSeconds(1));
      assertThat(tx.poll(TOKEN_A, id, NOW)).isEqualTo(EventTransmitter.json("{\"sets\":{}}"));

      List<DeadLetter> letters = tx.service.deadLetters(caller(TOKEN_A), StreamId.of(id), 10);
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).entry().jti()).isEqualTo(e1);
      assertThat(letters.get(0).reason()).contains("invalid_key").contains("unknown kid");
      assertThat(tx.listener.of("rejected", e1)).singleElement()
          .satisfies(o -> assertThat(o.detail()).isEqualTo("invalid_key"));
      assertThat(tx.listener.of("delivered", e2)).hasSize(1);
    }
  }

  @Test
  @DisplayName("POLL-5: a long poll is pending while there is nothing to send and completes with the SET "
      + "published meanwhile")
  void longPollCompletesWhenASetIsPublished() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();

      CompletableFuture<SsfHttpResponse> waiting = tx.pollAsync(TOKEN_A, id, "{}");
      assertThat(waiting).as("the long poll waits").isNotDone();
      String published = jti(tx.publish(ALICE), id);

      SsfHttpResponse response = EventTransmitter.await(waiting);
      assertThat(response.status()).isEqualTo(200);
      assertThat(fieldNames(EventTransmitter.json(response).get("sets"))).containsExactly(published);
    }
  }

  @Test
  @DisplayName("POLL-5: 200 waiting long polls hold no thread each: the JVM's thread count barely moves, and one "
      + "publish answers the first of them")
  void longPollsWhenManyWaitThenNoThreadIsParkedPerWaiter() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      tx.poll(TOKEN_A, id, NOW); // Starts whatever the poll path starts lazily.
      int before = threads.getThreadCount();

      List<CompletableFuture<SsfHttpResponse>> waiting = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        waiting.add(tx.pollAsync(TOKEN_A, id, "{}"));
      }

      assertThat(waiting).allSatisfy(poll -> assertThat(poll).isNotDone());
      assertThat(threads.getThreadCount() - before).as("threads added by 200 waiting polls").isLessThan(10);
      String published = jti(tx.publish(ALICE), id);
      SsfHttpResponse first = EventTransmitter.await(waiting.get(0));
      assertThat(fieldNames(EventTransmitter.json(first).get("sets"))).containsExactly(published);
    }
  }

  @Test
  @DisplayName("POLL-5: a long poll with nothing to send completes with {\"sets\":{}} after the long-poll "
      + "timeout")
  void longPollTimesOutEmpty() throws Exception {
    try (EventTransmitter tx =
        EventTransmitter.options().pollTimings(REDELIVERY, Duration.ofSeconds(2)).build()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();

      CompletableFuture<SsfHttpResponse> waiting = tx.pollAsync(TOKEN_A, id, "{\"maxEvents\":5}");
      assertThat(waiting).as("the long poll waits").isNotDone();

      SsfHttpResponse response = EventTransmitter.await(waiting);
      assertThat(response.status()).isEqualTo(200);
      assertThat(EventTransmitter.json(response)).isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
    }
  }

  @Test
  @DisplayName("STATUS-5, POLL-6: a paused poll stream answers {\"sets\":{}} even with queued SETs, and still "
      + "processes acks; enabled again, it offers the held SETs but not the acknowledged one")
  void pausedStreamAnswersEmptyAndSettlesAcks() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String e1 = jti(tx.publish(ALICE), id);
      String e2 = jti(tx.publish(ALICE), id);
      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).containsExactly(e1, e2);

      tx.setStatus(TOKEN_A, id, "paused");
      String e3 = jti(tx.publish(BOB), id);
      clock.advance(REDELIVERY.plusSeconds(1)); // e1 and e2 are due again, e3 is new
      assertThat(tx.poll(TOKEN_A, id, "{\"ack\":[\"" + e1 + "\"],\"returnImmediately\":true}"))
          .isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      assertThat(tx.poll(TOKEN_A, id, "{}")).as("no long poll on a paused stream either")
          .isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      assertThat(tx.listener.of("delivered", e1)).as("the ack was processed while paused").hasSize(1);

      tx.setStatus(TOKEN_A, id, "enabled");
      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).containsExactly(e2, e3);
    }
  }

  @Test
  @DisplayName("STATUS-5: a long poll that was waiting when the stream was paused is not handed a SET "
      + "published while paused; the SET is offered once the stream is enabled")
  void longPollWaitingAcrossAPauseGetsNothingHeld() throws Exception {
    try (EventTransmitter tx = EventTransmitter.options().clock(clock)
        .pollTimings(REDELIVERY, Duration.ofSeconds(2)).build()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      CompletableFuture<SsfHttpResponse> waiting = tx.pollAsync(TOKEN_A, id, "{}");
      assertThat(waiting).as("the long poll waits").isNotDone();

      tx.setStatus(TOKEN_A, id, "paused");
      String held = jti(tx.publish(ALICE), id);

      SsfHttpResponse response = EventTransmitter.await(waiting);
      assertThat(response.status()).isEqualTo(200);
      assertThat(EventTransmitter.json(response)).as("nothing is transmitted while paused")
          .isEqualTo(EventTransmitter.json("{\"sets\":{}}"));
      tx.setStatus(TOKEN_A, id, "enabled");
      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).containsExactly(held);
    }
  }

  @Test
  @DisplayName("VERIFY-2, VERIFY-6: verification on a poll stream is offered by the next poll")
  void verificationIsPolled() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();

      HttpAssertions.assertNoBody(tx.verify(TOKEN_A, id, "poll-state"), 204);
      JsonNode sets = tx.poll(TOKEN_A, id, NOW).get("sets");
      assertThat(sets.size()).isEqualTo(1);
      DecodedSet set = tx.decodeVerified(sets.elements().next().textValue());
      assertThat(set.payload().get("sub_id"))
          .isEqualTo(EventTransmitter.json("{\"format\":\"opaque\",\"id\":\"" + id + "\"}"));
      assertThat(set.payload().get("events").get(EventTransmitter.VERIFICATION))
          .isEqualTo(EventTransmitter.json("{\"state\":\"poll-state\"}"));
    }
  }

  @Test
  @DisplayName("POLL-6: acknowledging another stream's jti is ignored: that stream still gets its SET")
  void ackOfAnotherStreamsJtiIsIgnored() throws Exception {
    try (EventTransmitter tx = transmitter()) {
      String a = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String b = tx.createPollStream(TOKEN_B).get("stream_id").asText();
      var result = tx.publish(ALICE);
      String ofA = jti(result, a);
      String ofB = jti(result, b);

      JsonNode answer = tx.poll(TOKEN_A, a, "{\"ack\":[\"" + ofB + "\"],\"returnImmediately\":true}");
      assertThat(fieldNames(answer.get("sets"))).containsExactly(ofA);
      assertThat(fieldNames(tx.poll(TOKEN_B, b, NOW).get("sets"))).containsExactly(ofB);
    }
  }

  @Test
  @DisplayName("POLL-9, AUTH-4: another client's token, another organization's token, a push stream and an "
      + "unknown stream answer 404; no token answers 401")
  void pollIsForTheOwnerOnly() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String push = tx.createPushStream(TOKEN_B, receiver.endpoint(), null);
      String e1 = jti(tx.publish(ALICE), id);

      assertNotFound(EventTransmitter.await(tx.pollAsync(TOKEN_B, id, NOW)));
      assertNotFound(EventTransmitter.await(tx.pollAsync(TOKEN_X, id, NOW)));
      assertNotFound(EventTransmitter.await(tx.pollAsync(TOKEN_B, push, NOW)));
      assertNotFound(EventTransmitter.await(tx.pollAsync(TOKEN_A, StreamId.random().value(), NOW)));
      assertUnauthorized(EventTransmitter.await(tx.pollAsync(null, id, NOW)), false);
      assertNotFound(EventTransmitter.await(tx.pollAsync(TOKEN_B, id, "{\"ack\":[\"" + e1 + "\"]}")));

      assertThat(fieldNames(tx.poll(TOKEN_A, id, NOW).get("sets"))).as("nothing was taken or acknowledged")
          .containsExactly(e1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"maxEvents\":-1}|maxEvents",
      "{\"maxEvents\":1.5}|maxEvents",
      "{\"maxEvents\":\"2\"}|maxEvents",
      "{\"ack\":\"x\"}|ack",
      "{\"returnImmediately\":\"yes\"}|returnImmediately",
      "{\"setErrs\":[]}|setErrs"})
  @DisplayName("POLL-2: a member of the wrong type answers 400 naming it")
  void wrongTypesAreBadRequests(String body, String member) {
    try (EventTransmitter tx = transmitter()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();

      assertBadRequest(EventTransmitter.await(tx.pollAsync(TOKEN_A, id, body)), member);
    }
  }

  private static List<String> fieldNames(JsonNode object) {
    return List.copyOf(keys(object));
  }
}
