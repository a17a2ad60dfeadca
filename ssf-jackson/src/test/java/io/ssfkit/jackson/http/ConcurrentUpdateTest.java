package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.TestTransmitter.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Concurrent changes to one stream never lose an update (optimistic concurrency in the store). */
class ConcurrentUpdateTest {

  private static final int PER_THREAD = 1_000;

  @Test
  @DisplayName("STREAM-9 three threads × 1,000 changes to one stream: every change lands, none is lost")
  void patchWhenThreadsChangeOneStreamConcurrentlyThenNoUpdateIsLost() throws Exception {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);

    List<IntFunction<SsfHttpResponse>> writers = List.of(
        i -> t.send("PATCH", "/ssf/v1/streams", TOKEN_A,
            "{\"stream_id\":\"" + id + "\",\"description\":\"description-" + i + "\"}"),
        i -> t.send("PATCH", "/ssf/v1/streams", TOKEN_A,
            "{\"stream_id\":\"" + id + "\",\"delivery\":{\"endpoint_url\":\"https://receiver.example.com/e/" + i
                + "\"}}"),
        i -> t.send("POST", "/ssf/v1/streams/status", TOKEN_A,
            "{\"stream_id\":\"" + id + "\",\"status\":\"enabled\",\"reason\":\"reason-" + i + "\"}"));

    ExecutorService pool = Executors.newFixedThreadPool(writers.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (IntFunction<SsfHttpResponse> writer : writers) {
        results.add(pool.submit(() -> {
          start.await();
          List<Integer> statuses = new ArrayList<>();
          for (int i = 0; i < PER_THREAD; i++) {
            statuses.add(writer.apply(i).status());
          }
          return statuses;
        }));
      }
      start.countDown();
      for (Future<List<Integer>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(PER_THREAD).containsOnly(200);
      }
    } finally {
      pool.shutdownNow();
    }

    StreamConfiguration stored = t.store.find(new StreamOwner("org-1", "client-a"), StreamId.of(id)).orElseThrow();
    // Version 1 at creation, plus exactly one increment per successful change.
    assertThat(stored.version()).isEqualTo(1L + (long) writers.size() * PER_THREAD);
    JsonNode stream = json(t.send("GET", "/ssf/v1/streams?stream_id=" + id, TOKEN_A, null));
    assertThat(stream.get("description").asText()).isEqualTo("description-" + (PER_THREAD - 1));
    assertThat(stream.at("/delivery/endpoint_url").asText())
        .isEqualTo("https://receiver.example.com/e/" + (PER_THREAD - 1));
    JsonNode status = json(t.send("GET", "/ssf/v1/streams/status?stream_id=" + id, TOKEN_A, null));
    assertThat(status.get("reason").asText()).isEqualTo("reason-" + (PER_THREAD - 1));
  }
}
