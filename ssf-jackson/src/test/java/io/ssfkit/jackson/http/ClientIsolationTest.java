package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_B;
import static io.ssfkit.jackson.http.TestTransmitter.TOKEN_C;
import static io.ssfkit.jackson.http.TestTransmitter.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamOwner;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AUTH-2: a receiver reaches only its own streams; another's is reported as not found, and stays unchanged. */
class ClientIsolationTest {

  @DisplayName("AUTH-2 another client (same org or another org) gets 404 on every operation; A's stream is unchanged")
  @ParameterizedTest(name = "intruder token {0}")
  @ValueSource(strings = {TOKEN_B, TOKEN_C})
  void everyOperationWhenStreamBelongsToAnotherClientThenNotFoundAndUnchanged(String intruder) {
    TestTransmitter t = TestTransmitter.create();
    String id = t.createPushStream(TOKEN_A);
    StreamOwner owner = new StreamOwner("org-1", "client-a");
    StreamConfiguration before = t.store.find(owner, StreamId.of(id)).orElseThrow();
    String subject = "{\"format\":\"email\",\"email\":\"user@example.com\"}";

    String[][] operations = {
      {"GET", "/ssf/v1/streams?stream_id=" + id, null},
      {"PATCH", "/ssf/v1/streams", "{\"stream_id\":\"" + id + "\",\"description\":\"hijacked\"}"},
      {"PUT", "/ssf/v1/streams", "{\"stream_id\":\"" + id + "\",\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
          + "\"endpoint_url\":\"https://attacker.example.com/e\"}}"},
      {"GET", "/ssf/v1/streams/status?stream_id=" + id, null},
      {"POST", "/ssf/v1/streams/status", "{\"stream_id\":\"" + id + "\",\"status\":\"disabled\"}"},
      {"POST", "/ssf/v1/streams/subjects/add", "{\"stream_id\":\"" + id + "\",\"subject\":" + subject + "}"},
      {"POST", "/ssf/v1/streams/subjects/remove", "{\"stream_id\":\"" + id + "\",\"subject\":" + subject + "}"},
      {"DELETE", "/ssf/v1/streams?stream_id=" + id, null},
    };
    for (String[] op : operations) {
      SsfHttpResponse response = t.send(op[0], op[1], intruder, op[2]);
      assertThat(response.status()).as(op[0] + " " + op[1]).isEqualTo(404);
      assertThat(json(response).get("detailCode").asText()).isEqualTo("404 Not found");
    }
    SsfHttpResponse list = t.send("GET", "/ssf/v1/streams", intruder, null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(json(list).isArray()).isTrue();
    assertThat(list.bodyAsString()).doesNotContain(id);

    StreamConfiguration after = t.store.find(owner, StreamId.of(id)).orElseThrow();
    assertThat(after).isEqualTo(before);
    assertThat(t.store.findSubject(owner, StreamId.of(id),
        SubjectIdentifier.fromMap(Map.of("format", "email", "email", "user@example.com")))).isEmpty();
    assertThat(t.send("GET", "/ssf/v1/streams?stream_id=" + id, TOKEN_A, null).status()).isEqualTo(200);
  }
}
