package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.spi.StreamQuota;
import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.ConcurrentStreamUpdateException;
import io.ssfkit.stream.Delivery;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.subject.SubjectMembership;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StreamStore} must have, as a JUnit 5 suite. Extend it in your test sources,
 * implement {@link #newStore()}, and run the subclass like any other test class:
 *
 * <pre>{@code
 * class JdbcStreamStoreContractTest extends StreamStoreContract {
 *   @Override
 *   protected StreamStore newStore() {
 *     return new JdbcStreamStore(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>The suite checks the quotas of {@link StreamStore#insert} (also under concurrent inserts), that every
 * operation is scoped by {@link StreamOwner}, the optimistic concurrency of {@link StreamStore#update} (also
 * under concurrent updates), deletion, and the subjects of a stream. Concurrent tests run a few dozen
 * operations on a small thread pool and wait at most 30 seconds for them; none sleeps.
 */
public abstract class StreamStoreContract {

  private static final long TIMEOUT_SECONDS = 30;
  private static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant LATER = CREATED_AT.plusSeconds(60);
  private static final String ORG = "org-a";
  private static final String OTHER_ORG = "org-b";
  private static final StreamQuota ROOMY = new StreamQuota(10, 100);

  private @Nullable StreamStore store;

  /** Creates the suite; subclasses only implement {@link #newStore()}. */
  protected StreamStoreContract() {}

  /**
   * Returns the store under test. Called once before each test.
   *
   * @return a new store that holds no streams, or one that shares no streams with the store of any other
   *     test
   */
  protected abstract StreamStore newStore();

  /**
   * Starts a valid push stream of an owner, with a fresh random ID, issuer {@code https://tr.example.com},
   * audience {@code https://rp.example.com}, push delivery to {@code https://rp.example.com/events} and
   * creation and update times of 2026-01-01T00:00:00Z.
   *
   * @param org the organization ID of the owner
   * @param client the client ID of the owner
   * @return a builder that builds a valid stream as it is
   */
  protected StreamConfiguration.Builder stream(String org, String client) {
    return StreamConfiguration.builder()
        .streamId(StreamId.random())
        .owner(new StreamOwner(org, client))
        .issuer("https://tr.example.com")
        .audience("https://rp.example.com")
        .delivery(new Delivery(DeliveryMethod.PUSH, URI.create("https://rp.example.com/events"), null))
        .eventsSupported(List.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked"))
        .eventsRequested(List.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked"))
        .eventsDelivered(List.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked"))
        .createdAt(CREATED_AT)
        .updatedAt(CREATED_AT);
  }

  /**
   * Creates the store for the next test; runs before the {@code @BeforeEach} methods of subclasses.
   */
  @BeforeEach
  protected final void createStoreUnderTest() {
    store = Objects.requireNonNull(newStore(), "newStore() returned null");
  }

  private StreamStore store() {
    return Objects.requireNonNull(store, "store");
  }

  private StreamConfiguration insert(String org, String client) {
    return store().insert(stream(org, client).build(), ROOMY);
  }

  private static SubjectIdentifier email(String address) {
    return SubjectIdentifier.fromMap(Map.of("format", "email", "email", address));
  }

  private static SubjectMembership included(SubjectIdentifier subject) {
    return new SubjectMembership(subject, true, true, CREATED_AT);
  }

  private static SsfErrorCode codeOf(Throwable e) {
    assertThat(e).isInstanceOf(SsfException.class);
    return ((SsfException) e).code();
  }

  /**
   * Runs a task on several threads at once, all released by one start gate, and returns each run's result
   * in submission order. Every wait is bounded.
   */
  private static <T> List<T> concurrently(int runs, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(runs, 8));
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        futures.add(pool.submit(() -> {
          if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("start gate never opened");
          }
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      // Not asserted: a failure here would hide the one that made the threads stick. Bounded either way.
      pool.shutdownNow();
      pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Quotas are checked atomically with the insert. */
  @Nested
  @DisplayName("Insert and quotas")
  class Insert {

    @Test
    void insertWhenWithinQuotaThenStoresStreamWithVersionOne() {
      StreamConfiguration stream = stream(ORG, "c1").description("first").version(7).build();

      StreamConfiguration stored = store().insert(stream, StreamQuota.PRODUCT_DEFAULT);

      assertThat(stored.version()).isEqualTo(1);
      assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(stream);
      assertThat(store().find(stream.owner(), stream.streamId())).contains(stored);
    }

    @Test
    void insertWhenClientHasMaxStreamsThenStreamExists() {
      StreamQuota quota = new StreamQuota(3, 50);
      for (int i = 0; i < 3; i++) {
        store().insert(stream(ORG, "c1").build(), quota);
      }

      assertThatThrownBy(() -> store().insert(stream(ORG, "c1").build(), quota))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_EXISTS))
          .hasMessageContaining("3");
      assertThat(store().list(new StreamOwner(ORG, "c1"))).hasSize(3);
    }

    @Test
    void insertWhenProductDefaultAndClientHasOneStreamThenStreamExists() {
      store().insert(stream(ORG, "c1").build(), StreamQuota.PRODUCT_DEFAULT);

      assertThatThrownBy(() -> store().insert(stream(ORG, "c1").build(), StreamQuota.PRODUCT_DEFAULT))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_EXISTS));
    }

    @Test
    void insertWhenOrgHasMaxStreamsThenQuotaExceeded() {
      StreamQuota quota = new StreamQuota(1, 4);
      for (int i = 0; i < 4; i++) {
        store().insert(stream(ORG, "c" + i).build(), quota);
      }

      assertThatThrownBy(() -> store().insert(stream(ORG, "late").build(), quota))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_QUOTA_EXCEEDED))
          .hasMessageContaining("4");
      assertThat(store().list(new StreamOwner(ORG, "late"))).isEmpty();
    }

    @Test
    void insertWhenAnotherOrgIsFullThenStillAccepted() {
      StreamQuota quota = new StreamQuota(1, 2);
      store().insert(stream(ORG, "c1").build(), quota);
      store().insert(stream(ORG, "c2").build(), quota);

      StreamConfiguration other = store().insert(stream(OTHER_ORG, "c1").build(), quota);

      assertThat(other.version()).isEqualTo(1);
      assertThat(store().list(new StreamOwner(OTHER_ORG, "c1"))).containsExactly(other);
    }

    @Test
    void insertWhenAnotherClientOfOrgHasStreamsThenClientQuotaUnaffected() {
      StreamQuota quota = new StreamQuota(1, 10);
      store().insert(stream(ORG, "c1").build(), quota);

      assertThat(store().insert(stream(ORG, "c2").build(), quota).version()).isEqualTo(1);
    }

    @Test
    void insertWhenStreamWasDeletedThenQuotaIsFreed() {
      StreamQuota quota = new StreamQuota(1, 1);
      StreamConfiguration first = store().insert(stream(ORG, "c1").build(), quota);
      store().delete(first.owner(), first.streamId());

      StreamConfiguration second = store().insert(stream(ORG, "c1").build(), quota);

      assertThat(store().list(first.owner())).containsExactly(second);
    }

    @Test
    void insertWhenStreamIdExistsThenIllegalArgument() {
      StreamConfiguration first = insert(ORG, "c1");

      assertThatThrownBy(() -> store().insert(stream(ORG, "c1").streamId(first.streamId()).build(), ROOMY))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store().insert(stream(OTHER_ORG, "c9").streamId(first.streamId()).build(), ROOMY))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store().find(first.owner(), first.streamId())).contains(first);
      assertThat(store().list(new StreamOwner(OTHER_ORG, "c9"))).isEmpty();
    }

    @Test
    void insertWhenManyThreadsInsertForOneClientThenNeverExceedsClientQuota() throws Exception {
      StreamQuota quota = new StreamQuota(3, 100);

      List<String> outcomes = concurrently(40, () -> {
        try {
          store().insert(stream(ORG, "c1").build(), quota);
          return "inserted";
        } catch (SsfException e) {
          return e.code().name();
        }
      });

      assertThat(outcomes).filteredOn("inserted"::equals).hasSize(3);
      assertThat(outcomes).filteredOn(SsfErrorCode.STREAM_EXISTS.name()::equals).hasSize(37);
      assertThat(store().list(new StreamOwner(ORG, "c1"))).hasSize(3);
    }

    @Test
    void insertWhenManyClientsOfOneOrgInsertConcurrentlyThenNeverExceedsOrgQuota() throws Exception {
      StreamQuota quota = new StreamQuota(1, 5);
      AtomicInteger nextClient = new AtomicInteger();

      List<String> outcomes = concurrently(40, () -> {
        String client = "c" + nextClient.getAndIncrement();
        try {
          store().insert(stream(ORG, client).build(), quota);
          return "inserted";
        } catch (SsfException e) {
          return e.code().name();
        }
      });

      assertThat(outcomes).filteredOn("inserted"::equals).hasSize(5);
      assertThat(outcomes).filteredOn(SsfErrorCode.STREAM_QUOTA_EXCEEDED.name()::equals).hasSize(35);
      assertThat(IntStream.range(0, 40).mapToObj(i -> store().list(new StreamOwner(ORG, "c" + i))))
          .flatMap(streams -> streams)
          .hasSize(5);
    }
  }

  /** Another owner's stream behaves exactly like a missing one. */
  @Nested
  @DisplayName("Lookup is scoped by owner")
  class Scoping {

    @Test
    void findWhenOwnerMatchesThenReturnsStream() {
      StreamConfiguration stream = insert(ORG, "c1");

      assertThat(store().find(new StreamOwner(ORG, "c1"), stream.streamId())).contains(stream);
    }

    @Test
    void findWhenUnknownIdThenEmpty() {
      insert(ORG, "c1");

      assertThat(store().find(new StreamOwner(ORG, "c1"), StreamId.random())).isEmpty();
    }

    @Test
    void findWhenAnotherClientOfSameOrgThenEmpty() {
      StreamConfiguration stream = insert(ORG, "c1");

      assertThat(store().find(new StreamOwner(ORG, "c2"), stream.streamId())).isEmpty();
    }

    @Test
    void findWhenSameClientIdInAnotherOrgThenEmpty() {
      StreamConfiguration stream = insert(ORG, "c1");

      assertThat(store().find(new StreamOwner(OTHER_ORG, "c1"), stream.streamId())).isEmpty();
    }

    @Test
    void listWhenSeveralOwnersThenReturnsOnlyOwnStreamsOldestFirst() {
      StreamConfiguration first = insert(ORG, "c1");
      insert(ORG, "c2");
      StreamConfiguration second = insert(ORG, "c1");
      insert(OTHER_ORG, "c1");
      StreamConfiguration third = insert(ORG, "c1");

      assertThat(store().list(new StreamOwner(ORG, "c1"))).containsExactly(first, second, third);
    }

    @Test
    void listWhenOwnerHasNoStreamsThenEmpty() {
      insert(ORG, "c1");

      assertThat(store().list(new StreamOwner(ORG, "c2"))).isEmpty();
      assertThat(store().list(new StreamOwner(OTHER_ORG, "c1"))).isEmpty();
    }

    @Test
    void listWhenOldestStreamWasUpdatedThenOrderUnchanged() {
      StreamConfiguration first = insert(ORG, "c1");
      StreamConfiguration second = insert(ORG, "c1");

      StreamConfiguration updated = store().update(first.toBuilder().description("changed").build(), 1);

      assertThat(store().list(first.owner())).containsExactly(updated, second);
    }

    @Test
    void updateWhenAnotherOwnerThenStreamNotFoundAndStoredUnchanged() {
      StreamConfiguration stream = insert(ORG, "c1");
      StreamConfiguration hijack = stream.toBuilder().owner(new StreamOwner(ORG, "c2")).description("x").build();

      assertThatThrownBy(() -> store().update(hijack, 1))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_NOT_FOUND));
      assertThat(store().find(stream.owner(), stream.streamId())).contains(stream);
      assertThat(store().list(hijack.owner())).isEmpty();
    }

    @Test
    void deleteWhenAnotherOwnerThenFalseAndStreamKept() {
      StreamConfiguration stream = insert(ORG, "c1");

      assertThat(store().delete(new StreamOwner(ORG, "c2"), stream.streamId())).isFalse();
      assertThat(store().delete(new StreamOwner(OTHER_ORG, "c1"), stream.streamId())).isFalse();
      assertThat(store().find(stream.owner(), stream.streamId())).contains(stream);
    }

    @Test
    void putSubjectWhenAnotherOwnerThenStreamNotFound() {
      StreamConfiguration stream = insert(ORG, "c1");
      SubjectIdentifier subject = email("a@example.com");

      assertThatThrownBy(
              () -> store().putSubject(new StreamOwner(ORG, "c2"), stream.streamId(), included(subject)))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_NOT_FOUND));
      assertThat(store().findSubject(stream.owner(), stream.streamId(), subject)).isEmpty();
    }

    @Test
    void findSubjectWhenAnotherOwnerThenEmpty() {
      StreamConfiguration stream = insert(ORG, "c1");
      SubjectIdentifier subject = email("a@example.com");
      store().putSubject(stream.owner(), stream.streamId(), included(subject));

      assertThat(store().findSubject(new StreamOwner(ORG, "c2"), stream.streamId(), subject)).isEmpty();
      assertThat(store().findSubject(new StreamOwner(OTHER_ORG, "c1"), stream.streamId(), subject)).isEmpty();
    }
  }

  /** An update succeeds only on the version it was based on. */
  @Nested
  @DisplayName("Internal lookups (delivery and fan-out)")
  class InternalLookups {

    @Test
    void findByIdWhenAnyOwnerThenReturnsStream() {
      StreamConfiguration stream = insert(OTHER_ORG, "c9");

      assertThat(store().findById(stream.streamId())).contains(stream);
    }

    @Test
    void findByIdWhenUnknownOrDeletedThenEmpty() {
      StreamConfiguration stream = insert(ORG, "c1");
      store().delete(new StreamOwner(ORG, "c1"), stream.streamId());

      assertThat(store().findById(stream.streamId())).isEmpty();
      assertThat(store().findById(StreamId.random())).isEmpty();
    }

    @Test
    void findByIdWhenUpdatedThenReturnsLatestVersion() {
      StreamConfiguration stream = insert(ORG, "c1");
      StreamConfiguration updated = store().update(stream.toBuilder().description("new").build(), stream.version());

      assertThat(store().findById(stream.streamId())).contains(updated);
    }

    @Test
    void listByOrgWhenSeveralOrgsThenReturnsEveryClientOfThatOrgOnly() {
      StreamConfiguration a = insert(ORG, "c1");
      StreamConfiguration b = insert(ORG, "c2");
      StreamConfiguration other = insert(OTHER_ORG, "c1");

      assertThat(store().listByOrg(ORG)).containsExactlyInAnyOrder(a, b);
      assertThat(store().listByOrg(OTHER_ORG)).containsExactly(other);
      assertThat(store().listByOrg("no-such-org")).isEmpty();
    }

    @Test
    void listByOrgWhenStreamDeletedThenNotListed() {
      StreamConfiguration a = insert(ORG, "c1");
      StreamConfiguration b = insert(ORG, "c2");
      assertThat(store().listByOrg(ORG)).hasSize(2);
      store().delete(new StreamOwner(ORG, "c1"), a.streamId());

      assertThat(store().listByOrg(ORG)).containsExactly(b);
    }

    @Test
    void listByOrgWhenChangedAfterAnEarlierListingThenListsTheChange() {
      StreamConfiguration a = insert(ORG, "c1");
      assertThat(store().listByOrg(ORG)).containsExactly(a);

      StreamConfiguration updated = store().update(a.toBuilder().description("changed").build(), a.version());
      assertThat(store().listByOrg(ORG)).containsExactly(updated);

      StreamConfiguration b = insert(ORG, "c2");
      assertThat(store().listByOrg(ORG)).containsExactlyInAnyOrder(updated, b);
    }
  }

  @Nested
  @DisplayName("Optimistic concurrency")
  class OptimisticConcurrency {

    @Test
    void updateWhenVersionMatchesThenStoresNextWithIncrementedVersion() {
      StreamConfiguration stream = insert(ORG, "c1");
      StreamConfiguration next =
          stream.toBuilder().status(StreamStatus.PAUSED).statusReason("maintenance").updatedAt(LATER).version(42)
              .build();

      StreamConfiguration stored = store().update(next, 1);

      assertThat(stored.version()).isEqualTo(2);
      assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(next);
      assertThat(store().find(stream.owner(), stream.streamId())).contains(stored);
    }

    @Test
    void updateWhenVersionIsStaleThenConcurrentUpdateAndStoredUnchanged() {
      StreamConfiguration stream = insert(ORG, "c1");
      StreamConfiguration second = store().update(stream.toBuilder().description("second").build(), 1);

      assertThatThrownBy(() -> store().update(stream.toBuilder().description("stale").build(), 1))
          .isInstanceOf(ConcurrentStreamUpdateException.class);
      assertThat(store().find(stream.owner(), stream.streamId())).contains(second);
    }

    @Test
    void updateWhenVersionIsAheadThenConcurrentUpdateAndStoredUnchanged() {
      StreamConfiguration stream = insert(ORG, "c1");

      assertThatThrownBy(() -> store().update(stream.toBuilder().description("ahead").build(), 5))
          .isInstanceOf(ConcurrentStreamUpdateException.class);
      assertThat(store().find(stream.owner(), stream.streamId())).contains(stream);
    }

    @Test
    void updateWhenTwoChangesBasedOnSameReadThenSecondFails() {
      StreamConfiguration read = insert(ORG, "c1");

      StreamConfiguration first = store().update(read.toBuilder().description("first").build(), read.version());

      assertThatExceptionOfType(ConcurrentStreamUpdateException.class)
          .isThrownBy(() -> store().update(read.toBuilder().description("second").build(), read.version()))
          .satisfies(e -> assertThat(e.code()).isEqualTo(SsfErrorCode.CONCURRENT_UPDATE));
      assertThat(store().find(read.owner(), read.streamId())).contains(first);
    }

    @Test
    void updateWhenAppliedInSequenceThenVersionCountsUpdates() {
      StreamConfiguration current = insert(ORG, "c1");
      for (int i = 0; i < 5; i++) {
        current = store().update(current.toBuilder().description("v" + i).build(), current.version());
      }

      assertThat(current.version()).isEqualTo(6);
      assertThat(store().find(current.owner(), current.streamId())).contains(current);
    }

    @Test
    void updateWhenStreamWasDeletedThenStreamNotFound() {
      StreamConfiguration stream = insert(ORG, "c1");
      store().delete(stream.owner(), stream.streamId());

      assertThatThrownBy(() -> store().update(stream.toBuilder().description("late").build(), 1))
          .isNotInstanceOf(ConcurrentStreamUpdateException.class)
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_NOT_FOUND));
      assertThat(store().find(stream.owner(), stream.streamId())).isEmpty();
    }

    @Test
    void updateWhenStreamNeverExistedThenStreamNotFound() {
      StreamConfiguration never = stream(ORG, "c1").build();

      assertThatThrownBy(() -> store().update(never, 1))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_NOT_FOUND));
      assertThat(store().list(never.owner())).isEmpty();
    }

    @Test
    void updateWhenThreadsRetryOnConflictThenNoIncrementIsLost() throws Exception {
      StreamConfiguration stream = insert(ORG, "c1");
      StreamOwner owner = stream.owner();
      StreamId id = stream.streamId();
      store().update(stream.toBuilder().description("0").build(), 1);
      int threads = 8;
      int incrementsPerThread = 25;

      // Each run increments the counter in the description; a lost update shows as a missing increment.
      concurrently(threads, () -> {
        int seen = 0;
        for (int done = 0; done < incrementsPerThread; ) {
          StreamConfiguration current = store().find(owner, id).orElseThrow();
          int counter = Integer.parseInt(Objects.requireNonNull(current.description()));
          try {
            store().update(current.toBuilder().description(Integer.toString(counter + 1)).build(), current.version());
            done++;
          } catch (ConcurrentStreamUpdateException e) {
            seen++;
            if (seen > 100_000) {
              throw new AssertionError("no progress after " + seen + " conflicts", e);
            }
          }
        }
        return seen;
      });

      int total = threads * incrementsPerThread;
      StreamConfiguration last = store().find(owner, id).orElseThrow();
      assertThat(last.description()).as("counter after %s increments", total).isEqualTo(Integer.toString(total));
      assertThat(last.version()).isEqualTo(2L + total);
    }
  }

  /** Deletion removes a stream with its subjects, and is idempotent. */
  @Nested
  @DisplayName("Delete")
  class Delete {

    @Test
    void deleteWhenStreamExistsThenTrueAndStreamGone() {
      StreamConfiguration stream = insert(ORG, "c1");

      assertThat(store().delete(stream.owner(), stream.streamId())).isTrue();
      assertThat(store().find(stream.owner(), stream.streamId())).isEmpty();
      assertThat(store().list(stream.owner())).isEmpty();
    }

    @Test
    void deleteWhenRepeatedThenFalse() {
      StreamConfiguration stream = insert(ORG, "c1");
      store().delete(stream.owner(), stream.streamId());

      assertThat(store().delete(stream.owner(), stream.streamId())).isFalse();
    }

    @Test
    void deleteWhenStreamNeverExistedThenFalse() {
      assertThat(store().delete(new StreamOwner(ORG, "c1"), StreamId.random())).isFalse();
    }

    @Test
    void deleteWhenOwnerHasOtherStreamsThenTheyAreKept() {
      StreamConfiguration first = insert(ORG, "c1");
      StreamConfiguration second = insert(ORG, "c1");
      StreamConfiguration third = insert(ORG, "c1");

      store().delete(second.owner(), second.streamId());

      assertThat(store().list(first.owner())).containsExactly(first, third);
    }

    @Test
    void deleteWhenStreamHadSubjectsThenReinsertedIdHasNone() {
      StreamConfiguration stream = insert(ORG, "c1");
      SubjectIdentifier subject = email("a@example.com");
      store().putSubject(stream.owner(), stream.streamId(), included(subject));

      store().delete(stream.owner(), stream.streamId());
      StreamConfiguration again = store().insert(stream, ROOMY);

      assertThat(again.version()).isEqualTo(1);
      assertThat(store().findSubject(stream.owner(), stream.streamId(), subject)).isEmpty();
    }

    @Test
    void deleteWhenSubjectAlsoInAnotherStreamThenTheOtherKeepsIt() {
      StreamConfiguration deleted = insert(ORG, "c1");
      StreamConfiguration kept = insert(ORG, "c2");
      SubjectIdentifier subject = email("a@example.com");
      SubjectMembership membership = included(subject);
      store().putSubject(deleted.owner(), deleted.streamId(), membership);
      store().putSubject(kept.owner(), kept.streamId(), membership);

      store().delete(deleted.owner(), deleted.streamId());

      assertThat(store().findSubject(kept.owner(), kept.streamId(), subject)).contains(membership);
    }
  }

  /** Subject memberships are per stream, replaced per subject and found by exact lookup. */
  @Nested
  @DisplayName("Subjects")
  class Subjects {

    @Test
    void findSubjectWhenPutThenReturnsMembership() {
      StreamConfiguration stream = insert(ORG, "c1");
      SubjectMembership membership = new SubjectMembership(email("a@example.com"), true, false, CREATED_AT);

      store().putSubject(stream.owner(), stream.streamId(), membership);

      assertThat(store().findSubject(stream.owner(), stream.streamId(), email("a@example.com")))
          .contains(membership);
    }

    @Test
    void putSubjectWhenSameSubjectAgainThenReplacesMembership() {
      StreamConfiguration stream = insert(ORG, "c1");
      SubjectIdentifier subject = email("a@example.com");
      store().putSubject(stream.owner(), stream.streamId(), included(subject));
      SubjectMembership removed = new SubjectMembership(subject, false, true, LATER);

      store().putSubject(stream.owner(), stream.streamId(), removed);
      store().putSubject(stream.owner(), stream.streamId(), removed);

      assertThat(store().findSubject(stream.owner(), stream.streamId(), subject)).contains(removed);
    }

    @Test
    void findSubjectWhenAnotherSubjectWasPutThenEmpty() {
      StreamConfiguration stream = insert(ORG, "c1");
      store().putSubject(stream.owner(), stream.streamId(), included(email("a@example.com")));

      assertThat(store().findSubject(stream.owner(), stream.streamId(), email("b@example.com"))).isEmpty();
      assertThat(store().findSubject(
              stream.owner(), stream.streamId(),
              SubjectIdentifier.fromMap(Map.of("format", "opaque", "id", "a@example.com"))))
          .isEmpty();
    }

    @Test
    void findSubjectWhenSeveralSubjectsThenEachFoundExactly() {
      StreamConfiguration stream = insert(ORG, "c1");
      for (int i = 0; i < 50; i++) {
        store().putSubject(stream.owner(), stream.streamId(),
            new SubjectMembership(email("user" + i + "@example.com"), i % 2 == 0, true, CREATED_AT));
      }

      for (int i = 0; i < 50; i++) {
        SubjectIdentifier subject = email("user" + i + "@example.com");
        assertThat(store().findSubject(stream.owner(), stream.streamId(), subject))
            .contains(new SubjectMembership(subject, i % 2 == 0, true, CREATED_AT));
      }
    }

    @Test
    void findSubjectWhileSubjectIsPutToTwoStreamsThenReadsSeeOnlyTheirStreamsWritesInOrder() throws Exception {
      StreamConfiguration first = insert(ORG, "c1");
      StreamConfiguration second = insert(ORG, "c2");
      SubjectIdentifier subject = email("a@example.com");
      int writes = 500;

      // Task 0 writes: version n of the subject goes to the first stream at second 2n, to the second at 2n + 1.
      // The others read, and check each stream shows only its own writes, never going back.
      AtomicInteger task = new AtomicInteger();
      concurrently(4, () -> {
        if (task.getAndIncrement() == 0) {
          for (int n = 1; n <= writes; n++) {
            store().putSubject(first.owner(), first.streamId(),
                new SubjectMembership(subject, true, true, CREATED_AT.plusSeconds(2L * n)));
            store().putSubject(second.owner(), second.streamId(),
                new SubjectMembership(subject, true, true, CREATED_AT.plusSeconds(2L * n + 1)));
          }
          return null;
        }
        long lastFirst = 0;
        long lastSecond = 0;
        for (int reads = 0; reads < 20 * writes; reads++) {
          lastFirst = seconds(store().findSubject(first.owner(), first.streamId(), subject), 0, lastFirst);
          lastSecond = seconds(store().findSubject(second.owner(), second.streamId(), subject), 1, lastSecond);
        }
        return null;
      });

      assertThat(store().findSubject(second.owner(), second.streamId(), subject).orElseThrow().changedAt())
          .isEqualTo(CREATED_AT.plusSeconds(2L * writes + 1));
    }

    /** The seconds after CREATED_AT of a membership read, checked to have the parity and to be no older. */
    private long seconds(Optional<SubjectMembership> read, int parity, long last) {
      if (read.isEmpty()) {
        assertThat(last).as("a membership, once seen, does not vanish").isZero();
        return last;
      }
      long seconds = read.get().changedAt().getEpochSecond() - CREATED_AT.getEpochSecond();
      assertThat(seconds % 2).as("a write of this stream, not of the other").isEqualTo(parity);
      assertThat(seconds).as("no older than the last read").isGreaterThanOrEqualTo(last);
      return seconds;
    }

    @Test
    void findSubjectWhenPutOnAnotherStreamThenEmpty() {
      StreamConfiguration first = insert(ORG, "c1");
      StreamConfiguration second = insert(ORG, "c1");
      SubjectIdentifier subject = email("a@example.com");
      store().putSubject(first.owner(), first.streamId(), included(subject));

      assertThat(store().findSubject(second.owner(), second.streamId(), subject)).isEmpty();
    }

    @Test
    void putSubjectWhenStreamUnknownThenStreamNotFound() {
      StreamOwner owner = new StreamOwner(ORG, "c1");
      StreamId unknown = StreamId.random();

      assertThatThrownBy(() -> store().putSubject(owner, unknown, included(email("a@example.com"))))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_NOT_FOUND));
    }

    @Test
    void putSubjectWhenStreamWasDeletedThenStreamNotFound() {
      StreamConfiguration stream = insert(ORG, "c1");
      store().delete(stream.owner(), stream.streamId());

      assertThatThrownBy(
              () -> store().putSubject(stream.owner(), stream.streamId(), included(email("a@example.com"))))
          .satisfies(e -> assertThat(codeOf(e)).isEqualTo(SsfErrorCode.STREAM_NOT_FOUND));
    }

    @Test
    void findSubjectWhenStreamUnknownThenEmpty() {
      assertThat(store().findSubject(new StreamOwner(ORG, "c1"), StreamId.random(), email("a@example.com")))
          .isEmpty();
    }

    @Test
    void updateWhenStreamHasSubjectsThenSubjectsAreKept() {
      StreamConfiguration stream = insert(ORG, "c1");
      SubjectMembership membership = included(email("a@example.com"));
      store().putSubject(stream.owner(), stream.streamId(), membership);

      store().update(stream.toBuilder().status(StreamStatus.DISABLED).build(), 1);

      assertThat(store().findSubject(stream.owner(), stream.streamId(), email("a@example.com")))
          .contains(membership);
    }
  }
}
