package io.ssfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssfkit.auth.Caller;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.Publication;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.PollClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The testkit's poll client against the reference transmitter over loopback HTTP. */
class PollClientTest {

  @Test
  @DisplayName("POLL-3 POLL-6 a receiver polls its SET, acknowledges it, and it is not offered again")
  void pollWhenSetPublishedThenReceivedAndAcknowledged() throws Exception {
    try (ReferenceTransmitter t = ReferenceTransmitter.start(new String[] {"--port", "0", "--client", "tok:c:o"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      StreamConfiguration stream = t.service().createStream(Caller.withManageScope("c", "o"),
          new CreateStreamRequest(null, List.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked"),
              null));
      PollClient client = PollClient.create(HttpClient.newHttpClient(),
          t.baseUrl().resolve(stream.delivery().endpointUrl().getRawPath()), "tok", Duration.ofSeconds(10));
      String jti = t.service().publish(Publication.of("o", SubjectIdentifier.email("user@example.com"),
          new CaepEvent.SessionRevoked(CaepCommon.NONE))).enqueued().get(stream.streamId());

      PollClient.Result first = client.poll(10, true, List.of());
      PollClient.Result acked = client.acknowledge(List.of(jti));
      PollClient.Result after = client.poll(10, true, List.of());

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.sets()).containsOnlyKeys(jti);
      assertThat(first.sets().get(jti).split("\\.")).hasSize(3);
      assertThat(acked.sets()).isEmpty();
      assertThat(after.sets()).isEmpty();
      assertThat(PollClient.create(HttpClient.newHttpClient(), t.baseUrl().resolve(
          stream.delivery().endpointUrl().getRawPath()), "wrong", Duration.ofSeconds(10))
          .poll(1, true, List.of()).status()).isEqualTo(401);
    }
  }
}
