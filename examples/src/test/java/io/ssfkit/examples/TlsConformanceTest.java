package io.ssfkit.examples;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The conformance-parity suite over https, with every https check on (issue 6): the reference transmitter
 * serves a self-signed certificate made at start-up ({@code --tls}), and the suite's client trusts exactly that
 * certificate.
 */
class TlsConformanceTest extends ReferenceTransmitterConformanceTest {

  @Override
  List<String> hostOptions() {
    return List.of("--tls");
  }

  @Override
  protected boolean requireHttps() {
    return true;
  }

  @Override
  protected HttpClient newHttpClient() {
    try {
      return HttpClient.newBuilder()
          .sslContext(SelfSignedTls.trusting(Objects.requireNonNull(transmitter().certificate())))
          .connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the transmitter's certificate", e);
    }
  }
}
