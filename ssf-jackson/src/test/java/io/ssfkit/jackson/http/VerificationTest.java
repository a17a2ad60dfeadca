package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.EventTransmitter.ISSUER;
import static io.ssfkit.jackson.http.EventTransmitter.QUIET;
import static io.ssfkit.jackson.http.EventTransmitter.SESSION_REVOKED;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_B;
import static io.ssfkit.jackson.http.EventTransmitter.VERIFICATION;
import static io.ssfkit.jackson.http.EventTransmitter.WAIT;
import static io.ssfkit.jackson.http.EventTransmitter.caller;
import static io.ssfkit.jackson.http.EventTransmitter.jti;
import static io.ssfkit.jackson.http.HttpAssertions.assertBadRequest;
import static io.ssfkit.jackson.http.HttpAssertions.assertNoBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static io.ssfkit.jackson.http.HttpAssertions.assertRateLimited;
import static io.ssfkit.jackson.http.HttpAssertions.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.jackson.http.EventTransmitter.DecodedSet;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.MutableClock;
import io.ssfkit.testkit.ReceiverSimulator;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Verification end to end (SSF 1.0 section 8.1.4): {@code POST /ssf/v1/streams/verify} through the handler,
 * and the verification SET at a real loopback receiver.
 */
class VerificationTest {

  private static final String NON_ASCII_STATE = "état ✓ 日本語 \uD83D\uDE80 \"quoted\" \\ back";

