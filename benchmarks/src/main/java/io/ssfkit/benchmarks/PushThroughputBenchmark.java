package io.ssfkit.benchmarks;

import io.ssfkit.TransmitterService;
import io.ssfkit.delivery.HttpPushChannel;
import io.ssfkit.delivery.PushDispatcher;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.StreamId;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pre-signed push throughput to a loopback receiver with 16 requests in flight: ssfkit's {@link PushDispatcher} and
 * {@link HttpPushChannel} on an in-memory queue, against a bare JDK {@code HttpClient.sendAsync} loop that keeps 16
 * requests in flight, both pushing the same 2,000 signed SETs to an identical {@link LoopbackReceiver}.
 *
 * <p>One operation is a batch of {@value #BATCH} SETs, from the first enqueue (or send) until the last one is
 * acknowledged; with {@code @OperationsPerInvocation} the score is SETs per second. The SETs are about
 * {@value #SUBJECTS} subjects, so per-subject ordering (one in flight per subject) never limits ssfkit below 16 in
 * flight. JMH runs each method in its own fork, so each side has its own receiver on its own port; the
 * {@link PushLoadHarness} alternates both sides against one receiver in one JVM as a cross-check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PushThroughputBenchmark {

  static final int BATCH = 2_000;
  static final int IN_FLIGHT = 16;
  static final int SUBJECTS = 64;
  private static final long BATCH_TIMEOUT_SECONDS = 60;

  private LoopbackReceiver receiver;
  private TransmitterService admin;
  private InMemoryEventQueue queue;
  private PushDispatcher dispatcher;
  private DeliveryFixture.CountingListener listener;
  private List<QueuedSet> entries;
  private HttpClient bare;
  private final AtomicLong bareFailures = new AtomicLong();

  /**
   * Starts the receiver, creates the push stream, signs the batch and starts both senders.
   *
   * @throws IOException if the receiver cannot bind
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    receiver = LoopbackReceiver.start();
    SetSigner signer = DeliveryFixture.signer("RS256");
    // The transmitter only creates the stream; its own dispatcher watches its own (empty) queue.
    StreamStore store = InMemoryStreamStore.create();
    admin = DeliveryFixture.transmitter(store, signer, DeliveryFixture.queue(),
        new DeliveryFixture.CountingListener());
    StreamId streamId = DeliveryFixture.pushStream(admin, receiver.endpoint());
    entries = DeliveryFixture.presigned(signer, streamId, BATCH, SUBJECTS);
    queue = DeliveryFixture.queue();
    listener = new DeliveryFixture.CountingListener();
    dispatcher = pushDispatcher(queue, store, listener);
    bare = bareClient();
  }

  /** The production dispatcher and channel with their defaults, allowing loopback. */
  static PushDispatcher pushDispatcher(InMemoryEventQueue queue, StreamStore store,
      DeliveryFixture.CountingListener listener) {
    return PushDispatcher.builder()
        .queue(queue)
        .store(store)
        .channel(HttpPushChannel.builder().urlPolicy(ReceiverUrlPolicy.development()).build())
        .deadLetters(InMemoryDeadLetterStore.create())
        .listener(listener)
        .maxInFlightPerStream(IN_FLIGHT)
        .build();
  }

  /** A bare client configured as the push channel configures its own: HTTP/1.1, no redirects, 5 s connect. */
  static HttpClient bareClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * Enqueues the batch and waits until the listener has seen every SET delivered.
   *
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void ssfkit() throws InterruptedException {
    CountDownLatch done = listener.expect(BATCH);
    for (QueuedSet entry : entries) {
      queue.enqueue(entry);
    }
    DeliveryFixture.await(done, BATCH_TIMEOUT_SECONDS, "ssfkit push");
  }

  /**
   * Sends the batch with {@code sendAsync}, never more than 16 at once, and waits for the last answer.
   *
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void bareHttpClient() throws InterruptedException {
    sendBare(bare, receiver.endpoint(), entries, bareFailures);
  }

  /** The bare loop: a semaphore of 16 permits, one POST per SET, the same headers as the push channel. */
  static void sendBare(HttpClient client, URI endpoint, List<QueuedSet> entries, AtomicLong failures)
      throws InterruptedException {
    Semaphore permits = new Semaphore(IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(entries.size());
    for (QueuedSet entry : entries) {
      if (!permits.tryAcquire(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("bare push: no answer within " + BATCH_TIMEOUT_SECONDS + " s");
      }
      HttpRequest request = HttpRequest.newBuilder(endpoint)
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/secevent+jwt")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(entry.token().getBytes(StandardCharsets.UTF_8)))
          .build();
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        if (error != null || response.statusCode() != 202) {
          failures.incrementAndGet();
        }
        permits.release();
        done.countDown();
      });
    }
    DeliveryFixture.await(done, BATCH_TIMEOUT_SECONDS, "bare push");
  }

  /** Reports failed pushes (there should be none) and stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.printf("%n[push] receiver answered %d requests; ssfkit delivered %d, non-first-attempt outcomes %d;"
        + " bare failures %d%n", receiver.requests(), listener.delivered.get(), listener.failures.get(),
        bareFailures.get());
    dispatcher.close();
    admin.close();
    receiver.close();
  }
}
