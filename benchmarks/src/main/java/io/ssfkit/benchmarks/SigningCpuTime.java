package io.ssfkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Compares ssfkit with bare nimbus by the CPU time of the measuring thread rather than by wall-clock time, in
 * alternating rounds (bare, ssfkit, bare, ssfkit, ...).
 *
 * <p>JMH's throughput is wall-clock based: on a shared machine where other processes compete for the cores, its
 * error bars can exceed the scores and hide a 5% difference. CPU time per operation is what a signer costs its host
 * and is far less sensitive to that competition; alternating the two sides spreads whatever remains over both.
 * This is a cross-check of {@link SetSigningBenchmark}, not a replacement: see BENCHMARKS.md.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar io.ssfkit.benchmarks.SigningCpuTime [rounds]
 * [seconds-per-round]}.
 */
public final class SigningCpuTime {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Defeats dead-code elimination: every result's length is folded in and printed at the end. */
  private static long sink;

  private SigningCpuTime() {}

  /**
   * Runs the comparison for RS256, PS256 and ES256 and prints one line per algorithm.
   *
   * @param args optional: the number of rounds per side (default 10) and the seconds per round (default 1)
   * @throws Exception if the setup fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    System.out.printf(Locale.ROOT, "%-6s %22s %22s %8s%n", "alg", "bare nimbus ops/cpu-s", "ssfkit ops/cpu-s",
        "ratio");
    for (String algorithm : List.of("RS256", "PS256", "ES256")) {
      SetSigningBenchmark state = new SetSigningBenchmark();
      state.algorithm = algorithm;
      state.setUp();
      Supplier<String> bare = () -> {
        try {
          return state.bareNimbus();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      Supplier<String> ssfkit = state::ssfkit;
      measure(bare, 3 * seconds);
      measure(ssfkit, 3 * seconds);
      double[] bareRates = new double[rounds];
      double[] ssfkitRates = new double[rounds];
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        bareRates[round] = measure(bare, seconds);
        ssfkitRates[round] = measure(ssfkit, seconds);
        ratios.add(ssfkitRates[round] / bareRates[round]);
      }
      double bareMedian = median(bareRates);
      double ssfkitMedian = median(ssfkitRates);
      System.out.printf(Locale.ROOT, "%-6s %22s %22s %8.3f%n", algorithm, spread(bareRates), spread(ssfkitRates),
          ssfkitMedian / bareMedian);
    }
    System.out.println("(median [min..max] over rounds; ratio = median ssfkit / median bare; sink " + (sink & 1) + ")");
  }

  /** Runs the operation for about {@code seconds} of CPU time and returns operations per CPU second. */
  private static double measure(Supplier<String> operation, double seconds) {
    long budget = (long) (seconds * 1e9);
    long start = THREADS.getCurrentThreadCpuTime();
    long used;
    long operations = 0;
    do {
      for (int i = 0; i < 10; i++) {
        sink += operation.get().length();
      }
      operations += 10;
      used = THREADS.getCurrentThreadCpuTime() - start;
    } while (used < budget);
    return operations / (used / 1e9);
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
}
