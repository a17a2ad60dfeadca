package io.ssfkit;

import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.DeadLetterStore;
import io.ssfkit.delivery.DeliveryListener;
import io.ssfkit.delivery.DeliveryState;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.PollRequest;
import io.ssfkit.delivery.PollResponse;
import io.ssfkit.delivery.PollService;
import io.ssfkit.delivery.PushDispatcher;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.event.SecurityEvent;
import io.ssfkit.event.SecurityEventToken;
import io.ssfkit.event.SsfEvent;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SignedSet;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.PendingStatus;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.SubjectIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event side of the transmitter: fan-out of published events, control events (verification), and the
 * delivery machinery (outbox, push dispatcher, poll service). Each SET is signed once per stream and stored
 * as its compact bytes before anything else happens to it (SET-11).
 */
final class EventFlow implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventFlow.class);

  /** The ordering key of a stream's control events (verification, stream-updated). */
  private static final String CONTROL_KEY = "\u0000stream";

  private final String issuer;
  private final StreamStore store;
  private final SetSigner signer;
  private final EventQueue queue;
  private final DeadLetterStore deadLetters;
  private final PushDispatcher dispatcher;
  private final @Nullable PollService polls;
  private final Clock clock;
  private final DefaultSubjects defaultSubjects;
  private final DeliveryListener listener;
  private final int maxHeldPerStream;

  EventFlow(
      String issuer,
      StreamStore store,
      SetSigner signer,
      EventQueue queue,
      DeadLetterStore deadLetters,
      PushDispatcher dispatcher,
      @Nullable PollService polls,
      Clock clock,
      DefaultSubjects defaultSubjects,
      DeliveryListener listener,
      int maxHeldPerStream) {
    this.issuer = issuer;
    this.store = store;
    this.signer = signer;
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.dispatcher = dispatcher;
    this.polls = polls;
    this.clock = clock;
    this.defaultSubjects = defaultSubjects;
    this.listener = listener;
    this.maxHeldPerStream = maxHeldPerStream;
  }

  /**
   * Decides for each stream of the publication's organization whether it receives the event, as {@link #publish}
   * does, without publishing: the dry run of {@link io.ssfkit.TransmitterService#fanOut}.
   */
  static List<StreamDecision> fanOut(StreamStore store, DefaultSubjects defaultSubjects, Publication publication) {
    List<SubjectIdentifier> identifiers = publication.identifiers();
    String eventType = publication.event().type().uri();
    List<StreamDecision> decisions = new ArrayList<>();
    for (StreamConfiguration stream : store.listByOrg(publication.orgId())) {
      decisions.add(StreamDecision.decide(stream, eventType, identifiers, store, defaultSubjects));
    }
    return List.copyOf(decisions);
  }

  /** Fans an event out to every stream of the organization that should receive it. */
  PublishResult publish(Publication publication) {
    String txn = publication.txn() != null ? publication.txn() : SecurityEventToken.newJti();
    List<SubjectIdentifier> identifiers = publication.identifiers();
    String eventType = publication.event().type().uri();
    String key = orderingKey(publication.subject());
    PublishResult.Builder result = PublishResult.builder(txn);
    for (StreamConfiguration stream : store.listByOrg(publication.orgId())) {
      // The decision of fanOut, which the rule engine's explanations report.
      StreamDecision decision = StreamDecision.decide(stream, eventType, identifiers, store, defaultSubjects);
      SubjectIdentifier subject = decision.subject();
      String reason = decision.text();
      if (subject != null) {
        Optional<String> jti = enqueue(stream, subject, publication.event(), txn,
            subject.equals(publication.subject()) ? key : orderingKey(subject));
        if (jti.isPresent()) {
          result.enqueued(stream.streamId(), jti.get(), subject);
          continue;
        }
        reason = "hold limit of the paused stream reached";
      }
      result.skipped(stream.streamId(), reason);
    }
    PublishResult published = result.build();
    LOG.debug("published {} (txn {}) to {} stream(s), skipped {}", eventType, txn, published.enqueued().size(),
        published.skipped().size());
    return published;
  }

  /**
   * Queues a verification SET (VERIFY-2): the stream's own opaque subject, {@code state} only when given.
   * It bypasses the subject filter and events_delivered (VERIFY-6, SUBJ-9) but not the status: held while
   * paused, dropped while disabled (VERIFY-7).
   */
  void verify(StreamConfiguration stream, @Nullable String state) {
    if (stream.status() == StreamStatus.DISABLED) {
      listener.dropped(stream.streamId(), "*", "verification requested while the stream is disabled");
      return;
    }
    enqueue(stream, SubjectIdentifier.opaque(stream.streamId().value()), new SsfEvent.Verification(state),
        SecurityEventToken.newJti(), CONTROL_KEY);
  }

  /** Applies what a status change means for delivery (STATUS-4..6). */
  void statusChanged(StreamConfiguration stream) {
    switch (stream.status()) {
      case DISABLED -> {
        int purged = queue.purge(stream.streamId());
        if (purged > 0) {
          listener.dropped(stream.streamId(), "*", "stream disabled");
        }
      }
      case ENABLED -> dispatcher.wake(stream.streamId());
      case PAUSED -> { } // The dispatcher stops claiming; the queue holds.
    }
  }

  /** Starts a delivery round after a PATCH or PUT: the method or the endpoint may have changed. */
  void configurationChanged(StreamConfiguration stream) {
    if (stream.status() == StreamStatus.ENABLED && stream.delivery().method() == DeliveryMethod.PUSH) {
      dispatcher.wake(stream.streamId());
    }
  }

  /** Purges everything of a deleted stream (STREAM-15). */
  void deleted(StreamId streamId) {
    queue.purge(streamId);
    deadLetters.purge(streamId);
  }

  /** Serves a poll of a poll stream (RFC 8936); a paused or disabled stream only settles acks. */
  CompletionStage<PollResponse> poll(StreamConfiguration stream, PollRequest request) {
    if (polls == null) {
      throw new SsfException(SsfErrorCode.NOT_FOUND, "poll delivery is not enabled");
    }
    if (stream.status() != StreamStatus.ENABLED) {
      return CompletableFuture.completedFuture(polls.settleOnly(stream.streamId(), request));
    }
    return polls.poll(stream.streamId(), request);
  }

  List<DeadLetter> deadLetters(StreamId streamId, int limit) {
    return deadLetters.list(streamId, limit);
  }

  /** Puts a dead letter back into the outbox, with its identical bytes and a fresh attempt budget. */
  boolean replay(StreamId streamId, String jti) {
    Optional<DeadLetter> letter = deadLetters.take(streamId, jti);
    letter.ifPresent(l -> {
      QueuedSet e = l.entry();
      queue.enqueue(QueuedSet.of(e.streamId(), e.jti(), e.token(), e.orderingKey(), clock.instant()));
    });
    return letter.isPresent();
  }

  DeliveryState state(StreamId streamId) {
    return dispatcher.state(streamId);
  }

  Map<String, Object> jwks() {
    return signer.jwks();
  }

  @Override
  public void close() {
    dispatcher.close();
    if (polls != null) {
      polls.close();
    }
  }

  /** Signs one SET for one stream and stores it; empty when a paused stream's hold limit is reached. */
  private Optional<String> enqueue(
      StreamConfiguration stream, SubjectIdentifier subject, SecurityEvent event, String txn, String key) {
    Instant now = clock.instant();
    if (stream.status() == StreamStatus.PAUSED
        && queue.stats(stream.streamId(), now).depth() >= maxHeldPerStream) {
      // Documented hold limit (STATUS-5, IOP): newer events are dropped so that held ones keep their order.
      listener.dropped(stream.streamId(), "*", "hold limit of " + maxHeldPerStream + " reached");
      return Optional.empty();
    }
    SignedSet signed = sign(stream, subject, event, txn, now);
    queue.enqueue(QueuedSet.of(stream.streamId(), signed.jti(), signed.compact(), key, now));
    if (stream.status() == StreamStatus.PAUSED) {
      listener.held(stream.streamId(), signed.jti());
    }
    return Optional.of(signed.jti());
  }

  private SignedSet sign(
      StreamConfiguration stream, SubjectIdentifier subject, SecurityEvent event, String txn, Instant now) {
    return signer.sign(new SecurityEventToken(
        issuer, now, SecurityEventToken.newJti(), List.of(stream.audience()), txn, subject, event, Map.of()));
  }

  /**
   * Changes a stream's status on the transmitter's initiative (STATUS-7) and tells the receiver with a
   * stream-updated SET (UPD-1). Enabling applies at once and the SET follows (UPD-3). Pausing or disabling
   * an enabled stream is recorded as pending and applied when its SET has been delivered or given up, so
   * the SET goes out before transmission stops (UPD-2); the pending change is in the store, so it survives
   * a restart. From paused to disabled the change applies at once: nothing can be sent to say so.
   */
  StreamConfiguration changeStatus(StreamConfiguration stream, StreamStatus target, @Nullable String reason) {
    Instant now = clock.instant();
    StreamId id = stream.streamId();
    SubjectIdentifier own = SubjectIdentifier.opaque(id.value());
    if (target == StreamStatus.ENABLED || stream.status() != StreamStatus.ENABLED) {
      StreamConfiguration applied = StreamUpdates.change(store, stream.owner(), id, current ->
          current.toBuilder().status(target).statusReason(reason).pendingStatus(null).updatedAt(now).build());
      if (target == StreamStatus.ENABLED && stream.status() != StreamStatus.ENABLED) {
        enqueue(applied, own, new SsfEvent.StreamUpdated(target, reason), SecurityEventToken.newJti(), CONTROL_KEY);
      }
      statusChanged(applied);
      return applied;
    }
    SignedSet signed = sign(stream, own, new SsfEvent.StreamUpdated(target, reason), SecurityEventToken.newJti(), now);
    // Recorded before the SET is queued, so that its delivery always finds the pending change.
    StreamConfiguration pending = StreamUpdates.change(store, stream.owner(), id, current ->
        current.toBuilder().pendingStatus(new PendingStatus(target, reason, signed.jti())).build());
    queue.enqueue(QueuedSet.of(id, signed.jti(), signed.compact(), CONTROL_KEY, now));
    return pending;
  }

  /**
   * Applies a pending transmitter-initiated status change once its stream-updated SET is settled: delivered
   * (push 202 or poll ack) or given up.
   */
  void settled(StreamId streamId, String jti) {
    StreamConfiguration stream = store.findById(streamId).orElse(null);
    PendingStatus pending = stream == null ? null : stream.pendingStatus();
    if (pending == null || !pending.jti().equals(jti)) {
      return;
    }
    StreamConfiguration applied = StreamUpdates.change(store, stream.owner(), streamId, current ->
        current.pendingStatus() == null || !current.pendingStatus().jti().equals(jti) ? current
            : current.toBuilder().status(pending.status()).statusReason(pending.reason()).pendingStatus(null)
                .updatedAt(clock.instant()).build());
    LOG.info("stream {} is now {} at the transmitter's initiative", streamId, applied.status());
    statusChanged(applied);
  }

  /** PUSH-9: SETs about one subject share a key, so they go out one at a time, in order. */
  static String orderingKey(SubjectIdentifier subject) {
    return canonical(subject.toMap());
  }

  private static String canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, String> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
      return sorted.toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(v -> items.add(canonical(v)));
      return items.toString();
    }
    return String.valueOf(value);
  }
}
