package io.ssfkit;

import io.ssfkit.auth.Caller;
import io.ssfkit.delivery.DeadLetterStore;
import io.ssfkit.delivery.DeliveryChannel;
import io.ssfkit.delivery.DeliveryListener;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.HttpPushChannel;
import io.ssfkit.delivery.PollService;
import io.ssfkit.delivery.PushDispatcher;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.delivery.RetryPolicy;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.event.EventType;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.DefaultSubjects;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the default {@link TransmitterService}. Only the issuer and the stream store are required; every
 * other setting has a secure default. Not thread-safe; the service it builds is.
 */
public final class TransmitterServiceBuilder {

  /** The default rate limit: a burst of 50 requests per client, refilled at 10 per second. */
  static final int DEFAULT_BURST = 50;

  static final double DEFAULT_RATE = 10.0;

  private @Nullable URI issuer;
  private @Nullable URI endpointBase;
  private @Nullable StreamStore streamStore;
  private Clock clock = Clock.systemUTC();
  private @Nullable RateLimiter rateLimiter;
  private List<EventType> eventsSupported =
      Stream.concat(EventType.CAEP_EVENTS.stream(), EventType.RISC_EVENTS.stream()).toList();
  private Set<DeliveryMethod> deliveryMethods = EnumSet.of(DeliveryMethod.PUSH);
  private StreamQuota quota = StreamQuota.PRODUCT_DEFAULT;
  private DefaultSubjects defaultSubjects = DefaultSubjects.ALL;
  private ReceiverUrlPolicy receiverUrlPolicy = ReceiverUrlPolicy.strict();
  private @Nullable Duration inactivityTimeout;
  private @Nullable Duration minVerificationInterval;
  private int descriptionMaxLength = 1024;
  private Set<String> manageScopes = Set.of(Caller.MANAGE_SCOPE, "ssf.manage");
  private Set<String> readScopes = Set.of("ssf.read");
  private @Nullable SetSigner setSigner;
  private @Nullable EventQueue eventQueue;
  private @Nullable DeadLetterStore deadLetterStore;
  private @Nullable DeliveryChannel deliveryChannel;
  private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
  private DeliveryListener deliveryListener = DeliveryListener.NONE;
  private int maxHeldPerStream = 10_000;
  private Duration pollRedeliveryDelay = Duration.ofSeconds(30);
  private Duration longPollTimeout = Duration.ofSeconds(25);

  TransmitterServiceBuilder() {}

  /**
   * Sets the issuer: the {@code iss} of every stream and SET, and the base of the metadata location. It
   * must be an https URL without query or fragment; plain http is accepted only for a loopback host.
   *
   * @param issuer the issuer URL
   * @return this builder
   */
  public TransmitterServiceBuilder issuer(URI issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    return this;
  }

  /**
   * Sets the URL under which the API endpoints are served and advertised; defaults to the issuer.
   *
   * @param endpointBase the base URL, such as {@code https://tr.example.com/tenant-a}
   * @return this builder
   */
  public TransmitterServiceBuilder endpointBase(URI endpointBase) {
    this.endpointBase = Objects.requireNonNull(endpointBase, "endpointBase");
    return this;
  }

  /**
   * Sets the stream store. Required.
   *
   * @param streamStore the store
   * @return this builder
   */
  public TransmitterServiceBuilder streamStore(StreamStore streamStore) {
    this.streamStore = Objects.requireNonNull(streamStore, "streamStore");
    return this;
  }

  /**
   * Sets the time source; defaults to the system UTC clock.
   *
   * @param clock the clock
   * @return this builder
   */
  public TransmitterServiceBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the rate limiter; defaults to a token bucket per client (a burst of 50, 10 per second) on the
   * builder's clock.
   *
   * @param rateLimiter the limiter
   * @return this builder
   */
  public TransmitterServiceBuilder rateLimiter(RateLimiter rateLimiter) {
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    return this;
  }

