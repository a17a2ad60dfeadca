package io.ssfkit.benchmarks;

import io.ssfkit.TransmitterService;
import io.ssfkit.auth.CallerAuthenticator;
import io.ssfkit.delivery.PollRequest;
import io.ssfkit.delivery.PollResponse;
import io.ssfkit.delivery.PollService;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.jackson.http.SsfHttpHandler;
import io.ssfkit.jackson.http.SsfHttpRequest;
import io.ssfkit.jackson.http.SsfHttpResponse;
import io.ssfkit.metadata.SsfEndpoints;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.stream.StreamId;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time to serve one RFC 8936 poll response of {@value #SETS} SETs ({@code maxEvents} 1000,
 * {@code returnImmediately}) from a queue that holds exactly {@value #SETS} pre-signed RS256 SETs.
 *
 * <p>{@link #pollService} calls {@link PollService#poll} directly: claim, build the response map, and the
 * {@code moreAvailable} check. {@link #httpHandler} goes through ssf-jackson's HTTP-neutral
 * {@link SsfHttpHandler}: bearer authentication, routing, the body's JSON parsing, the stream lookup and the JSON
 * serialization of the ~0.8 MB response. Before every invocation (not measured) the queue is emptied and
 * refilled with the same {@value #SETS} entries, so every poll finds them all due.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PollBenchmark {

  static final int SETS = 1_000;
  private static final PollRequest POLL = new PollRequest(SETS, true, List.of(), Map.of());

  /** A poll service on its own queue. */
  @State(Scope.Benchmark)
  public static class Core {
    InMemoryEventQueue queue;
    PollService polls;
    StreamId streamId;
    List<QueuedSet> entries;

    /** Signs the SETs and builds the service. */
    @Setup(Level.Trial)
    public void setUp() {
      queue = DeliveryFixture.queue();
      polls = PollService.builder().queue(queue).deadLetters(InMemoryDeadLetterStore.create()).build();
      streamId = StreamId.of("poll-benchmark-stream");
      entries = DeliveryFixture.presigned(DeliveryFixture.signer("RS256"), streamId, SETS, 64);
      refill();
      int offered = polls.poll(streamId, POLL).toCompletableFuture().join().sets().size();
      if (offered != SETS) {
        throw new IllegalStateException("expected " + SETS + " SETs, got " + offered);
      }
    }

    /** Empties the queue and enqueues the same SETs again. */
    @Setup(Level.Invocation)
    public void refill() {
      queue.purge(streamId);
      for (QueuedSet entry : entries) {
        queue.enqueue(entry);
      }
    }

    /** Stops the service. */
    @TearDown(Level.Trial)
    public void tearDown() {
      polls.close();
    }
  }

  /** A transmitter with a poll stream, behind the HTTP-neutral handler of ssf-jackson. */
  @State(Scope.Benchmark)
  public static class Http {
    InMemoryEventQueue queue;
    TransmitterService service;
    SsfHttpHandler handler;
    SsfHttpRequest request;
    StreamId streamId;
    List<QueuedSet> entries;

    /** Signs the SETs, builds the transmitter and the handler, creates the poll stream. */
    @Setup(Level.Trial)
    public void setUp() {
      queue = DeliveryFixture.queue();
      SetSigner signer = DeliveryFixture.signer("RS256");
      service = DeliveryFixture.transmitter(InMemoryStreamStore.create(), signer, queue,
          new DeliveryFixture.CountingListener());
      streamId = DeliveryFixture.pollStream(service);
      handler = SsfHttpHandler.builder()
          .service(service)
          .authenticator(CallerAuthenticator.staticTokens(Map.of("bench-token", DeliveryFixture.CALLER)))
          .build();
      request = SsfHttpRequest.of("POST", SsfEndpoints.POLL_PREFIX + streamId.value(),
          Map.of("Authorization", "Bearer bench-token", "Content-Type", "application/json",
              "Accept", "application/json"),
          "{\"maxEvents\":" + SETS + ",\"returnImmediately\":true}");
      entries = DeliveryFixture.presigned(signer, streamId, SETS, 64);
      refill();
      SsfHttpResponse response = handler.handle(request).toCompletableFuture().join();
      String body = response.bodyAsString();
      long tokens = entries.stream().filter(e -> body.contains(e.token())).count();
      if (response.status() != 200 || tokens != SETS) {
        throw new IllegalStateException("poll over the handler answered " + response.status() + " with " + tokens
            + " of the SETs: " + body.substring(0, Math.min(300, body.length())));
      }
    }

    /** Empties the queue and enqueues the same SETs again. */
    @Setup(Level.Invocation)
    public void refill() {
      queue.purge(streamId);
      for (QueuedSet entry : entries) {
        queue.enqueue(entry);
      }
    }

    /** Stops the transmitter. */
    @TearDown(Level.Trial)
    public void tearDown() {
      service.close();
    }
  }

  /**
   * Serves one poll through {@link PollService}.
   *
   * @param state the service and its queue
   * @return the response
   */
  @Benchmark
  public PollResponse pollService(Core state) {
    return state.polls.poll(state.streamId, POLL).toCompletableFuture().join();
  }

  /**
   * Serves one poll through the HTTP-neutral handler, JSON included.
   *
   * @param state the handler and its queue
   * @return the response
   */
  @Benchmark
  public SsfHttpResponse httpHandler(Http state) {
    return state.handler.handle(state.request).toCompletableFuture().join();
  }
}
