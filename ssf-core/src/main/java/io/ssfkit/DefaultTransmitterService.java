package io.ssfkit;

import io.ssfkit.auth.Caller;
import io.ssfkit.delivery.DeadLetter;
import io.ssfkit.delivery.DeliveryState;
import io.ssfkit.delivery.PollRequest;
import io.ssfkit.delivery.PollResponse;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.limit.RateLimitDecision;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.metadata.SsfEndpoints;
import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.DeliveryRequest;
import io.ssfkit.stream.DeliveryUpdate;
import io.ssfkit.stream.ReplaceStreamRequest;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamDecision;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.StreamStatusReport;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.stream.UpdateStreamRequest;
import io.ssfkit.stream.VerificationRequest;
import io.ssfkit.subject.AddSubjectRequest;
import io.ssfkit.subject.DefaultSubjects;
import io.ssfkit.subject.RemoveSubjectRequest;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link TransmitterService}: decisions here, state in the {@link StreamStore}. Thread-safe and
 * stateless apart from its settings; concurrent changes to one stream are serialized by the store's
 * optimistic concurrency, retried here.
 */
final class DefaultTransmitterService implements TransmitterService {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultTransmitterService.class);

  private static final List<String> AUTHORIZATION_SCHEMES =
      List.of("urn:ietf:rfc:6749", "urn:ietf:rfc:6750");

  record Settings(
      URI issuer,
      URI endpointBase,
      StreamStore store,
      Clock clock,
      RateLimiter rateLimiter,
      List<String> eventsSupported,
      Set<DeliveryMethod> deliveryMethods,
      StreamQuota quota,
      DefaultSubjects defaultSubjects,
      ReceiverUrlPolicy receiverUrlPolicy,
      @Nullable Integer inactivityTimeout,
      @Nullable Integer minVerificationInterval,
      int descriptionMaxLength,
      Set<String> manageScopes,
      Set<String> readScopes,
      @Nullable EventFlow events) {}

  private final Settings settings;
  private final StreamStore store;
  private final String issuer;
  private final TransmitterMetadata metadata;

  DefaultTransmitterService(Settings settings) {
    this.settings = settings;
    this.store = settings.store();
    this.issuer = settings.issuer().toString();
    URI base = settings.endpointBase();
    boolean signs = settings.events() != null;
    this.metadata =
        new TransmitterMetadata(
            TransmitterMetadata.SPEC_VERSION_1_0,
            settings.issuer(),
            signs ? SsfEndpoints.resolve(base, SsfEndpoints.JWKS) : null,
            settings.deliveryMethods().stream().map(DeliveryMethod::uri).toList(),
            SsfEndpoints.resolve(base, SsfEndpoints.STREAMS),
            SsfEndpoints.resolve(base, SsfEndpoints.STATUS),
            SsfEndpoints.resolve(base, SsfEndpoints.ADD_SUBJECT),
            SsfEndpoints.resolve(base, SsfEndpoints.REMOVE_SUBJECT),
            signs ? SsfEndpoints.resolve(base, SsfEndpoints.VERIFY) : null,
            AUTHORIZATION_SCHEMES,
            settings.defaultSubjects());
  }

  @Override
  public TransmitterMetadata metadata() {
    return metadata;
  }

  @Override
  public StreamConfiguration createStream(Caller caller, CreateStreamRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = StreamId.random();
    List<FieldError> errors = new ArrayList<>();
    List<String> requested = checkEvents(request.eventsRequested(), errors);
    Delivery delivery = resolveDelivery(request.delivery(), id, errors);
    throwIfAny(errors);
    Instant now = settings.clock().instant();
    StreamConfiguration stream =
        StreamConfiguration.builder()
            .streamId(id)
            .owner(caller.owner())
            .issuer(issuer)
            .audience(audienceOf(caller, Objects.requireNonNull(delivery)))
            .delivery(delivery)
            .eventsSupported(settings.eventsSupported())
            .eventsRequested(requested)
            .eventsDelivered(StreamConfiguration.negotiateEvents(settings.eventsSupported(), requested))
            .description(truncate(request.description()))
            .inactivityTimeout(settings.inactivityTimeout())
            .minVerificationInterval(settings.minVerificationInterval())
            .createdAt(now)
            .updatedAt(now)
            .build();
    StreamConfiguration stored = storeCall(() -> store.insert(stream, settings.quota()));
    LOG.info("created stream {} for client {} of org {} ({})",
        id, caller.clientId(), caller.orgId(), delivery.method());
    return stored;
  }

  @Override
  public StreamConfiguration getStream(Caller caller, StreamId streamId) {
    admit(caller, false);
    return find(caller, streamId);
  }

  @Override
  public List<StreamConfiguration> listStreams(Caller caller, @Nullable String audienceContains) {
    admit(caller, false);
    List<StreamConfiguration> all = storeCall(() -> store.list(caller.owner()));
    if (audienceContains == null) {
      return all;
    }
    return all.stream().filter(s -> s.audience().contains(audienceContains)).toList();
  }

  @Override
  public StreamConfiguration updateStream(Caller caller, UpdateStreamRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = requireStreamId(request.streamId());
    return configurationChanged(change(caller, id, current -> {
      List<FieldError> errors = new ArrayList<>();
      checkTransmitterProperties(current, request.iss(), request.aud(), request.eventsSupported(),
          request.eventsDelivered(), request.inactivityTimeout(), request.minVerificationInterval(), errors);
      StreamConfiguration.Builder next = current.toBuilder();
      if (request.delivery() != null) {
        Delivery delivery = patchDelivery(current.delivery(), request.delivery(), id, errors);
        if (delivery != null) {
          next.delivery(delivery);
        }
      }
      if (request.eventsRequested() != null) {
        List<String> requested = checkEvents(request.eventsRequested(), errors);
        next.eventsRequested(requested)
            .eventsDelivered(StreamConfiguration.negotiateEvents(current.eventsSupported(), requested));
      }
      if (request.description() != null) {
        next.description(truncate(request.description()));
      }
      throwIfAny(errors);
      return next.build();
    }));
  }

  @Override
  public StreamConfiguration replaceStream(Caller caller, ReplaceStreamRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = requireStreamId(request.streamId());
    return configurationChanged(change(caller, id, current -> {
      List<FieldError> errors = new ArrayList<>();
      checkTransmitterProperties(current, request.iss(), request.aud(), request.eventsSupported(),
          request.eventsDelivered(), request.inactivityTimeout(), request.minVerificationInterval(), errors);
      List<String> requested = checkEvents(request.eventsRequested(), errors);
      Delivery delivery = null;
      if (request.delivery() == null) {
        errors.add(new FieldError("delivery", "is required"));
      } else {
        delivery = resolveDelivery(request.delivery(), id, errors);
      }
      throwIfAny(errors);
      return current.toBuilder()
          .delivery(Objects.requireNonNull(delivery))
          .eventsRequested(requested)
          .eventsDelivered(StreamConfiguration.negotiateEvents(current.eventsSupported(), requested))
          .description(truncate(request.description()))
          .build();
    }));
  }

  /**
   * Tells delivery that a stream's configuration changed: SETs queued while it was a poll stream, or for its old
   * endpoint, are pushed now rather than at the next event.
   */
  private StreamConfiguration configurationChanged(StreamConfiguration updated) {
    if (settings.events() != null) {
      settings.events().configurationChanged(updated);
    }
    return updated;
  }

  @Override
  public void deleteStream(Caller caller, StreamId streamId) {
    admit(caller, true);
    Objects.requireNonNull(streamId, "streamId");
    if (!storeCall(() -> store.delete(caller.owner(), streamId))) {
      throw notFound(streamId);
    }
    if (settings.events() != null) {
      settings.events().deleted(streamId); // STREAM-15: stop delivery and purge queued SETs.
    }
    LOG.info("deleted stream {} of client {}", streamId, caller.clientId());
  }

  @Override
  public StreamStatusReport getStatus(Caller caller, StreamId streamId) {
    admit(caller, false);
    return find(caller, streamId).statusReport();
  }

  @Override
  public StreamStatusReport updateStatus(Caller caller, UpdateStatusRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = requireStreamId(request.streamId());
    if (request.status() == null) {
      throw SsfException.invalid("status", "is required; one of enabled, paused, disabled");
    }
    StreamConfiguration updated =
        change(caller, id, current ->
            current.toBuilder().status(request.status()).statusReason(request.reason()).pendingStatus(null).build());
    LOG.info("stream {} is now {} at the request of client {}", id, updated.status(), caller.clientId());
    if (settings.events() != null) {
      settings.events().statusChanged(updated);
    }
    return updated.statusReport();
  }

  @Override
  public void addSubject(Caller caller, AddSubjectRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = requireStreamId(request.streamId());
    SubjectIdentifier subject = requireSubject(request.subject());
    find(caller, id);
    if (isOwnSubject(id, subject)) {
      return; // SUBJ-9: always included.
    }
    boolean verified = request.verified() == null || request.verified();
    SubjectMembership membership =
        new SubjectMembership(subject, true, verified, settings.clock().instant());
    storeCall(() -> {
      store.putSubject(caller.owner(), id, membership);
      return null;
    });
  }

  @Override
  public void removeSubject(Caller caller, RemoveSubjectRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = requireStreamId(request.streamId());
    SubjectIdentifier subject = requireSubject(request.subject());
    find(caller, id);
    if (isOwnSubject(id, subject)) {
      return; // SUBJ-9: cannot be removed; answer as if it were.
    }
    // Under NONE a subject that was never added is already out: record nothing, so that removals of
    // arbitrary subjects cannot grow the store.
    if (settings.defaultSubjects() == DefaultSubjects.NONE
        && storeCall(() -> store.findSubject(caller.owner(), id, subject)).isEmpty()) {
      return;
    }
    SubjectMembership membership =
        new SubjectMembership(subject, false, true, settings.clock().instant());
    storeCall(() -> {
      store.putSubject(caller.owner(), id, membership);
      return null;
    });
  }

  @Override
  public StreamStatusReport changeStatus(StreamId streamId, StreamStatus status, @Nullable String reason) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(status, "status");
    EventFlow events = events();
    StreamConfiguration stream = storeCall(() -> store.findById(streamId)).orElseThrow(() -> notFound(streamId));
    return events.changeStatus(stream, status, reason).statusReport();
  }

  @Override
  public void verify(Caller caller, VerificationRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamId id = requireStreamId(request.streamId());
    EventFlow events = events();
    // VERIFY-4: measured from the last accepted request; the check and the record are one atomic change.
    StreamConfiguration stream = change(caller, id, false, current -> {
      Integer interval = current.minVerificationInterval();
      Instant now = settings.clock().instant();
      if (interval != null && current.lastVerificationAt() != null) {
        Instant allowedAt = current.lastVerificationAt().plusSeconds(interval);
        if (now.isBefore(allowedAt)) {
          throw SsfException.rateLimited(Duration.between(now, allowedAt));
        }
      }
      return current.toBuilder().lastVerificationAt(now).build();
    });
    events.verify(stream, request.state());
  }

  @Override
  public CompletionStage<PollResponse> poll(Caller caller, StreamId streamId, PollRequest request) {
    admit(caller, true);
    Objects.requireNonNull(request, "request");
    StreamConfiguration stream = find(caller, streamId);
    if (stream.delivery().method() != DeliveryMethod.POLL) {
      throw notFound(streamId); // A push stream has no poll endpoint.
    }
    return events().poll(stream, request);
  }

  @Override
  public PublishResult publish(Publication publication) {
    Objects.requireNonNull(publication, "publication");
    return storeCall(() -> events().publish(publication));
  }

  @Override
  public List<StreamDecision> fanOut(Publication publication) {
    Objects.requireNonNull(publication, "publication");
    return storeCall(() -> EventFlow.fanOut(store, settings.defaultSubjects(), publication));
  }

  @Override
  public Map<String, Object> jwks() {
    return events().jwks();
  }

  @Override
  public List<DeadLetter> deadLetters(Caller caller, StreamId streamId, int limit) {
    admit(caller, false);
    find(caller, streamId);
    return events().deadLetters(streamId, limit);
  }

  @Override
  public void replayDeadLetter(Caller caller, StreamId streamId, String jti) {
    admit(caller, true);
    find(caller, streamId);
    if (!events().replay(streamId, Objects.requireNonNull(jti, "jti"))) {
      throw new SsfException(SsfErrorCode.STREAM_NOT_FOUND, "no dead letter " + jti + " on stream " + streamId);
    }
  }

  @Override
  public DeliveryState deliveryState(Caller caller, StreamId streamId) {
    admit(caller, false);
    find(caller, streamId);
    return events().state(streamId);
  }

  @Override
  public void close() {
    if (settings.events() != null) {
      settings.events().close();
    }
  }

  private EventFlow events() {
    EventFlow events = settings.events();
    if (events == null) {
      throw new SsfException(SsfErrorCode.NOT_FOUND, "this transmitter sends no events: no signer is configured");
    }
    return events;
  }

  // --- Authorization and limits -------------------------------------------------------------

  private void admit(Caller caller, boolean write) {
    Objects.requireNonNull(caller, "caller");
    RateLimitDecision decision = settings.rateLimiter().tryAcquire(caller);
    if (!decision.admitted()) {
      throw SsfException.rateLimited(decision.retryAfter());
    }
    boolean allowed = caller.scopes().stream().anyMatch(settings.manageScopes()::contains)
        || (!write && caller.scopes().stream().anyMatch(settings.readScopes()::contains));
    if (!allowed) {
      throw new SsfException(
          SsfErrorCode.FORBIDDEN,
          "the caller lacks a scope that allows this operation (one of: "
              + String.join(", ", new java.util.TreeSet<>(write ? settings.manageScopes()
                  : union(settings.manageScopes(), settings.readScopes()))) + ")");
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  // --- Store access ----------------------------------------------------------------------------

  private StreamConfiguration find(Caller caller, StreamId streamId) {
    Objects.requireNonNull(streamId, "streamId");
    return storeCall(() -> store.find(caller.owner(), streamId)).orElseThrow(() -> notFound(streamId));
  }

  /** Applies a change with optimistic concurrency; a configuration change also moves {@code updatedAt}. */
  private StreamConfiguration change(Caller caller, StreamId id, UnaryOperator<StreamConfiguration> change) {
    return change(caller, id, true, change);
  }

  private StreamConfiguration change(
      Caller caller, StreamId id, boolean touchesConfiguration, UnaryOperator<StreamConfiguration> change) {
    return StreamUpdates.change(store, caller.owner(), id, current -> {
      StreamConfiguration changed = change.apply(current);
      return touchesConfiguration ? changed.toBuilder().updatedAt(settings.clock().instant()).build() : changed;
    });
  }

  private static <T> T storeCall(Supplier<T> call) {
    return StreamUpdates.storeCall(call);
  }

  private static SsfException notFound(StreamId id) {
    return new SsfException(SsfErrorCode.STREAM_NOT_FOUND, "stream " + id + " not found");
  }

  // --- Validation ------------------------------------------------------------------------------

  private static StreamId requireStreamId(@Nullable StreamId id) {
    if (id == null) {
      throw SsfException.invalid("stream_id", "is required");
    }
    return id;
  }

  private static SubjectIdentifier requireSubject(@Nullable SubjectIdentifier subject) {
    if (subject == null) {
      throw SsfException.invalid("subject", "is required");
    }
    return subject;
  }

  private static boolean isOwnSubject(StreamId id, SubjectIdentifier subject) {
    return subject.equals(SubjectIdentifier.opaque(id.value()));
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
  }

  private static List<String> checkEvents(@Nullable List<String> requested, List<FieldError> errors) {
    if (requested == null) {
      return List.of();
    }
    for (int i = 0; i < requested.size(); i++) {
      String type = requested.get(i);
      if (type == null || type.isBlank()) {
        errors.add(new FieldError("events_requested[" + i + "]", "must be a non-empty string"));
      }
    }
    return requested;
  }

  /** STREAM-10: transmitter properties may be echoed, but only with their current values. */
  private static void checkTransmitterProperties(
      StreamConfiguration current,
      @Nullable String iss,
      @Nullable String aud,
      @Nullable List<String> eventsSupported,
      @Nullable List<String> eventsDelivered,
      @Nullable Integer inactivityTimeout,
      @Nullable Integer minVerificationInterval,
      List<FieldError> errors) {
    if (iss != null && !iss.equals(current.issuer())) {
      errors.add(new FieldError("iss", "is set by the transmitter and cannot be changed"));
    }
    if (aud != null && !aud.equals(current.audience())) {
      errors.add(new FieldError("aud", "is set by the transmitter and cannot be changed"));
    }
    if (eventsSupported != null && !sameSet(eventsSupported, current.eventsSupported())) {
      errors.add(new FieldError("events_supported", "is set by the transmitter and cannot be changed"));
    }
    if (eventsDelivered != null && !sameSet(eventsDelivered, current.eventsDelivered())) {
      errors.add(new FieldError(
          "events_delivered", "is set by the transmitter; send events_requested to change it"));
    }
    if (inactivityTimeout != null && !inactivityTimeout.equals(current.inactivityTimeout())) {
      errors.add(new FieldError("inactivity_timeout", "is set by the transmitter and cannot be changed"));
    }
    if (minVerificationInterval != null && !minVerificationInterval.equals(current.minVerificationInterval())) {
      errors.add(new FieldError("min_verification_interval", "is set by the transmitter and cannot be changed"));
    }
  }

  private static boolean sameSet(List<String> a, List<String> b) {
    return new HashSet<>(a).equals(new HashSet<>(b));
  }

  private @Nullable String truncate(@Nullable String description) {
    if (description == null) {
      return null;
    }
    int max = settings.descriptionMaxLength();
    if (description.codePointCount(0, description.length()) <= max) {
      return description;
    }
    return description.substring(0, description.offsetByCodePoints(0, max));
  }

  /** Resolves a complete delivery (create, replace); null delivery means poll (STREAM-3). */
  private @Nullable Delivery resolveDelivery(
      @Nullable DeliveryRequest request, StreamId id, List<FieldError> errors) {
    if (request == null) {
      if (!settings.deliveryMethods().contains(DeliveryMethod.POLL)) {
        errors.add(new FieldError("delivery", "is required: this transmitter offers push delivery only"));
        return null;
      }
      return pollDelivery(id);
    }
    DeliveryMethod method = checkMethod(request.method(), errors);
    String header = checkHeader(request.authorizationHeader(), false, errors);
    if (method == null) {
      return null;
    }
    if (method == DeliveryMethod.POLL) {
      return pollDelivery(id);
    }
    URI endpoint = checkPushEndpoint(request.endpointUrl(), errors);
    return endpoint == null ? null : new Delivery(DeliveryMethod.PUSH, endpoint, header);
  }

  /** Applies the members of a PATCH delivery that are present. */
  private @Nullable Delivery patchDelivery(
      Delivery current, DeliveryUpdate update, StreamId id, List<FieldError> errors) {
    DeliveryMethod method = current.method();
    if (update.method() != null) {
      method = checkMethod(update.method(), errors);
      if (method == null) {
        return null;
      }
    }
    String header = current.authorizationHeader();
    if (update.authorizationHeader() != null) {
      header = checkHeader(update.authorizationHeader(), true, errors);
    }
    if (method == DeliveryMethod.POLL) {
      return current.method() == DeliveryMethod.POLL ? current : pollDelivery(id);
    }
    URI endpoint = current.endpointUrl();
    if (update.endpointUrl() != null || current.method() != DeliveryMethod.PUSH) {
      endpoint = checkPushEndpoint(update.endpointUrl(), errors);
    }
    return endpoint == null ? null : new Delivery(DeliveryMethod.PUSH, endpoint, header);
  }

  private @Nullable DeliveryMethod checkMethod(@Nullable String uri, List<FieldError> errors) {
    if (uri == null || uri.isBlank()) {
      errors.add(new FieldError("delivery.method", "is required"));
      return null;
    }
    DeliveryMethod method = DeliveryMethod.fromUri(uri).orElse(null);
    if (method == null || !settings.deliveryMethods().contains(method)) {
      errors.add(new FieldError("delivery.method", "must be one of "
          + String.join(", ", metadata.deliveryMethodsSupported()) + ", but was " + uri));
      return null;
    }
    return method;
  }

  /** An empty header is an error on create/replace and means "remove" on PATCH. */
  private static @Nullable String checkHeader(
      @Nullable String header, boolean emptyRemoves, List<FieldError> errors) {
    if (header == null || (emptyRemoves && header.isEmpty())) {
      return null;
    }
    if (header.isBlank() || header.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      // Never echo the value: it is a secret.
      errors.add(new FieldError(
          "delivery.authorization_header", "must be a non-blank header value without control characters"));
      return null;
    }
    return header;
  }

  /**
   * STREAM-4, SEC-1: the receiver URL policy decides (https only, no user info or fragment, no forbidden
   * address literal; http and loopback only in development). Host names are resolved at delivery time.
   */
  private @Nullable URI checkPushEndpoint(@Nullable String url, List<FieldError> errors) {
    String field = "delivery.endpoint_url";
    if (url == null || url.isBlank()) {
      errors.add(new FieldError(field, "is required for push delivery"));
      return null;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      errors.add(new FieldError(field, "must be a valid absolute URL"));
      return null;
    }
    String problem = settings.receiverUrlPolicy().problem(uri).orElse(null);
    if (problem != null) {
      errors.add(new FieldError(field, problem));
      return null;
    }
    return uri;
  }

  private Delivery pollDelivery(StreamId id) {
    return new Delivery(
        DeliveryMethod.POLL, SsfEndpoints.resolve(settings.endpointBase(), "/ssf/v1/poll/" + id), null);
  }

  /**
   * CFG-2: the audience comes from the transmitter, never from the request: the origin of the push
   * endpoint (as in every product API example), or the client ID for poll streams.
   */
  private static String audienceOf(Caller caller, Delivery delivery) {
    if (delivery.method() == DeliveryMethod.PUSH) {
      // The RFC 6454 origin: scheme and host in lower case, the port only when it is not the default, so
      // that https://R.example.com:443/x and https://r.example.com/y give the same aud.
      URI url = delivery.endpointUrl();
      String scheme = url.getScheme().toLowerCase(Locale.ROOT);
      String host = Objects.requireNonNull(url.getHost(), "host").toLowerCase(Locale.ROOT);
      int port = url.getPort();
      boolean defaultPort = port == -1
          || (scheme.equals("https") && port == 443)
          || (scheme.equals("http") && port == 80);
      return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
    return caller.clientId();
  }
}