  /**
   * Sets the event types the transmitter supports; defaults to every CAEP 1.0 and RISC 1.0 type.
   *
   * @param eventsSupported the supported event types
   * @return this builder
   */
  public TransmitterServiceBuilder eventsSupported(List<EventType> eventsSupported) {
    this.eventsSupported = List.copyOf(eventsSupported);
    return this;
  }

  /**
   * Sets the delivery methods offered; defaults to push only.
   *
   * @param deliveryMethods the methods; at least one
   * @return this builder
   */
  public TransmitterServiceBuilder deliveryMethods(Set<DeliveryMethod> deliveryMethods) {
    this.deliveryMethods = deliveryMethods.isEmpty()
        ? EnumSet.noneOf(DeliveryMethod.class)
        : EnumSet.copyOf(deliveryMethods);
    return this;
  }

  /**
   * Sets how many streams a client and an organization may hold; defaults to the product API's 1 and 10.
   *
   * @param quota the limits
   * @return this builder
   */
  public TransmitterServiceBuilder quota(StreamQuota quota) {
    this.quota = Objects.requireNonNull(quota, "quota");
    return this;
  }

  /**
   * Sets which subjects a new stream includes; defaults to {@link DefaultSubjects#ALL}.
   *
   * @param defaultSubjects the default
   * @return this builder
   */
  public TransmitterServiceBuilder defaultSubjects(DefaultSubjects defaultSubjects) {
    this.defaultSubjects = Objects.requireNonNull(defaultSubjects, "defaultSubjects");
    return this;
  }

