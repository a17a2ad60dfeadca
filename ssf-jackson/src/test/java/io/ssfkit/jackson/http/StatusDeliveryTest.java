package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.EventTransmitter.QUIET;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.EventTransmitter.WAIT;
import static io.ssfkit.jackson.http.EventTransmitter.caller;
import static io.ssfkit.jackson.http.EventTransmitter.jti;
import static io.ssfkit.jackson.http.EventTransmitter.jtiOf;
import static io.ssfkit.jackson.http.HttpAssertions.assertNoBody;
import static io.ssfkit.jackson.http.HttpAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.delivery.RetryPolicy;
import io.ssfkit.event.PublishResult;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.ReceiverSimulator;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stream status semantics end to end (SSF 1.0 section 8.1.2.1): what a push receiver gets while a stream is
 * enabled, paused, disabled or deleted, with status changes through the handler.
 */
class StatusDeliveryTest {

  private static final SubjectIdentifier ALICE = SubjectIdentifier.email("alice@example.com");
  private static final SubjectIdentifier BOB = SubjectIdentifier.email("bob@example.com");

  @Test
  @DisplayName("STATUS-4, STATUS-5: paused holds every SET (nothing is pushed); enabled releases them in "
      + "per-subject generation order")
  void pausedHoldsAndEnableReleasesInOrder() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      tx.setStatus(TOKEN_A, id, "paused");

      List<String> alice = new ArrayList<>();
      List<String> bob = new ArrayList<>();
      alice.add(jti(tx.publish(ALICE), id));
      bob.add(jti(tx.publish(BOB), id));
      alice.add(jti(tx.publish(ALICE), id));
      alice.add(jti(tx.publish(ALICE), id));
      bob.add(jti(tx.publish(BOB), id));

      assertThat(receiver.awaitRequests(1, QUIET)).as("STATUS-5: nothing transmitted while paused").isEmpty();
      assertThat(tx.service.deliveryState(caller(TOKEN_A), StreamId.of(id)).queueDepth()).isEqualTo(5);
      assertThat(tx.listener.outcomes().stream().filter(o -> o.kind().equals("held")).count()).isEqualTo(5);

      tx.setStatus(TOKEN_A, id, "enabled");
      List<ReceivedRequest> received = receiver.awaitRequests(5, WAIT);
      assertThat(received).hasSize(5);
      List<String> order = received.stream().map(r -> jtiOf(r.bodyText())).toList();
      assertThat(order.stream().filter(alice::contains).toList()).as("alice's SETs in order").isEqualTo(alice);
      assertThat(order.stream().filter(bob::contains).toList()).as("bob's SETs in order").isEqualTo(bob);
      for (String jti : order) {
        tx.listener.awaitDelivered(jti);
      }
      assertThat(receiver.awaitRequests(6, QUIET)).as("each SET once").hasSize(5);
    }
  }

  @Test
  @DisplayName("STATUS-6: disable purges the queued SETs; an event published while disabled never arrives, "
      + "not even after enable, while one published after enable does")
  void disabledPurgesAndDropsEvenAfterEnable() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      tx.setStatus(TOKEN_A, id, "paused");
      jti(tx.publish(ALICE), id);
      jti(tx.publish(ALICE), id);
      assertThat(tx.service.deliveryState(caller(TOKEN_A), StreamId.of(id)).queueDepth()).isEqualTo(2);

      tx.setStatus(TOKEN_A, id, "disabled");
      assertThat(tx.service.deliveryState(caller(TOKEN_A), StreamId.of(id)).queueDepth()).as("purged").isZero();
      PublishResult whileDisabled = tx.publish(ALICE);
      assertThat(whileDisabled.enqueued()).isEmpty();
      assertThat(whileDisabled.skipped().get(StreamId.of(id))).contains("disabled");
      assertThat(tx.listener.outcomes()).anySatisfy(o -> assertThat(o.kind()).isEqualTo("dropped"));

      tx.setStatus(TOKEN_A, id, "enabled");
      String afterEnable = jti(tx.publish(ALICE), id);
      tx.listener.awaitDelivered(afterEnable);
      List<ReceivedRequest> received = receiver.awaitRequests(2, QUIET);
      assertThat(received).as("only the SET published after enable").hasSize(1);
      assertThat(jtiOf(received.get(0).bodyText())).isEqualTo(afterEnable);
    }
  }

  @Test
  @DisplayName("STATUS-6: disabling from enabled stops a SET that is waiting for a retry")
  void disableStopsRetries() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.options().retryPolicy(
            new RetryPolicy(5, 2, Duration.ofSeconds(10), Duration.ofSeconds(10))).build()) {
      receiver.script(ReceiverSimulator.Response.of(503).withHeader("Retry-After", "10"));
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      String first = jti(tx.publish(ALICE), id);
      tx.listener.await(o -> o.kind().equals("retried") && o.jti().equals(first), WAIT)
          .orElseThrow(() -> new AssertionError("no retry scheduled"));

      tx.setStatus(TOKEN_A, id, "disabled");
      assertThat(tx.service.deliveryState(caller(TOKEN_A), StreamId.of(id)).queueDepth()).as("purged").isZero();
      tx.setStatus(TOKEN_A, id, "enabled");
      String second = jti(tx.publish(BOB), id);
      tx.listener.awaitDelivered(second);
      assertThat(tx.listener.of("delivered", first)).isEmpty();
      assertThat(receiver.requests().stream().map(r -> jtiOf(r.bodyText())).toList())
          .containsExactly(first, second);
    }
  }

  @Test
  @DisplayName("STREAM-15: delete purges the queue and the dead letters; the stream answers 404 and gets "
      + "nothing more")
  void deletePurgesEverything() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      receiver.script(ReceiverSimulator.Response.error("invalid_audience", "not us"));
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      String refused = jti(tx.publish(ALICE), id);
      assertThat(tx.listener.awaitFinal(refused).kind()).isEqualTo("deadLettered");
      tx.setStatus(TOKEN_A, id, "paused");
      jti(tx.publish(ALICE), id);
      assertThat(tx.queue.stats(StreamId.of(id), Instant.now()).depth()).isEqualTo(1);
      assertThat(tx.deadLetters.list(StreamId.of(id), 10)).hasSize(1);

      assertNoBody(tx.send("DELETE", "/ssf/v1/streams?stream_id=" + id, TOKEN_A, null), 204);

      assertThat(tx.queue.stats(StreamId.of(id), Instant.now()).depth()).as("queue purged").isZero();
      assertThat(tx.deadLetters.list(StreamId.of(id), 10)).as("dead letters purged").isEmpty();
      assertNotFound(tx.send("GET", "/ssf/v1/streams?stream_id=" + id, TOKEN_A, null));
      assertNotFound(tx.send("GET", "/ssf/v1/streams/status?stream_id=" + id, TOKEN_A, null));
      assertThat(tx.publish(ALICE).enqueued()).isEmpty();
      assertThat(receiver.awaitRequests(2, QUIET)).as("only the refused attempt ever arrived").hasSize(1);
    }
  }
}