  @Test
  @DisplayName("VERIFY-1, VERIFY-2, VERIFY-3, VERIFY-6: 204 with an empty body; the SET has the verification "
      + "type, sub_id opaque stream_id, state echoed exactly (non-ASCII too) and absent when not given")
  void verificationSetCarriesTheStreamSubjectAndTheState() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), "Bearer r");
      assertThat(HttpAssertions.strings(tx.getStream(TOKEN_A, id).get("events_delivered")))
          .as("VERIFY-6: verification is not among the delivered types").containsExactly(SESSION_REVOKED);

      assertNoBody(tx.verify(TOKEN_A, id, "state-1"), 204);
      assertNoBody(tx.verify(TOKEN_A, id, NON_ASCII_STATE), 204);
      assertNoBody(tx.verify(TOKEN_A, id, null), 204);

      List<ReceivedRequest> received = receiver.awaitRequests(3, WAIT);
      assertThat(received).hasSize(3);
      String aud = tx.getStream(TOKEN_A, id).get("aud").asText();
      JsonNode ownSubject = EventTransmitter.json("{\"format\":\"opaque\",\"id\":\"" + id + "\"}");
      for (ReceivedRequest request : received) {
        assertThat(request.headerValues("Content-Type")).containsExactly("application/secevent+jwt");
        assertThat(request.headerValues("Authorization")).containsExactly("Bearer r");
        DecodedSet set = tx.decodeVerified(request.bodyText());
        JsonNode claims = set.payload();
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("aud").asText()).isEqualTo(aud);
        assertThat(claims.get("sub_id")).as("VERIFY-2").isEqualTo(ownSubject);
        assertThat(keys(claims.get("events"))).containsExactly(VERIFICATION);
        assertThat(set.claims()).doesNotContainKeys("sub", "exp");
      }
      List<JsonNode> payloads = received.stream()
          .map(r -> EventTransmitter.claims(r.bodyText()).get("events").get(VERIFICATION)).toList();
      assertThat(payloads.get(0)).isEqualTo(EventTransmitter.json("{\"state\":\"state-1\"}"));
      assertThat(payloads.get(1).get("state").textValue()).as("byte for byte")
          .isEqualTo(NON_ASCII_STATE);
      assertThat(payloads.get(1).get("state").textValue().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(NON_ASCII_STATE.getBytes(StandardCharsets.UTF_8));
      assertThat(keys(payloads.get(2))).as("no state when none was given").isEmpty();
    }
  }

  @Test
  @DisplayName("VERIFY-4: with min_verification_interval 60 s, a request at t+10 s gets 429 with Retry-After 50 "
      + "and the product body, one at t+61 s gets 204")
  void fasterThanTheMinimumIntervalIsRateLimited() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.options().clock(clock)
            .minVerificationInterval(Duration.ofSeconds(60)).build()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      assertThat(tx.getStream(TOKEN_A, id).get("min_verification_interval").asInt()).isEqualTo(60);

      assertNoBody(tx.verify(TOKEN_A, id, "first"), 204);
      clock.advance(Duration.ofSeconds(10));
      SsfHttpResponse tooSoon = tx.verify(TOKEN_A, id, "too-soon");
      assertThat(assertRateLimited(tooSoon)).as("Retry-After").isBetween(49L, 50L);
      clock.advance(Duration.ofSeconds(51));
      assertNoBody(tx.verify(TOKEN_A, id, "second"), 204);

      List<ReceivedRequest> received = receiver.awaitRequests(2, WAIT);
      assertThat(received).hasSize(2);
      assertThat(receiver.awaitRequests(3, QUIET)).as("the refused request sent nothing").hasSize(2);
      assertThat(received.stream()
          .map(r -> EventTransmitter.claims(r.bodyText()).get("events").get(VERIFICATION).get("state").asText()))
          .containsExactly("first", "second");
    }
  }

  @Test
  @DisplayName("VERIFY-7, STATUS-5: on a paused stream verify answers 204 and nothing is sent until the stream "
      + "is enabled")
  void pausedStreamHoldsTheVerification() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      tx.setStatus(TOKEN_A, id, "paused");

      assertNoBody(tx.verify(TOKEN_A, id, "held"), 204);
      assertThat(tx.service.deliveryState(caller(TOKEN_A), StreamId.of(id)).queueDepth()).as("held").isEqualTo(1);
      assertThat(receiver.awaitRequests(1, QUIET)).as("nothing sent while paused").isEmpty();

      tx.setStatus(TOKEN_A, id, "enabled");
      List<ReceivedRequest> received = receiver.awaitRequests(1, WAIT);
      assertThat(received).hasSize(1);
      assertThat(EventTransmitter.claims(received.get(0).bodyText()).get("events").get(VERIFICATION).get("state")
          .asText()).isEqualTo("held");
    }
  }

  @Test
  @DisplayName("VERIFY-7, STATUS-6: on a disabled stream verify answers 204 and nothing is ever sent, not even "
      + "after the stream is enabled again")
  void disabledStreamDropsTheVerification() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      tx.setStatus(TOKEN_A, id, "disabled");

      assertNoBody(tx.verify(TOKEN_A, id, "dropped"), 204);
      assertThat(tx.service.deliveryState(caller(TOKEN_A), StreamId.of(id)).queueDepth()).as("not held").isZero();
      assertThat(tx.listener.outcomes()).anySatisfy(o -> assertThat(o.kind()).isEqualTo("dropped"));

      tx.setStatus(TOKEN_A, id, "enabled");
      String after = jti(tx.publish(SubjectIdentifier.email("alice@example.com")), id);
      tx.listener.awaitDelivered(after);
      List<ReceivedRequest> received = receiver.awaitRequests(2, QUIET);
      assertThat(received).as("only the event published after enabling").hasSize(1);
      assertThat(EventTransmitter.jtiOf(received.get(0).bodyText())).isEqualTo(after);
    }
  }

  @Test
  @DisplayName("VERIFY-1, AUTH-2: an unknown stream and another client's stream answer 404; a missing stream_id "
      + "answers 400")
  void unknownStreamIsNotFound() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);

      assertNotFound(tx.verify(TOKEN_A, StreamId.random().value(), "x"));
      assertNotFound(tx.verify(TOKEN_B, id, "x"));
      assertBadRequest(tx.send("POST", "/ssf/v1/streams/verify", TOKEN_A, "{\"state\":\"x\"}"), "stream_id");
      assertThat(receiver.awaitRequests(1, QUIET)).isEmpty();
    }
  }
}