  /**
   * Sets the policy for receiver push URLs (SEC-1), checked when a stream is created or changed; defaults
   * to {@link ReceiverUrlPolicy#strict()}: https only, no loopback, private, link-local or metadata
   * addresses. {@link ReceiverUrlPolicy#development()} also accepts http and loopback, for one machine.
   *
   * @param policy the policy
   * @return this builder
   */
  public TransmitterServiceBuilder receiverUrlPolicy(ReceiverUrlPolicy policy) {
    this.receiverUrlPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets the inactivity timeout reported on every stream; by default none is reported.
   *
   * @param timeout the timeout, at least one second, or null
   * @return this builder
   */
  public TransmitterServiceBuilder inactivityTimeout(@Nullable Duration timeout) {
    this.inactivityTimeout = timeout;
    return this;
  }

  /**
   * Sets the minimum interval between verification requests reported on every stream; by default none.
   *
   * @param interval the interval, or null
   * @return this builder
   */
  public TransmitterServiceBuilder minVerificationInterval(@Nullable Duration interval) {
    this.minVerificationInterval = interval;
    return this;
  }

  /**
   * Sets the length beyond which a stream description is truncated (CFG-6); defaults to 1024 characters.
   *
   * @param maxLength the maximum length in code points; at least 1
   * @return this builder
   */
  public TransmitterServiceBuilder descriptionMaxLength(int maxLength) {
    this.descriptionMaxLength = maxLength;
    return this;
  }

  /**
   * Sets the scopes that grant every operation; defaults to {@code sp:ssf-transmitter-streams:manage} and
   * {@code ssf.manage}.
   *
   * @param scopes the scopes; at least one
   * @return this builder
   */
  public TransmitterServiceBuilder manageScopes(Set<String> scopes) {
    this.manageScopes = Set.copyOf(scopes);
    return this;
  }

  /**
   * Sets the scopes that grant the read operations only; defaults to {@code ssf.read}.
   *
   * @param scopes the scopes, possibly none
   * @return this builder
   */
  public TransmitterServiceBuilder readScopes(Set<String> scopes) {
    this.readScopes = Set.copyOf(scopes);
    return this;
  }

  /**
   * Sets the signer of SETs. With a signer (and an event queue and a dead-letter store) the transmitter
   * sends events: it serves the JWKS and the verification endpoint, fans out published events and delivers
   * them; without one it manages streams only.
   *
   * @param setSigner the signer, such as {@code SetSigner.nimbus(keyRing)}
   * @return this builder
   */
  public TransmitterServiceBuilder setSigner(SetSigner setSigner) {
    this.setSigner = Objects.requireNonNull(setSigner, "setSigner");
    return this;
  }

  /**
   * Sets the outbox of signed SETs. Required with a signer.
   *
   * @param eventQueue the queue (ssf-testkit has {@code InMemoryEventQueue})
   * @return this builder
   */
  public TransmitterServiceBuilder eventQueue(EventQueue eventQueue) {
    this.eventQueue = Objects.requireNonNull(eventQueue, "eventQueue");
    return this;
  }

  /**
   * Sets where SETs whose delivery was given up are kept. Required with a signer.
   *
   * @param deadLetterStore the store (ssf-testkit has {@code InMemoryDeadLetterStore})
   * @return this builder
   */
  public TransmitterServiceBuilder deadLetterStore(DeadLetterStore deadLetterStore) {
    this.deadLetterStore = Objects.requireNonNull(deadLetterStore, "deadLetterStore");
    return this;
  }

  /**
   * Sets the push channel; defaults to an {@link HttpPushChannel} that applies the receiver URL policy to
   * every resolved address before it connects.
   *
   * @param deliveryChannel the channel
   * @return this builder
   */
  public TransmitterServiceBuilder deliveryChannel(DeliveryChannel deliveryChannel) {
    this.deliveryChannel = Objects.requireNonNull(deliveryChannel, "deliveryChannel");
    return this;
  }

  /**
   * Sets when failed pushes are retried; defaults to {@link RetryPolicy#ofDefaults()}.
   *
   * @param retryPolicy the policy
   * @return this builder
   */
  public TransmitterServiceBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /**
   * Sets the listener told of every delivery outcome; defaults to none.
   *
   * @param listener the listener
   * @return this builder
   */
  public TransmitterServiceBuilder deliveryListener(DeliveryListener listener) {
    this.deliveryListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sets how many SETs a paused stream holds (STATUS-5); newer ones are dropped and reported beyond it, so
   * that the held ones keep their order. Defaults to 10,000.
   *
   * @param max at least 1
   * @return this builder
   */
  public TransmitterServiceBuilder maxHeldPerStream(int max) {
    this.maxHeldPerStream = max;
    return this;
  }

  /**
   * Sets the poll timings: how long an offered, unacknowledged SET waits before it is offered again
   * (POLL-7, default 30 s), and how long a poll with nothing to send waits (POLL-5, default 25 s).
   *
   * @param redeliveryDelay positive
   * @param longPollTimeout positive
   * @return this builder
   */
  public TransmitterServiceBuilder pollTimings(Duration redeliveryDelay, Duration longPollTimeout) {
    this.pollRedeliveryDelay = Objects.requireNonNull(redeliveryDelay, "redeliveryDelay");
    this.longPollTimeout = Objects.requireNonNull(longPollTimeout, "longPollTimeout");
    return this;
  }

  /**
   * Builds the service.
   *
   * @return the service
   * @throws IllegalStateException listing every invalid or missing setting
   */
  public TransmitterService build() {
    List<String> problems = new ArrayList<>();
    if (issuer == null) {
      problems.add("issuer is required");
    } else {
      checkUrl("issuer", issuer, problems);
    }
    if (endpointBase != null) {
      checkUrl("endpointBase", endpointBase, problems);
    }
    if (streamStore == null) {
      problems.add("streamStore is required (ssf-testkit has InMemoryStreamStore)");
    }
    if (deliveryMethods.isEmpty()) {
      problems.add("deliveryMethods must not be empty");
    }
    if (manageScopes.isEmpty()) {
      problems.add("manageScopes must not be empty");
    }
    if (descriptionMaxLength < 1) {
      problems.add("descriptionMaxLength must be at least 1, but was " + descriptionMaxLength);
    }
    if (inactivityTimeout != null && inactivityTimeout.getSeconds() < 1) {
      problems.add("inactivityTimeout must be at least 1 second, but was " + inactivityTimeout);
    }
    if (minVerificationInterval != null && minVerificationInterval.isNegative()) {
      problems.add("minVerificationInterval must not be negative, but was " + minVerificationInterval);
    }
    if (setSigner != null && eventQueue == null) {
      problems.add("eventQueue is required with a signer (ssf-testkit has InMemoryEventQueue)");
    }
    if (setSigner != null && deadLetterStore == null) {
      problems.add("deadLetterStore is required with a signer (ssf-testkit has InMemoryDeadLetterStore)");
    }
    if (setSigner == null && deliveryMethods.contains(DeliveryMethod.POLL)) {
      problems.add("poll delivery needs a signer, an eventQueue and a deadLetterStore");
    }
    if (maxHeldPerStream < 1) {
      problems.add("maxHeldPerStream must be at least 1, but was " + maxHeldPerStream);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid transmitter configuration: " + String.join("; ", problems));
    }
    URI iss = Objects.requireNonNull(issuer);
    return new DefaultTransmitterService(
        new DefaultTransmitterService.Settings(
            iss,
            endpointBase == null ? iss : endpointBase,
            Objects.requireNonNull(streamStore),
            clock,
            rateLimiter == null ? RateLimiter.tokenBucket(DEFAULT_BURST, DEFAULT_RATE, clock) : rateLimiter,
            eventsSupported.stream().map(EventType::uri).toList(),
            EnumSet.copyOf(deliveryMethods),
            quota,
            defaultSubjects,
            receiverUrlPolicy,
            inactivityTimeout == null ? null : Math.toIntExact(inactivityTimeout.getSeconds()),
            minVerificationInterval == null ? null : Math.toIntExact(minVerificationInterval.getSeconds()),
            descriptionMaxLength,
            new LinkedHashSet<>(manageScopes),
            new LinkedHashSet<>(readScopes),
            setSigner == null ? null : eventFlow(iss)));
  }

  /** Builds and starts the delivery machinery; called only with a signer, a queue and a dead-letter store. */
  private EventFlow eventFlow(URI iss) {
    EventQueue queue = Objects.requireNonNull(eventQueue);
    DeadLetterStore deadLetters = Objects.requireNonNull(deadLetterStore);
    StreamStore store = Objects.requireNonNull(streamStore);
    DeliveryChannel channel = deliveryChannel != null ? deliveryChannel
        : HttpPushChannel.builder().urlPolicy(receiverUrlPolicy).clock(clock).build();
    SettlingListener listener = new SettlingListener(deliveryListener);
    PushDispatcher dispatcher = PushDispatcher.builder()
        .queue(queue).store(store).channel(channel).deadLetters(deadLetters)
        .clock(clock).retryPolicy(retryPolicy).listener(listener)
        .build();
    PollService polls = !deliveryMethods.contains(DeliveryMethod.POLL) ? null
        : PollService.builder().queue(queue).deadLetters(deadLetters).clock(clock).listener(listener)
            .redeliveryDelay(pollRedeliveryDelay).longPollTimeout(longPollTimeout)
            .transmitting(id -> store.findById(id).map(s -> s.status() == StreamStatus.ENABLED).orElse(false))
            .build();
    EventFlow flow = new EventFlow(iss.toString(), store, Objects.requireNonNull(setSigner), queue, deadLetters,
        dispatcher, polls, clock, defaultSubjects, deliveryListener, maxHeldPerStream);
    listener.onSettled(flow::settled);
    return flow;
  }

  /** DISC-3: https, no query, no fragment; http only for a loopback host. */
  private static void checkUrl(String name, URI url, List<String> problems) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || url.getHost() == null) {
      problems.add(name + " must be an absolute URL with a host, but was " + url);
    } else if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(url.getHost()))) {
      problems.add(name + " must use https (http only for a loopback host), but was " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      problems.add(name + " must have no query and no fragment, but was " + url);
    }
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }
}
