package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.HttpAssertions.assertInternalFault;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.spi.StreamStore;
import io.ssfkit.stream.ConcurrentStreamUpdateException;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 500 ({@code Errorresponsedto}, {@code 500.0 Internal Fault}) comes only from a failing store and leaks nothing;
 * a store that keeps reporting concurrent changes gives 409.
 */
class StoreFailureTest {

  /** Words of the store's exception that must never reach the caller. */
  private static final String SECRET_DETAIL =
      "connection refused: jdbc:postgresql://db.internal:5432/ssf?user=ssf&password=hunter2";

  /**
   * A store that delegates to an in-memory store, except for the methods told to fail, and (when
   * {@code contended}) an {@code update} that always finds the stream changed by someone else.
   */
  private static final class FlakyStore {
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    volatile boolean contended;
    final StreamStore store;

    FlakyStore() {
      InMemoryStreamStore delegate = InMemoryStreamStore.create();
      this.store = (StreamStore) Proxy.newProxyInstance(
          StreamStore.class.getClassLoader(), new Class<?>[] {StreamStore.class}, (proxy, method, args) -> {
            if (failing.contains(method.getName()) || failing.contains("*")) {
              throw new IllegalStateException(SECRET_DETAIL);
            }
            if (contended && method.getName().equals("update")) {
              StreamConfiguration next = (StreamConfiguration) args[0];
              throw new ConcurrentStreamUpdateException(next.streamId(), (Long) args[1]);
            }
            try {
              return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** What A can see of its streams (the list, and the status of the operation's stream), read while the store works. */
  private static String snapshot(TestTransmitter t, ApiOperation op, String id) {
    String list = t.send("GET", ApiOperation.Paths.STREAMS, TOKEN_A, null).bodyAsString();
    return op.needsStream()
        ? list + t.send("GET", ApiOperation.Paths.STATUS + "?stream_id=" + id, TOKEN_A, null).bodyAsString()
        : list;
  }

  private static void assertNoLeak(SsfHttpResponse response) {
    assertThat(response.bodyAsString())
        .doesNotContain("hunter2")
        .doesNotContain("jdbc")
        .doesNotContain("connection refused")
        .doesNotContain("IllegalStateException")
        .doesNotContain("store");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiOperation.class)
  @DisplayName("ERR-1 / 4.1 when every store call fails, every operation is 500.0 Internal Fault with a trackingId and no detail")
  void operationWhenStoreFailsThenInternalFaultWithoutDetail(ApiOperation op) {
    FlakyStore flaky = new FlakyStore();
    TestTransmitter t = TestTransmitter.withStore(flaky.store);
    String id = op.prepare(t);
    flaky.failing.add("*");

    SsfHttpResponse response = op.send(t, TOKEN_A, id);

    assertInternalFault(response);
    assertNoLeak(response);
  }

  @ParameterizedTest(name = "{0} fails in {1}")
  @CsvSource({
      "CREATE_STREAM, insert",
      "LIST_STREAMS, list",
      "GET_STREAM, find",
      "UPDATE_STREAM, update",
      "REPLACE_STREAM, update",
      "UPDATE_STATUS, update",
      "DELETE_STREAM, delete",
      "GET_STATUS, find",
      "ADD_SUBJECT, putSubject",
      "REMOVE_SUBJECT, putSubject",
  })
  @DisplayName("ERR-1 a failure in the write step itself (after a successful read) is 500 too, and nothing changes")
  void operationWhenStoreWriteFailsThenInternalFault(ApiOperation op, String method) {
    FlakyStore flaky = new FlakyStore();
    TestTransmitter t = TestTransmitter.withStore(flaky.store);
    String id = op.prepare(t);
    String before = snapshot(t, op, id);
    flaky.failing.add(method);

    SsfHttpResponse response = op.send(t, TOKEN_A, id);

    assertInternalFault(response);
    assertNoLeak(response);
    flaky.failing.clear();
    assertThat(snapshot(t, op, id)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ApiOperation.class, names = {"UPDATE_STREAM", "REPLACE_STREAM", "UPDATE_STATUS"})
  @DisplayName("409 a stream that keeps changing concurrently through every retry is 409 Conflict, not 500, and unchanged")
  void changeWhenStreamKeepsChangingConcurrentlyThenConflict(ApiOperation op) {
    FlakyStore flaky = new FlakyStore();
    TestTransmitter t = TestTransmitter.withStore(flaky.store);
    String id = op.prepare(t);
    String before = snapshot(t, op, id);
    flaky.contended = true;

    HttpAssertions.assertErrorBody(op.send(t, TOKEN_A, id), 409, HttpAssertions.CONFLICT);

    assertThat(snapshot(t, op, id)).isEqualTo(before);
  }

  @Test
  @DisplayName("4.1 each 500 has its own trackingId")
  void createWhenStoreFailsTwiceThenDistinctTrackingIds() {
    FlakyStore flaky = new FlakyStore();
    TestTransmitter t = TestTransmitter.withStore(flaky.store);
    flaky.failing.add("*");

    String first = assertInternalFault(t.send("POST", ApiOperation.Paths.STREAMS, TOKEN_A, TestTransmitter.CREATE_BODY));
    String second = assertInternalFault(t.send("POST", ApiOperation.Paths.STREAMS, TOKEN_A, TestTransmitter.CREATE_BODY));

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  @DisplayName("ERR-1 the store recovering means the next request succeeds (no state is poisoned by a failure)")
  void createWhenStoreRecoversThenCreated() {
    FlakyStore flaky = new FlakyStore();
    TestTransmitter t = TestTransmitter.withStore(flaky.store);
    flaky.failing.add("insert");
    assertInternalFault(t.send("POST", ApiOperation.Paths.STREAMS, TOKEN_A, TestTransmitter.CREATE_BODY));

    flaky.failing.clear();

    assertThat(t.send("POST", ApiOperation.Paths.STREAMS, TOKEN_A, TestTransmitter.CREATE_BODY).status()).isEqualTo(201);
  }
}
