package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.EventTransmitter.CREDENTIAL_CHANGE;
import static io.ssfkit.jackson.http.EventTransmitter.ISSUER;
import static io.ssfkit.jackson.http.EventTransmitter.OTHER_ORG;
import static io.ssfkit.jackson.http.EventTransmitter.QUIET;
import static io.ssfkit.jackson.http.EventTransmitter.SESSION_REVOKED;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_B;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_C;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_X;
import static io.ssfkit.jackson.http.EventTransmitter.VERIFICATION;
import static io.ssfkit.jackson.http.EventTransmitter.WAIT;
import static io.ssfkit.jackson.http.EventTransmitter.caller;
import static io.ssfkit.jackson.http.EventTransmitter.jti;
import static io.ssfkit.jackson.http.HttpAssertions.assertNoBody;
import static io.ssfkit.jackson.http.HttpAssertions.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.jackson.http.EventTransmitter.DecodedSet;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.ReceiverSimulator;
import io.ssfkit.testkit.ReceiverSimulator.ReceivedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Push delivery end to end (RFC 8935): a published event leaves the transmitter as one signed SET per
 * stream, over real HTTP to a loopback receiver, and only to the streams that should get it.
 */
class EventDeliveryTest {

  private static final SubjectIdentifier ALICE = SubjectIdentifier.email("alice@example.com");
  private static final SubjectIdentifier BOB = SubjectIdentifier.email("bob@example.com");
  private static final String SECRET = "Bearer rcv-Secret_1/+= with spaces";

