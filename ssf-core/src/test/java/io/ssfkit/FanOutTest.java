package io.ssfkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.EventType;
import io.ssfkit.event.Publication;
import io.ssfkit.event.SsfEvent;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamEligibility;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link TransmitterService#fanOut}: the decision {@code publish} makes, as a dry run. */
class FanOutTest {

  private static final String ISSUER = "https://tr.example.com";
  private static final String SESSION_REVOKED = EventType.SESSION_REVOKED.uri();
  private static final SubjectIdentifier SUBJECT = SubjectIdentifier.issSub(ISSUER, "id-1");
  private static final SubjectIdentifier EMAIL = SubjectIdentifier.email("ann@example.com");
  private static final Publication PUBLICATION =
      Publication.of("org-1", SUBJECT, new CaepEvent.SessionRevoked(CaepCommon.NONE));

  private final StreamStore store = mock(StreamStore.class);

  private TransmitterService service(DefaultSubjects defaults) {
    // No signer: the decision needs none, and nothing can be signed or queued by accident.
    return TransmitterService.builder().issuer(URI.create(ISSUER)).streamStore(store).defaultSubjects(defaults)
        .build();
  }

  private static StreamConfiguration stream(String id, StreamStatus status, String... delivered) {
    return StreamConfiguration.builder()
        .streamId(StreamId.of(id))
        .owner(new StreamOwner("org-1", "client-" + id))
        .issuer(ISSUER)
        .audience("https://rp.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/e"), null))
        .eventsSupported(List.of(delivered))
        .eventsRequested(List.of(delivered))
        .eventsDelivered(List.of(delivered))
        .status(status)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  /** The organization's streams, in store order, with no subject added to or removed from any yet. */
  private void organization(StreamConfiguration... streams) {
    when(store.listByOrg("org-1")).thenReturn(List.of(streams));
    when(store.findSubject(any(), any(), any())).thenReturn(Optional.empty());
  }

  private void member(StreamConfiguration stream, SubjectIdentifier subject, boolean included) {
    when(store.findSubject(eq(stream.owner()), eq(stream.streamId()), eq(subject)))
        .thenReturn(Optional.of(new SubjectMembership(subject, included, false, Instant.EPOCH)));
  }

  @Test
  @DisplayName("STATUS-4..6, CFG-5, SUBJ-1: every decision, in store order: receives, paused (held), disabled, "
      + "type not delivered, subject removed")
  void fanOutWhenStreamsDifferThenEveryReason() {
    StreamConfiguration enabled = stream("enabled", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration paused = stream("paused", StreamStatus.PAUSED, SESSION_REVOKED);
    StreamConfiguration disabled = stream("disabled", StreamStatus.DISABLED, SESSION_REVOKED);
    StreamConfiguration otherType = stream("other-type", StreamStatus.ENABLED, EventType.CREDENTIAL_CHANGE.uri());
    StreamConfiguration removed = stream("removed", StreamStatus.ENABLED, SESSION_REVOKED);
    organization(enabled, paused, disabled, otherType, removed);
    member(removed, SUBJECT, false);

    assertThat(service(DefaultSubjects.ALL).fanOut(PUBLICATION)).containsExactly(
        new StreamDecision(enabled.streamId(), StreamEligibility.RECEIVES, SUBJECT),
        new StreamDecision(paused.streamId(), StreamEligibility.HELD_WHILE_PAUSED, SUBJECT),
        new StreamDecision(disabled.streamId(), StreamEligibility.STREAM_DISABLED, null),
        new StreamDecision(otherType.streamId(), StreamEligibility.EVENT_TYPE_NOT_DELIVERED, null),
        new StreamDecision(removed.streamId(), StreamEligibility.SUBJECT_NOT_IN_STREAM, null));
  }

  @Test
  @DisplayName("SUBJ-1: under default_subjects NONE a subject is in a stream only once added")
  void fanOutWhenDefaultNoneThenOnlyAddedSubjects() {
    StreamConfiguration added = stream("added", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration notAdded = stream("not-added", StreamStatus.ENABLED, SESSION_REVOKED);
    organization(added, notAdded);
    member(added, SUBJECT, true);

    assertThat(service(DefaultSubjects.NONE).fanOut(PUBLICATION)).extracting(StreamDecision::eligibility)
        .containsExactly(StreamEligibility.RECEIVES, StreamEligibility.SUBJECT_NOT_IN_STREAM);
    assertThat(service(DefaultSubjects.ALL).fanOut(PUBLICATION)).as("the transmitter's own default decides")
        .extracting(StreamDecision::eligibility)
        .containsExactly(StreamEligibility.RECEIVES, StreamEligibility.RECEIVES);
  }

  @Test
  @DisplayName("FMT-6, SUBJ-1: a subject with alternatives reaches each stream under the identifier its receiver "
      + "added, the first one added winning; otherwise the preferred one under ALL, none under NONE")
  void fanOutWhenAlternativesThenEachStreamGetsTheIdentifierItAdded() {
    StreamConfiguration byEmail = stream("by-email", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration byIssSub = stream("by-iss-sub", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration byBoth = stream("by-both", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration neither = stream("neither", StreamStatus.ENABLED, SESSION_REVOKED);
    organization(byEmail, byIssSub, byBoth, neither);
    member(byEmail, EMAIL, true);
    member(byIssSub, SUBJECT, true);
    member(byBoth, SUBJECT, true);
    member(byBoth, EMAIL, true);
    Publication both = new Publication("org-1", EMAIL, PUBLICATION.event(), null, List.of(SUBJECT));

    assertThat(service(DefaultSubjects.NONE).fanOut(both)).extracting(StreamDecision::subject)
        .containsExactly(EMAIL, SUBJECT, EMAIL, null);
    assertThat(service(DefaultSubjects.ALL).fanOut(both)).extracting(StreamDecision::subject)
        .containsExactly(EMAIL, SUBJECT, EMAIL, EMAIL);
  }

  @Test
  @DisplayName("SUBJ-1: a receiver's removal of one identifier is not undone by another name of the same subject")
  void fanOutWhenOneIdentifierRemovedThenNoneUnlessAnotherAdded() {
    StreamConfiguration removedOnly = stream("removed-only", StreamStatus.ENABLED, SESSION_REVOKED);
    StreamConfiguration removedAndAdded = stream("removed-and-added", StreamStatus.ENABLED, SESSION_REVOKED);
    organization(removedOnly, removedAndAdded);
    member(removedOnly, EMAIL, false);
    member(removedAndAdded, EMAIL, false);
    member(removedAndAdded, SUBJECT, true);
    Publication both = new Publication("org-1", EMAIL, PUBLICATION.event(), null, List.of(SUBJECT));

    assertThat(service(DefaultSubjects.ALL).fanOut(both)).containsExactly(
        new StreamDecision(removedOnly.streamId(), StreamEligibility.SUBJECT_NOT_IN_STREAM, null),
        new StreamDecision(removedAndAdded.streamId(), StreamEligibility.RECEIVES, SUBJECT));
  }

  @Test
  @DisplayName("an organization without streams has no decisions; a failing store is a STORE_FAILURE")
  void fanOutWhenNoStreamsOrStoreFailsThenEmptyOrStoreFailure() {
    when(store.listByOrg("org-1")).thenReturn(List.of()).thenThrow(new IllegalStateException("down"));
    TransmitterService service = service(DefaultSubjects.ALL);

    assertThat(service.fanOut(PUBLICATION)).isEmpty();
    assertThatThrownBy(() -> service.fanOut(PUBLICATION)).isInstanceOfSatisfying(SsfException.class,
        e -> assertThat(e.code()).isEqualTo(SsfErrorCode.STORE_FAILURE));
  }

  @Test
  @DisplayName("a publication's alternatives may not repeat an identifier, and each must suit the event")
  void publicationWhenAlternativesInvalidThenRefused() {
    assertThatThrownBy(() -> new Publication("org-1", EMAIL, PUBLICATION.event(), null, List.of(SUBJECT, EMAIL)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alternatives[1]");
    assertThatThrownBy(() -> new Publication("org-1", SubjectIdentifier.opaque("s1"),
        new SsfEvent.Verification(null), null, List.of(EMAIL)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opaque");
    assertThat(new Publication("org-1", EMAIL, PUBLICATION.event(), null, List.of(SUBJECT)).identifiers())
        .containsExactly(EMAIL, SUBJECT);
  }
}
