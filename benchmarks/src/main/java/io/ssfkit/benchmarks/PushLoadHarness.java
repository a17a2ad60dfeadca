package io.ssfkit.benchmarks;

import io.ssfkit.TransmitterService;
import io.ssfkit.delivery.PushDispatcher;
import io.ssfkit.delivery.QueuedSet;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.StreamId;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The asynchronous delivery measurements that do not fit JMH's shape, against one {@link LoopbackReceiver} in one
 * JVM:
 *
 * <ol>
 *   <li><b>Push throughput, alternating</b>: rounds of {@value PushThroughputBenchmark#BATCH} pre-signed SETs with
 *       16 in flight, bare {@code HttpClient} loop then ssfkit dispatcher, then bare again, and so on, against the
 *       same receiver instance. Alternation spreads the load of a shared machine over both sides; this is the
 *       cross-check of {@link PushThroughputBenchmark}, where JMH gives each side its own fork and receiver.
 *   <li><b>Enqueue-to-receipt latency at half the maximum rate</b>: an open-loop generator enqueues distinct
 *       pre-signed SETs at a fixed rate, half of the median ssfkit throughput of step 1, for a fixed time; it takes
 *       {@link System#nanoTime()} just before each {@code enqueue}, the receiver takes it right after reading the
 *       body, and the harness reports the percentiles of the differences (sorted array, exact).
 * </ol>
 *
 * <p>Everything is bounded: the rounds, the generator's duration and a 60 s wait for the stragglers. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.ssfkit.benchmarks.PushLoadHarness [rounds] [seconds]}
 * (defaults 6 and 10).
 */
public final class PushLoadHarness {

  private static final int SUBJECTS = 64;
  private static final long WAIT_SECONDS = 60;

  private PushLoadHarness() {}

  /**
   * Runs both measurements and prints the results.
   *
   * @param args optional: rounds per side (default 6) and seconds of the latency run (default 10)
   * @throws Exception if the setup fails or a batch does not complete in time
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    SetSigner signer = DeliveryFixture.signer("RS256");
    Map<String, Integer> index = new HashMap<>();
    AtomicLongArray receivedAt = new AtomicLongArray(1);
    AtomicLongArray[] receipts = {receivedAt};
    AtomicLong unknownBodies = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    // The hook looks each body up among the latency run's SETs; during step 1 the index is empty.
    LoopbackReceiver.Hook hook = (body, at) -> {
      Integer i = index.get(new String(body, StandardCharsets.US_ASCII));
      if (i == null) {
        unknownBodies.incrementAndGet();
      } else if (!receipts[0].compareAndSet(i, 0, at)) {
        duplicates.incrementAndGet();
      }
    };
    try (LoopbackReceiver receiver = LoopbackReceiver.start(4, hook)) {
      StreamStore store = InMemoryStreamStore.create();
      TransmitterService admin = DeliveryFixture.transmitter(store, signer, DeliveryFixture.queue(),
          new DeliveryFixture.CountingListener());
      StreamId streamId = DeliveryFixture.pushStream(admin, receiver.endpoint());
      InMemoryEventQueue queue = DeliveryFixture.queue();
      DeliveryFixture.CountingListener listener = new DeliveryFixture.CountingListener();
      PushDispatcher dispatcher = PushThroughputBenchmark.pushDispatcher(queue, store, listener);
      HttpClient bare = PushThroughputBenchmark.bareClient();
      AtomicLong bareFailures = new AtomicLong();
      try {
        // --- 1. Alternating throughput ---------------------------------------------------------
        List<QueuedSet> batch = DeliveryFixture.presigned(signer, streamId, PushThroughputBenchmark.BATCH, SUBJECTS);
        for (int warm = 0; warm < 2; warm++) {
          roundBare(bare, receiver, batch, bareFailures);
          roundSsfkit(queue, listener, batch);
        }
        double[] bareRates = new double[rounds];
        double[] ssfkitRates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          bareRates[r] = roundBare(bare, receiver, batch, bareFailures);
          ssfkitRates[r] = roundSsfkit(queue, listener, batch);
        }
        double ssfkitMedian = median(ssfkitRates);
        System.out.printf(Locale.ROOT, "push throughput, %d rounds of %d SETs, 16 in flight (SETs/s, median [min..max])%n",
            rounds, batch.size());
        System.out.printf(Locale.ROOT, "  bare HttpClient %s%n  ssfkit          %s%n  ratio of medians %.3f;"
            + " per-round ratios %s%n", spread(bareRates), spread(ssfkitRates), ssfkitMedian / median(bareRates),
            ratios(ssfkitRates, bareRates));

        // --- 2. Latency at half the measured maximum ---------------------------------------------
        double rate = ssfkitMedian / 2;
        int n = (int) Math.round(rate * seconds);
        List<QueuedSet> sets = DeliveryFixture.presigned(signer, streamId, n, SUBJECTS);
        for (int i = 0; i < n; i++) {
          index.put(sets.get(i).token(), i);
        }
        AtomicLongArray latencyReceipts = new AtomicLongArray(n);
        receipts[0] = latencyReceipts;
        long[] enqueuedAt = new long[n];
        long period = Math.round(1e9 / rate);
        CountDownLatch done = listener.expect(n);
        long failuresBefore = listener.failures.get();
        long start = System.nanoTime();
        long maxLag = 0;
        for (int i = 0; i < n; i++) {
          long due = start + i * period;
          long now;
          while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
          }
          maxLag = Math.max(maxLag, now - due);
          enqueuedAt[i] = System.nanoTime();
          queue.enqueue(sets.get(i));
        }
        double generated = (System.nanoTime() - start) / 1e9;
        DeliveryFixture.await(done, WAIT_SECONDS, "latency run");
        long[] latencies = new long[n];
        int missing = 0;
        for (int i = 0; i < n; i++) {
          long at = latencyReceipts.get(i);
          if (at == 0) {
            missing++;
            latencies[i] = Long.MAX_VALUE;
          } else {
            latencies[i] = at - enqueuedAt[i];
          }
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "enqueue-to-receipt latency at %.0f SETs/s (half of %.0f), %d SETs in %.2f s"
                + " (generator lag max %.2f ms)%n", rate, ssfkitMedian, n, generated, maxLag / 1e6);
        System.out.printf(Locale.ROOT, "  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n",
            pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99), pct(latencies, 0.999),
            latencies[n - 1 - missing] / 1e6);
        System.out.printf(Locale.ROOT, "  missing %d, duplicates %d, unknown bodies %d, ssfkit non-first-attempt"
                + " outcomes %d (latency run %d), bare failures %d%n", missing, duplicates.get(), unknownBodies.get(),
            listener.failures.get(), listener.failures.get() - failuresBefore, bareFailures.get());
      } finally {
        dispatcher.close();
        admin.close();
      }
    }
  }

  private static double roundBare(HttpClient bare, LoopbackReceiver receiver, List<QueuedSet> batch,
      AtomicLong failures) throws InterruptedException {
    long start = System.nanoTime();
    PushThroughputBenchmark.sendBare(bare, receiver.endpoint(), batch, failures);
    return batch.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static double roundSsfkit(InMemoryEventQueue queue, DeliveryFixture.CountingListener listener,
      List<QueuedSet> batch) throws InterruptedException {
    CountDownLatch done = listener.expect(batch.size());
    long start = System.nanoTime();
    for (QueuedSet entry : batch) {
      queue.enqueue(entry);
    }
    DeliveryFixture.await(done, WAIT_SECONDS, "ssfkit round");
    return batch.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** The exact percentile of a sorted array, in milliseconds (nearest rank). */
  private static double pct(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String spread(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "%.0f [%.0f..%.0f]", median(values), sorted[0], sorted[sorted.length - 1]);
  }

  private static String ratios(double[] ssfkit, double[] bare) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ssfkit.length; i++) {
      out.add(String.format(Locale.ROOT, "%.2f", ssfkit[i] / bare[i]));
    }
    return out.toString();
  }
}
