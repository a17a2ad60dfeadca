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
import java.util.TreeMap;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        Map<String, Long> cpu0 = cpuByThreadGroup();
        roundBare(bare, receiver, batch, bareFailures);
        Map<String, Long> cpu1 = cpuByThreadGroup();
        roundSsfkit(queue, listener, batch);
        Map<String, Long> cpu2 = cpuByThreadGroup();
        System.out.printf(Locale.ROOT, "push throughput, %d rounds of %d SETs, 16 in flight (SETs/s, median [min..max])%n",
            rounds, batch.size());
        System.out.printf(Locale.ROOT, "  bare HttpClient %s%n  ssfkit          %s%n  ratio of medians %.3f;"
            + " per-round ratios %s%n", spread(bareRates), spread(ssfkitRates), ssfkitMedian / median(bareRates),
            ratios(ssfkitRates, bareRates));
        System.out.printf(Locale.ROOT, "CPU per SET by thread group, one more round each (us/SET; this JVM only)%n");
        System.out.printf(Locale.ROOT, "  bare:   %s%n  ssfkit: %s%n", cpuPerSet(cpu0, cpu1, batch.size()),
            cpuPerSet(cpu1, cpu2, batch.size()));

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
      // --- 3. CPU cost of sign-plus-push against bare signing ----------------------------------------
      System.out.printf(Locale.ROOT, "sign-plus-push vs bare signing by CPU time (us/SET; %d SETs per side)%n",
          SIGN_BATCH);
      for (String algorithm : List.of("RS256", "ES256")) {
        signAndPushCpu(algorithm, receiver);
      }
    }
  }

  private static final int SIGN_BATCH = 2_000;

  /**
   * Measures, for one algorithm, the CPU time per SET of bare nimbus signing (one thread) and of
   * {@code publish} to one push stream (the publishing thread and every other thread of this JVM, receiver
   * included), after one warm-up batch of each.
   */
  private static void signAndPushCpu(String algorithm, LoopbackReceiver receiver) throws Exception {
    SetSigningBenchmark bare = new SetSigningBenchmark();
    bare.algorithm = algorithm;
    bare.setUp();
    DeliveryFixture.CountingListener listener = new DeliveryFixture.CountingListener();
    try (TransmitterService service = DeliveryFixture.transmitter(InMemoryStreamStore.create(),
        DeliveryFixture.signer(algorithm), DeliveryFixture.queue(), listener)) {
      DeliveryFixture.pushStream(service, receiver.endpoint());
      io.ssfkit.event.Publication[] publications = new io.ssfkit.event.Publication[SUBJECTS];
      for (int i = 0; i < SUBJECTS; i++) {
        publications[i] = DeliveryFixture.publication(i);
      }
      long[] result = new long[4];
      for (int pass = 0; pass < 2; pass++) {
        long main0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < SIGN_BATCH; i++) {
          sink += bare.bareNimbus().length();
        }
        long bareCpu = THREADS.getCurrentThreadCpuTime() - main0;
        Map<String, Long> before = cpuByThreadGroup();
        long main1 = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        CountDownLatch done = listener.expect(SIGN_BATCH);
        for (int i = 0; i < SIGN_BATCH; i++) {
          service.publish(publications[i % SUBJECTS]);
        }
        long publishMain = THREADS.getCurrentThreadCpuTime() - main1;
        DeliveryFixture.await(done, WAIT_SECONDS, "publish " + algorithm);
        wall = System.nanoTime() - wall;
        Map<String, Long> after = cpuByThreadGroup();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
          total += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        result = new long[] {bareCpu, publishMain, total, wall};
        if (pass == 1) {
          System.out.printf(Locale.ROOT, "  %s: bare sign %d; publish: publishing thread %d, all threads %d (%s);"
                  + " CPU ratio bare/all %.2f; this pass's wall-clock publish rate %.0f SETs/s%n", algorithm,
              bareCpu / 1000 / SIGN_BATCH, publishMain / 1000 / SIGN_BATCH, total / 1000 / SIGN_BATCH,
              cpuPerSet(before, after, SIGN_BATCH), (double) bareCpu / total, SIGN_BATCH / (wall / 1e9));
        }
      }
      sink += result[0];
      if (listener.failures.get() != 0) {
        System.out.println("  (" + listener.failures.get() + " non-first-attempt outcomes)");
      }
    }
  }

  /** Defeats dead-code elimination of the bare signatures. */
  private static long sink;

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

  /** CPU time so far of every live thread, summed by name with the trailing number dropped. */
  private static Map<String, Long> cpuByThreadGroup() {
    Map<String, Long> out = new TreeMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      ThreadInfo info = THREADS.getThreadInfo(id);
      long cpu = THREADS.getThreadCpuTime(id);
      if (info != null && cpu > 0) {
        out.merge(info.getThreadName().replaceAll("[-_ ]?[0-9]+$", ""), cpu, Long::sum);
      }
    }
    return out;
  }

  private static String cpuPerSet(Map<String, Long> before, Map<String, Long> after, int sets) {
    StringBuilder out = new StringBuilder();
    long total = 0;
    for (Map.Entry<String, Long> group : after.entrySet()) {
      long used = group.getValue() - before.getOrDefault(group.getKey(), 0L);
      if (used > 0) {
        total += used;
        if (used / 1000 / sets >= 5) {
          out.append(String.format(Locale.ROOT, "%s %d, ", group.getKey(), used / 1000 / sets));
        }
      }
    }
    return out.append("total ").append(total / 1000 / sets).toString();
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
