/**
 * In-memory implementations of the ssfkit SPIs and contract suites, for tests and local development.
 *
 * <ul>
 *   <li>{@link io.ssfkit.testkit.InMemoryStreamStore}: a thread-safe {@link io.ssfkit.spi.StreamStore} that
 *       keeps everything on the heap.
 *   <li>{@link io.ssfkit.testkit.MutableClock}: a {@link java.time.Clock} that tests set and advance.
 *   <li>{@link io.ssfkit.testkit.StreamStoreContract}: the JUnit 5 suite every {@code StreamStore} should
 *       pass; extend it and implement {@code newStore()}.
 *   <li>{@link io.ssfkit.testkit.InMemoryEventQueue}: a thread-safe {@link io.ssfkit.delivery.EventQueue}
 *       outbox with leases and per-key order, bounded per stream.
 *   <li>{@link io.ssfkit.testkit.EventQueueContract}: the JUnit 5 suite every {@code EventQueue} should pass;
 *       extend it and implement {@code newQueue()}.
 *   <li>{@link io.ssfkit.testkit.InMemoryDeadLetterStore}: a thread-safe
 *       {@link io.ssfkit.delivery.DeadLetterStore}, bounded per stream.
 *   <li>{@link io.ssfkit.testkit.DeadLetterStoreContract}: the JUnit 5 suite every {@code DeadLetterStore}
 *       should pass; extend it and implement {@code newStore()}.
 *   <li>{@link io.ssfkit.testkit.ProcessedChangesContract}: the JUnit 5 suite every
 *       {@link io.ssfkit.rules.ProcessedChanges} (the rule engine's replay record) should pass; extend it and
 *       implement {@code newRecord()}.
 *   <li>{@link io.ssfkit.testkit.PollClient}: a receiver's RFC 8936 poll client for poll streams.
 *   <li>{@link io.ssfkit.testkit.ReceiverSimulator}: a real push receiver on loopback with a ledger and
 *       scripted answers, that can verify every SET against the transmitter's JWKS.
 *   <li>{@link io.ssfkit.testkit.conformance.TransmitterConformanceSuite}: the conformance-parity suite, run
 *       over HTTP against any transmitter's base URL and token.
 * </ul>
 *
 * <p>The contract suites need JUnit Jupiter and AssertJ, which this module declares as optional: a host
 * that extends a contract has them on its test class path already.
 */
@NullMarked
package io.ssfkit.testkit;

import org.jspecify.annotations.NullMarked;
