package io.ssfkit.examples;

import io.ssfkit.testkit.conformance.TransmitterConformanceSuite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance-parity suite against the reference transmitter, started in development mode on a free
 * loopback port, so that the push tests can register a loopback receiver.
 *
 * <p>{@link #requireHttps()} is false because the reference transmitter serves plain http on loopback. A host's
 * https deployment keeps the default (true), which also checks that the issuer and every endpoint are https.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceTransmitterConformanceTest extends TransmitterConformanceSuite {

  private ReferenceTransmitter transmitter;

  /**
   * How the transmitter is served.
   *
   * @return the options that choose it: the JDK server here; {@link JavalinConformanceTest} runs the same suite
   *     on Javalin and {@link TlsConformanceTest} over https
   */
  List<String> hostOptions() {
    return List.of("--server", "jdk");
  }

  /** The running transmitter, for subclasses. */
  ReferenceTransmitter transmitter() {
    return transmitter;
  }

  @BeforeAll
  void start() throws Exception {
    List<String> args = new ArrayList<>(List.of("--dev", "--port", "0",
        "--client", "conformance-a:client-a:org-a", "--client", "conformance-b:client-b:org-b"));
    args.addAll(hostOptions());
    transmitter = ReferenceTransmitter.start(args.toArray(String[]::new),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  void stop() {
    transmitter.close();
  }

  /** The issuer is {@code http://localhost:<port>}; the server listens on 127.0.0.1. */
  @Override
  protected URI baseUrl() {
    return URI.create(transmitter.baseUrl().getScheme() + "://localhost:" + transmitter.baseUrl().getPort());
  }

  @Override
  protected String bearerToken() {
    return "conformance-a";
  }

  @Override
  protected String secondClientToken() {
    return "conformance-b";
  }

  @Override
  protected boolean requireHttps() {
    return false;
  }
}