  @Test
  @DisplayName("PUSH-1, PUSH-2, SET-1..9, SET-6: one POST per stream with the SET media types, the authorization "
      + "header verbatim (none when unset), a signature that verifies against the served JWKS, and a txn shared "
      + "by the copies of one publication")
  void pushedSetIsSignedTypedAndAddressed() throws Exception {
    try (ReceiverSimulator withHeader = ReceiverSimulator.start();
        ReceiverSimulator withoutHeader = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.create()) {
      String a = tx.createPushStream(TOKEN_A, withHeader.endpoint(), SECRET);
      String b = tx.createPushStream(TOKEN_B, withoutHeader.endpoint(), null);

      Instant before = Instant.now();
      PublishResult result = tx.publish(ALICE);

      assertThat(result.enqueued().keySet()).containsExactlyInAnyOrder(StreamId.of(a), StreamId.of(b));
      tx.listener.awaitDelivered(jti(result, a));
      tx.listener.awaitDelivered(jti(result, b));
      List<ReceivedRequest> toA = withHeader.requests();
      List<ReceivedRequest> toB = withoutHeader.requests();
      assertThat(toA).as("requests to A").hasSize(1);
      assertThat(toB).as("requests to B").hasSize(1);

      ReceivedRequest requestA = toA.get(0);
      ReceivedRequest requestB = toB.get(0);
      for (ReceivedRequest request : List.of(requestA, requestB)) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo(withHeader.endpoint().getPath());
        assertThat(request.headerValues("Content-Type")).containsExactly("application/secevent+jwt");
        assertThat(request.headerValues("Accept")).containsExactly("application/json");
        assertThat(request.bodyText().split("\\.", -1)).as("a compact JWS").hasSize(3);
      }
      assertThat(requestA.headerValues("Authorization")).as("PUSH-2: verbatim").containsExactly(SECRET);
      assertThat(requestB.headerValues("Authorization")).as("PUSH-2: none when unset").isEmpty();

      DecodedSet setA = tx.decodeVerified(requestA.bodyText());
      DecodedSet setB = tx.decodeVerified(requestB.bodyText());
      for (String streamId : List.of(a, b)) {
        DecodedSet set = streamId.equals(a) ? setA : setB;
        assertThat(set.header().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(set.header().getType()).isEqualTo(new JOSEObjectType("secevent+jwt"));
        JsonNode claims = set.payload();
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        JsonNode aud = claims.get("aud");
        String streamAud = tx.getStream(streamId.equals(a) ? TOKEN_A : TOKEN_B, streamId).get("aud").asText();
        assertThat(aud.isTextual() ? aud.asText() : aud.get(0).asText()).as("SET-5").isEqualTo(streamAud);
        assertThat(claims.get("sub_id")).isEqualTo(EventTransmitter.json(
            "{\"format\":\"email\",\"email\":\"alice@example.com\"}"));
        assertThat(keys(claims.get("events"))).containsExactly(SESSION_REVOKED);
        assertThat(claims.get("events").get(SESSION_REVOKED).isObject()).isTrue();
        assertThat(claims.get("txn").isTextual()).as("SET-6: txn is a string").isTrue();
        assertThat(set.claims()).as("SET-8").doesNotContainKeys("sub", "exp");
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("iat").asLong()).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(set.jti()).isEqualTo(jti(result, streamId));
      }
      assertThat(setA.payload().get("aud")).isNotEqualTo(setB.payload().get("aud"));
      assertThat(setA.payload().get("txn").asText()).as("SET-6: one cause, one txn")
          .isEqualTo(setB.payload().get("txn").asText()).isEqualTo(result.txn());
      assertThat(setA.jti()).as("SET-4: a jti per copy").isNotEqualTo(setB.jti());

      PublishResult second = tx.publish(ALICE);
      tx.listener.awaitDelivered(jti(second, a));
      String secondToA = withHeader.requests().get(1).bodyText();
      assertThat(EventTransmitter.claims(secondToA).get("txn").asText()).as("SET-6: another cause, another txn")
          .isNotEqualTo(result.txn());
      assertThat(withHeader.requests().get(1).headerValues("Authorization")).as("PUSH-2: on every request")
          .containsExactly(SECRET);
    }
  }

  @Test
  @DisplayName("STREAM-14: a poll stream switched to push by PATCH pushes the SET it had queued at once, "
      + "without waiting for another event")
  void patchWhenPollStreamBecomesPushThenQueuedSetIsPushed() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPollStream(TOKEN_A).get("stream_id").asText();
      String queued = jti(tx.publish(ALICE), id);

      SsfHttpResponse patched = tx.send("PATCH", "/ssf/v1/streams", TOKEN_A, "{\"stream_id\":\"" + id
          + "\",\"delivery\":{\"method\":\"" + EventTransmitter.PUSH + "\",\"endpoint_url\":\""
          + receiver.endpoint() + "\"}}");

      assertThat(patched.status()).as(patched.bodyAsString()).isEqualTo(200);
      tx.listener.awaitDelivered(queued);
      assertThat(receiver.requests()).hasSize(1);
      assertThat(EventTransmitter.jtiOf(receiver.requests().get(0).bodyText())).isEqualTo(queued);
    }
  }

  @Test
  @DisplayName("CFG-5, AUTH-2: a stream whose events_delivered lacks the type, and a stream of another "
      + "organization, get nothing")
  void fanOutSkipsStreamsThatShouldNotReceive() throws Exception {
    try (ReceiverSimulator wanted = ReceiverSimulator.start();
        ReceiverSimulator otherType = ReceiverSimulator.start();
        ReceiverSimulator otherOrg = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.create()) {
      String a = tx.createPushStream(TOKEN_A, wanted.endpoint(), null);
      String c = tx.createPushStream(TOKEN_C, otherType.endpoint(), null, CREDENTIAL_CHANGE);
      String x = tx.createPushStream(TOKEN_X, otherOrg.endpoint(), null);

      PublishResult result = tx.publish(ALICE);

      assertThat(result.enqueued().keySet()).containsExactly(StreamId.of(a));
      assertThat(result.skipped()).containsOnlyKeys(StreamId.of(c));
      assertThat(result.skipped().get(StreamId.of(c))).contains("events_delivered");
      tx.listener.awaitDelivered(jti(result, a));
      assertThat(wanted.requests()).hasSize(1);
      assertThat(tx.service.deliveryState(caller(TOKEN_C), StreamId.of(c)).queueDepth()).isZero();
      assertThat(tx.service.deliveryState(caller(TOKEN_X), StreamId.of(x)).queueDepth()).isZero();
      assertThat(otherType.awaitRequests(1, QUIET)).as("the stream without the type").isEmpty();
      assertThat(otherOrg.awaitRequests(1, QUIET)).as("the stream of another organization").isEmpty();

      PublishResult inOtherOrg = tx.publish(OTHER_ORG, ALICE);
      assertThat(inOtherOrg.enqueued().keySet()).containsExactly(StreamId.of(x));
      tx.listener.awaitDelivered(jti(inOtherOrg, x));
      assertThat(otherOrg.requests()).hasSize(1);
      assertThat(wanted.awaitRequests(2, QUIET)).as("org 1 gets nothing of org 2").hasSize(1);
    }
  }

  @Test
  @DisplayName("SUBJ-1 NONE, SUBJ-9: an event reaches the stream only after its subject was added, not after "
      + "it was removed; verification bypasses the subject filter")
  void defaultSubjectsNoneDeliversOnlyAddedSubjects() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.options().defaultSubjects(DefaultSubjects.NONE).build()) {
      String a = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      String alice = "{\"format\":\"email\",\"email\":\"alice@example.com\"}";

      PublishResult beforeAdd = tx.publish(ALICE);
      assertThat(beforeAdd.enqueued()).isEmpty();
      assertThat(beforeAdd.skipped().get(StreamId.of(a))).contains("subject");

      assertNoBody(tx.send("POST", "/ssf/v1/streams/subjects/add", TOKEN_A,
          "{\"stream_id\":\"" + a + "\",\"subject\":" + alice + "}"), 200);
      PublishResult afterAdd = tx.publish(ALICE);
      tx.listener.awaitDelivered(jti(afterAdd, a));
      assertThat(tx.publish(BOB).enqueued()).as("bob was never added").isEmpty();
      List<ReceivedRequest> received = receiver.requests();
      assertThat(received).hasSize(1);
      assertThat(EventTransmitter.claims(received.get(0).bodyText()).get("sub_id"))
          .isEqualTo(EventTransmitter.json(alice));

      assertNoBody(tx.send("POST", "/ssf/v1/streams/subjects/remove", TOKEN_A,
          "{\"stream_id\":\"" + a + "\",\"subject\":" + alice + "}"), 204);
      PublishResult afterRemove = tx.publish(ALICE);
      assertThat(afterRemove.enqueued()).isEmpty();
      assertThat(afterRemove.skipped().get(StreamId.of(a))).contains("subject");

      assertNoBody(tx.verify(TOKEN_A, a, "under-none"), 204);
      ReceivedRequest verification = receiver.awaitRequests(2, WAIT).get(1);
      JsonNode claims = EventTransmitter.claims(verification.bodyText());
      assertThat(keys(claims.get("events"))).containsExactly(VERIFICATION);
      assertThat(receiver.awaitRequests(3, QUIET)).as("nothing after the removal but the verification").hasSize(2);
    }
  }

  @Test
  @DisplayName("FMT-6, SUBJ-1 NONE: one publication about a subject with two identifiers reaches each receiver "
      + "under the identifier it added, signed, with one txn; a receiver that added neither gets nothing")
  void alternativesReachEachReceiverUnderTheIdentifierItAdded() throws Exception {
    try (ReceiverSimulator byEmail = ReceiverSimulator.start();
        ReceiverSimulator byIssSub = ReceiverSimulator.start();
        ReceiverSimulator neither = ReceiverSimulator.start();
        EventTransmitter tx = EventTransmitter.options().defaultSubjects(DefaultSubjects.NONE).build()) {
      String a = tx.createPushStream(TOKEN_A, byEmail.endpoint(), null);
      String b = tx.createPushStream(TOKEN_B, byIssSub.endpoint(), null);
      String c = tx.createPushStream(TOKEN_C, neither.endpoint(), null);
      String email = "{\"format\":\"email\",\"email\":\"alice@example.com\"}";
      String issSub = "{\"format\":\"iss_sub\",\"iss\":\"" + ISSUER + "\",\"sub\":\"alice-1\"}";
      assertNoBody(tx.send("POST", "/ssf/v1/streams/subjects/add", TOKEN_A,
          "{\"stream_id\":\"" + a + "\",\"subject\":" + email + "}"), 200);
      assertNoBody(tx.send("POST", "/ssf/v1/streams/subjects/add", TOKEN_B,
          "{\"stream_id\":\"" + b + "\",\"subject\":" + issSub + "}"), 200);

      PublishResult result = tx.service.publish(new Publication("org-1", ALICE,
          new CaepEvent.SessionRevoked(CaepCommon.NONE), null, List.of(SubjectIdentifier.issSub(ISSUER, "alice-1"))));

      assertThat(result.enqueued().keySet()).containsExactlyInAnyOrder(StreamId.of(a), StreamId.of(b));
      assertThat(result.skipped().get(StreamId.of(c))).isEqualTo("subject not in the stream");
      assertThat(result.subjects()).isEqualTo(Map.of(StreamId.of(a), ALICE,
          StreamId.of(b), SubjectIdentifier.issSub(ISSUER, "alice-1")));
      tx.listener.awaitDelivered(jti(result, a));
      tx.listener.awaitDelivered(jti(result, b));
      DecodedSet toA = tx.decodeVerified(byEmail.requests().get(0).bodyText());
      DecodedSet toB = tx.decodeVerified(byIssSub.requests().get(0).bodyText());
      assertThat(toA.payload().get("sub_id")).isEqualTo(EventTransmitter.json(email));
      assertThat(toB.payload().get("sub_id")).as("not the email, which this receiver never added")
          .isEqualTo(EventTransmitter.json(issSub));
      assertThat(toA.payload().get("txn")).isEqualTo(toB.payload().get("txn"));
      assertThat(neither.requests()).isEmpty();
    }
  }

  @Test
  @DisplayName("SUBJ-1 ALL: every subject is in the stream until removed, and an add re-includes it")
  void defaultSubjectsAllDeliversUntilRemoved() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String a = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      String alice =
          "{\"stream_id\":\"" + a + "\",\"subject\":{\"format\":\"email\",\"email\":\"alice@example.com\"}}";

      tx.listener.awaitDelivered(jti(tx.publish(ALICE), a));
      assertNoBody(tx.send("POST", "/ssf/v1/streams/subjects/remove", TOKEN_A, alice), 204);
      assertThat(tx.publish(ALICE).enqueued()).as("removed").isEmpty();
      tx.listener.awaitDelivered(jti(tx.publish(BOB), a));
      assertNoBody(tx.send("POST", "/ssf/v1/streams/subjects/add", TOKEN_A, alice), 200);
      tx.listener.awaitDelivered(jti(tx.publish(ALICE), a));

      List<String> subjects = receiver.requests().stream()
          .map(r -> EventTransmitter.claims(r.bodyText()).get("sub_id").get("email").asText()).toList();
      assertThat(subjects).containsExactly("alice@example.com", "bob@example.com", "alice@example.com");
    }
  }
}
