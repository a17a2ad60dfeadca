package io.ssfkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.ssfkit.testkit.ReceiverSimulator;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole story in one command ({@code --demo}): a transmitter and a receiver on this machine, a stream
 * between them, an identity moved to {@code inactive}, and the session-revoked SET the receiver got, decoded
 * and verified against the transmitter's JWKS. Everything stays on loopback.
 */
final class Demo {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern STREAM_ID = Pattern.compile("\"stream_id\":\"([^\"]+)\"");

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args the command line, containing {@code --demo}
   * @param out where the story is told
   * @return the process exit code: 0 when the SET arrived and verified
   * @throws Exception if a step fails unexpectedly
   */
  static int run(String[] args, PrintStream out) throws Exception {
    List<String> options = new ArrayList<>(Arrays.asList(args));
    String token = null;
    if (!options.contains("--client")) {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      options.addAll(List.of("--client", token + ":demo-client:demo-org"));
    } else {
      token = options.get(options.indexOf("--client") + 1).split(":", 2)[0];
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try (ReceiverSimulator receiver = ReceiverSimulator.start();
        ReferenceTransmitter transmitter = ReferenceTransmitter.start(options.toArray(String[]::new), out)) {
      URI base = transmitter.baseUrl();
      out.println();
      out.println("1. A receiver listens at " + receiver.endpoint() + "; it registers a push stream for session-revoked:");
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/ssf/v1/streams"))
          .timeout(WAIT)
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\","
              + "\"endpoint_url\":\"" + receiver.endpoint() + "\"},\"events_requested\":["
              + "\"https://schemas.openid.net/secevent/caep/event-type/session-revoked\"]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      Matcher id = STREAM_ID.matcher(created.body());
      if (created.statusCode() != 201 || !id.find()) {
        out.println("   creating the stream failed: " + created.statusCode() + " " + created.body());
        return 1;
      }
      out.println("   POST /ssf/v1/streams -> 201, stream_id " + id.group(1));

      out.println();
      out.println("2. The identity platform reports that Ann's lifecycle state changed from active to inactive:");
      String change = "{\"identity\":{\"id\":\"2c9180835d2e5168015d32f890ca1581\",\"name\":\"Ann Smith\","
          + "\"type\":\"IDENTITY\"},\"changes\":[{\"attribute\":\"cloudLifecycleState\",\"oldValue\":\"active\","
          + "\"newValue\":\"inactive\"}],\"attributes\":{\"email\":\"ann.smith@example.com\"}}";
      HttpResponse<String> outcome = http.send(HttpRequest.newBuilder(base.resolve("/demo/identity-events"))
          .timeout(WAIT).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(change)).build(), HttpResponse.BodyHandlers.ofString());
      out.println("   POST /demo/identity-events -> " + outcome.statusCode());
      out.println(indent(json.writeValueAsString(json.readTree(outcome.body()))));

      out.println();
      out.println("3. The receiver got:");
      List<ReceiverSimulator.ReceivedRequest> received = receiver.awaitRequests(1, WAIT);
      if (received.isEmpty()) {
        out.println("   nothing within " + WAIT.toSeconds() + " s");
        return 1;
      }
      ReceiverSimulator.ReceivedRequest push = received.get(0);
      out.println("   POST " + push.uri().getPath() + ", Content-Type: " + push.header("Content-Type").orElse("?"));
      SignedJWT set = SignedJWT.parse(push.bodyText());
      out.println("   header: " + new ObjectMapper().writeValueAsString(set.getHeader().toJSONObject()));
      out.println(indent(json.writeValueAsString(set.getJWTClaimsSet().toJSONObject())));

      HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(base.resolve("/ssf/v1/jwks")).timeout(WAIT).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      RSAKey key = JWKSet.parse(jwks.body()).getKeyByKeyId(set.getHeader().getKeyID()).toRSAKey();
      boolean verified = set.verify(new RSASSAVerifier(key));
      out.println();
      out.println(verified
          ? "4. The signature verifies against GET /ssf/v1/jwks (kid " + key.getKeyID() + "): the receiver can end "
              + "Ann's sessions."
          : "4. The signature does NOT verify against GET /ssf/v1/jwks.");
      return verified ? 0 : 1;
    }
  }

  private static String indent(String text) {
    return "   " + text.replace("\n", "\n   ");
  }
}
