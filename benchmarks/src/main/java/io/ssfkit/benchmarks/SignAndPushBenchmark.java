package io.ssfkit.benchmarks;

import com.nimbusds.jose.JOSEException;
import io.ssfkit.TransmitterService;
import io.ssfkit.event.Publication;
import io.ssfkit.event.PublishResult;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sign-plus-push throughput as a ratio to bare signing: {@link TransmitterService#publish} of {@value #BATCH} events
 * on one thread (fan-out to one push stream, sign, enqueue) until the loopback receiver has acknowledged all of them,
 * against bare nimbus signing of {@value #BATCH} SETs on one thread ({@link SetSigningBenchmark#bareNimbus()}, the
 * baseline of the signing benchmark). Scores are SETs per second.
 *
 * <p>Signing runs on the publishing thread; the pushes run on the dispatcher's and the HTTP client's threads and
 * the receiver on its own, so on a machine with spare cores publish can approach bare signing. The events are
 * about {@value #SUBJECTS} subjects, so per-subject order does not serialize the pushes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignAndPushBenchmark {

  static final int BATCH = 500;
  static final int SUBJECTS = 64;

  /** The JWS algorithm of both sides. */
  @Param({"RS256", "ES256"})
  public String algorithm;

  private LoopbackReceiver receiver;
  private TransmitterService service;
  private DeliveryFixture.CountingListener listener;
  private Publication[] publications;
  private SetSigningBenchmark bare;

  /**
   * Starts the receiver and a transmitter with one push stream, and the bare signer.
   *
   * @throws IOException if the receiver cannot bind
   * @throws JOSEException if the bare key cannot be generated
   * @throws InterruptedException if interrupted
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, JOSEException, InterruptedException {
    receiver = LoopbackReceiver.start();
    listener = new DeliveryFixture.CountingListener();
    service = DeliveryFixture.transmitter(InMemoryStreamStore.create(), DeliveryFixture.signer(algorithm),
        DeliveryFixture.queue(), listener);
    DeliveryFixture.pushStream(service, receiver.endpoint());
    publications = IntStream.range(0, SUBJECTS).mapToObj(DeliveryFixture::publication)
        .toArray(Publication[]::new);
    CountDownLatch first = listener.expect(1);
    PublishResult result = service.publish(publications[0]);
    if (result.enqueued().size() != 1) {
      throw new IllegalStateException("the event did not reach the stream: " + result.skipped());
    }
    DeliveryFixture.await(first, 30, "first publish");
    bare = new SetSigningBenchmark();
    bare.algorithm = algorithm;
    bare.setUp();
  }

  /**
   * Publishes the batch and waits until every SET was pushed and acknowledged.
   *
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void signAndPush() throws InterruptedException {
    CountDownLatch done = listener.expect(BATCH);
    for (int i = 0; i < BATCH; i++) {
      service.publish(publications[i % SUBJECTS]);
    }
    DeliveryFixture.await(done, 120, "publish");
  }

  /**
   * Signs the batch with nimbus alone, as {@link SetSigningBenchmark#bareNimbus()} does.
   *
   * @param sink consumes the compact SETs
   * @throws ParseException never
   * @throws JOSEException if signing fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void bareSign(Blackhole sink) throws ParseException, JOSEException {
    for (int i = 0; i < BATCH; i++) {
      sink.consume(bare.bareNimbus());
    }
  }

  /** Reports failed pushes (there should be none) and stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.printf("%n[publish %s] receiver answered %d requests; delivered %d; non-first-attempt outcomes %d%n",
        algorithm, receiver.requests(), listener.delivered.get(), listener.failures.get());
    service.close();
    receiver.close();
  }
}
