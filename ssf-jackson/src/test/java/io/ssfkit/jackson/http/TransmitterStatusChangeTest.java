package io.ssfkit.jackson.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.delivery.DeliveryListener;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.Publication;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.DeliveryRequest;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import io.ssfkit.testkit.RecordingDeliveryChannel;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STATUS-7, UPD-1..4: status changes the transmitter starts are announced with a stream-updated SET. */
class TransmitterStatusChangeTest {

  private static final String REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
  private static final String UPDATED = "https://schemas.openid.net/secevent/ssf/event-type/stream-updated";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Caller CALLER = Caller.withManageScope("client-a", "org-1");

  private final RecordingDeliveryChannel channel = RecordingDeliveryChannel.create();
  /** SETs reported delivered; the listener runs after a pending status change has been applied. */
  private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
  private final TransmitterService service = TransmitterService.builder()
      .issuer(URI.create("https://tr.example.com"))
      .streamStore(InMemoryStreamStore.create())
      .setSigner(SetSigner.nimbus(KeyRing.create(SigningKeys.generate(JWSAlgorithm.ES256, 256), Duration.ofDays(1),
          Clock.systemUTC())))
      .eventQueue(InMemoryEventQueue.create())
      .deadLetterStore(InMemoryDeadLetterStore.create())
      .deliveryChannel(channel)
      .deliveryListener(new DeliveryListener() {
        @Override
        public void delivered(StreamId streamId, String jti, int attempts) {
          delivered.add(jti);
        }
      })
      .receiverUrlPolicy(ReceiverUrlPolicy.strict())
      .build();

  @AfterEach
  void stop() {
    service.close();
  }

  private StreamId pushStream() {
    return service.createStream(CALLER, new CreateStreamRequest(
        new DeliveryRequest("urn:ietf:rfc:8935", "https://rp.example.com/events", null), List.of(REVOKED), null))
        .streamId();
  }

  private void publish() {
    service.publish(Publication.of("org-1", SubjectIdentifier.email("user@example.com"),
        new CaepEvent.SessionRevoked(CaepCommon.NONE)));
  }

  /** The next pushed SET's event type and payload. */
  private Map.Entry<String, Object> nextEvent() throws Exception {
    Optional<RecordingDeliveryChannel.Attempt> attempt = channel.takeNext(WAIT);
    assertThat(attempt).as("a push within %s", WAIT).isPresent();
    Map<String, Object> events = SignedJWT.parse(attempt.get().token()).getJWTClaimsSet().getJSONObjectClaim("events");
    assertThat(events).hasSize(1);
    return events.entrySet().iterator().next();
  }

  @Test
  @DisplayName("UPD-2 a transmitter-initiated pause sends stream-updated(paused) first, then the stream holds")
  void changeStatusWhenPausedThenStreamUpdatedIsTheLastSetBeforeTheStop() throws Exception {
    StreamId id = pushStream();

    service.changeStatus(id, StreamStatus.PAUSED, "maintenance");

    Map.Entry<String, Object> event = nextEvent();
    assertThat(event.getKey()).isEqualTo(UPDATED);
    assertThat(event.getValue()).isEqualTo(Map.of("status", "paused", "reason", "maintenance"));
    // Applied once the SET was delivered: the stream now holds what is published.
    awaitStatus(id, StreamStatus.PAUSED);
    publish();
    assertThat(channel.takeNext(Duration.ofMillis(200))).isEmpty();
  }

  @Test
  @DisplayName("UPD-3 re-enabling sends stream-updated(enabled) and releases the held SETs")
  void changeStatusWhenEnabledAgainThenStreamUpdatedAndHeldSetsFollow() throws Exception {
    StreamId id = pushStream();
    service.changeStatus(id, StreamStatus.PAUSED, null);
    assertThat(nextEvent().getKey()).isEqualTo(UPDATED);
    awaitStatus(id, StreamStatus.PAUSED);
    publish();

    service.changeStatus(id, StreamStatus.ENABLED, "back");

    List<String> types = List.of(nextEvent().getKey(), nextEvent().getKey());
    assertThat(types).containsExactlyInAnyOrder(UPDATED, REVOKED);
    assertThat(service.getStatus(CALLER, id).status()).isEqualTo(StreamStatus.ENABLED);
  }

  @Test
  @DisplayName("UPD-2 STATUS-6 a transmitter-initiated disable sends stream-updated(disabled), then drops everything")
  void changeStatusWhenDisabledThenStreamUpdatedThenNothing() throws Exception {
    StreamId id = pushStream();

    service.changeStatus(id, StreamStatus.DISABLED, "contract ended");

    Map.Entry<String, Object> event = nextEvent();
    assertThat(event.getValue()).isEqualTo(Map.of("status", "disabled", "reason", "contract ended"));
    awaitStatus(id, StreamStatus.DISABLED);
    publish();
    assertThat(channel.takeNext(Duration.ofMillis(200))).isEmpty();
  }

  @Test
  @DisplayName("STATUS-8 a receiver-initiated status change sends no stream-updated")
  void updateStatusWhenReceiverPausesThenNoStreamUpdated() throws Exception {
    StreamId id = pushStream();

    service.updateStatus(CALLER, new UpdateStatusRequest(id, StreamStatus.PAUSED, "by the receiver"));
    service.updateStatus(CALLER, new UpdateStatusRequest(id, StreamStatus.ENABLED, null));
    publish();

    assertThat(nextEvent().getKey()).isEqualTo(REVOKED);
    assertThat(channel.takeNext(Duration.ofMillis(200))).isEmpty();
  }

  /** Waits until the announced SET was reported delivered; by then its pending change is applied. */
  private void awaitStatus(StreamId id, StreamStatus expected) throws InterruptedException {
    assertThat(delivered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
    assertThat(service.getStatus(CALLER, id).status()).isEqualTo(expected);
  }
}
