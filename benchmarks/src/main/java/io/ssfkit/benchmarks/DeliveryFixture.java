package io.ssfkit.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.delivery.DeliveryListener;
import io.ssfkit.delivery.EventQueue;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.EventType;
import io.ssfkit.event.Publication;
import io.ssfkit.event.SecurityEventToken;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SignedSet;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.DeliveryRequest;
import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * What the delivery benchmarks share: a signer, a transmitter with one stream, pre-signed SETs spread over
 * subjects, and a listener that counts deliveries. Everything runs on loopback; the URL policy is
 * {@link ReceiverUrlPolicy#development()}, which lets http and 127.0.0.1 through.
 */
final class DeliveryFixture {

  static final URI ISSUER = URI.create("https://transmitter.example.com");
  static final String ORG = "bench-org";
  static final Caller CALLER = Caller.withManageScope("bench-client", ORG);
  static final String AUDIENCE_EVENT = EventType.SESSION_REVOKED.uri();

  private DeliveryFixture() {}

  /** A signer with a fresh key: RSA 2048 for RS256/PS256, P-256 for ES256. */
  static SetSigner signer(String algorithm) {
    JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
    int size = alg.equals(JWSAlgorithm.ES256) ? 256 : 2048;
    return SetSigner.nimbus(KeyRing.create(SigningKeys.generate(alg, size), Duration.ofDays(1), Clock.systemUTC()));
  }

  /**
   * Builds a transmitter with push and poll, no rate limit and the development URL policy.
   *
   * @param store the stream store
   * @param signer the signer
   * @param queue the outbox
   * @param listener told of every outcome
   */
  static TransmitterService transmitter(StreamStore store, SetSigner signer, EventQueue queue,
      DeliveryListener listener) {
    return TransmitterService.builder()
        .issuer(ISSUER)
        .streamStore(store)
        .setSigner(signer)
        .eventQueue(queue)
        .deadLetterStore(InMemoryDeadLetterStore.create())
        .deliveryMethods(EnumSet.of(DeliveryMethod.PUSH, DeliveryMethod.POLL))
        .rateLimiter(RateLimiter.unlimited())
        .receiverUrlPolicy(ReceiverUrlPolicy.development())
        .deliveryListener(listener)
        .build();
  }

  /** Creates a push stream to the endpoint, for session-revoked events, and returns its id. */
  static StreamId pushStream(TransmitterService service, URI endpoint) {
    return service.createStream(CALLER, new CreateStreamRequest(
        new DeliveryRequest(DeliveryMethod.PUSH.uri(), endpoint.toString(), null),
        List.of(AUDIENCE_EVENT), null)).streamId();
  }

  /** Creates a poll stream for session-revoked events and returns its id. */
  static StreamId pollStream(TransmitterService service) {
    return service.createStream(CALLER, new CreateStreamRequest(
        new DeliveryRequest(DeliveryMethod.POLL.uri(), null, null), List.of(AUDIENCE_EVENT), null)).streamId();
  }

  /** Subject number {@code i}. */
  static SubjectIdentifier subject(int i) {
    return SubjectIdentifier.email("user-" + i + "@example.com");
  }

  /** A session-revoked publication about subject {@code i}. */
  static Publication publication(int i) {
    return Publication.of(ORG, subject(i), new CaepEvent.SessionRevoked(CaepCommon.NONE));
  }

  /**
   * Signs {@code n} distinct SETs for a stream (on all cores) and wraps them as queue entries, entry {@code i}
   * about subject {@code i % subjects} with that subject as its ordering key, due at once.
   */
  static List<QueuedSet> presigned(SetSigner signer, StreamId streamId, int n, int subjects) {
    Instant now = Instant.now();
    return IntStream.range(0, n).parallel().mapToObj(i -> {
      SecurityEventToken token = new SecurityEventToken(ISSUER.toString(), now, SecurityEventToken.newJti(),
          List.of("http://127.0.0.1"), SecurityEventToken.newJti(), subject(i % subjects),
          new CaepEvent.SessionRevoked(CaepCommon.NONE), Map.of());
      SignedSet signed = signer.sign(token);
      return QueuedSet.of(streamId, signed.jti(), signed.compact(), "subject-" + (i % subjects), now);
    }).toList();
  }

  /** Counts deliveries against the current batch and every other outcome as a failure. */
  static final class CountingListener implements DeliveryListener {
    private volatile CountDownLatch batch = new CountDownLatch(0);
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    /** Starts a batch of {@code n} expected deliveries. */
    CountDownLatch expect(int n) {
      CountDownLatch latch = new CountDownLatch(n);
      batch = latch;
      return latch;
    }

    @Override
    public void delivered(StreamId streamId, String jti, int attempts) {
      delivered.incrementAndGet();
      if (attempts != 1) {
        failures.incrementAndGet();
      }
      batch.countDown();
    }

    @Override
    public void retried(StreamId streamId, String jti, int failedAttempts, Instant nextAttempt, String reason) {
      failures.incrementAndGet();
    }

    @Override
    public void rejected(StreamId streamId, String jti, String code, String description) {
      failures.incrementAndGet();
    }

    @Override
    public void deadLettered(StreamId streamId, String jti, String reason) {
      failures.incrementAndGet();
    }

    @Override
    public void dropped(StreamId streamId, String jti, String reason) {
      failures.incrementAndGet();
    }
  }

  /** Waits for a batch, bounded: a batch that does not complete in time fails the run rather than hang it. */
  static void await(CountDownLatch latch, long seconds, String what) throws InterruptedException {
    if (!latch.await(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(what + ": " + latch.getCount() + " SET(s) still undelivered after " + seconds
          + " s");
    }
  }

  /** A queue for the benchmarks: in memory, large enough for any batch here. */
  static InMemoryEventQueue queue() {
    return InMemoryEventQueue.create(1_000_000);
  }
}
