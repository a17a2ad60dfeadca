package io.ssfkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Cross-checks {@link RuleEngineFullPathBenchmark} by CPU time, like {@link SigningCpuTime}: alternating rounds of
 * the full path (evaluate, sign, enqueue; {@value RuleEngineFullPathBenchmark#SETS_PER_CHANGE} SETs per change)
 * and of bare nimbus RS256 signing, in SETs per CPU-second. Two clocks: the measuring thread's CPU time, and the
 * whole process's CPU time (which also counts what the full path makes other threads do, such as the push
 * dispatcher waking up on every enqueue, and GC and JIT for both sides).
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar io.ssfkit.benchmarks.RuleEngineCpuTime [rounds]
 * [seconds-per-round] [rules]}.
 */
public final class RuleEngineCpuTime {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static long sink;

  private RuleEngineCpuTime() {}

  /**
   * Runs the comparison and prints the rates.
   *
   * @param args optional: the number of rounds per side (default 10), the CPU seconds per round (default 1) and the
   *     number of rules (default 1000; exactly one matches)
   * @throws Exception if the setup fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    RuleEngineFullPathBenchmark state = new RuleEngineFullPathBenchmark();
    state.rules = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    System.out.println("rules: " + state.rules);
    state.setUp();
    int sets = RuleEngineFullPathBenchmark.SETS_PER_CHANGE;
    LongSupplier bare = () -> {
      try {
        return state.bareNimbus().length();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    LongSupplier full = () -> state.fullPath().published().size();
    measure(bare, 1, 3 * seconds, state);
    measure(full, sets, 3 * seconds, state);
    double[][] bareRates = new double[2][rounds];
    double[][] fullRates = new double[2][rounds];
    for (int round = 0; round < rounds; round++) {
      double[] b = measure(bare, 1, seconds, state);
      double[] f = measure(full, sets, seconds, state);
      for (int clock = 0; clock < 2; clock++) {
        bareRates[clock][round] = b[clock];
        fullRates[clock][round] = f[clock];
      }
    }
    System.out.printf(Locale.ROOT, "%-15s %22s %22s %8s%n", "SETs per", "bare nimbus", "full path", "ratio");
    String[] names = {"thread CPU-s", "process CPU-s"};
    for (int clock = 0; clock < 2; clock++) {
      System.out.printf(Locale.ROOT, "%-15s %22s %22s %8.3f%n", names[clock], spread(bareRates[clock]),
          spread(fullRates[clock]), median(fullRates[clock]) / median(bareRates[clock]));
    }
    System.out.println("(median [min..max] over " + rounds + " rounds; ratio = median full / median bare; sink "
        + (sink & 1) + ")");
    state.tearDown();
  }

  /** Runs for about {@code seconds} of thread CPU time; returns SETs per thread CPU-s and per process CPU-s. */
  private static double[] measure(LongSupplier operation, int setsPerCall, double seconds,
      RuleEngineFullPathBenchmark state) {
    state.purge();
    System.gc();
    long budget = (long) (seconds * 1e9);
    long process = OS.getProcessCpuTime();
    long start = THREADS.getCurrentThreadCpuTime();
    long used;
    long calls = 0;
    do {
      for (int i = 0; i < 5; i++) {
        sink += operation.getAsLong();
      }
      calls += 5;
      used = THREADS.getCurrentThreadCpuTime() - start;
    } while (used < budget);
    long processUsed = OS.getProcessCpuTime() - process;
    double setsDone = (double) calls * setsPerCall;
    return new double[] {setsDone / (used / 1e9), setsDone / (processUsed / 1e9)};
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
