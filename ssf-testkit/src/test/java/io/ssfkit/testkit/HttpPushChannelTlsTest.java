package io.ssfkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.ssfkit.delivery.DeliveryResult;
import io.ssfkit.delivery.DeliveryResult.Delivered;
import io.ssfkit.delivery.DeliveryResult.Failed;
import io.ssfkit.delivery.HttpPushChannel;
import io.ssfkit.delivery.PushTarget;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PUSH-7 and AUTH-7 against a real TLS receiver on 127.0.0.1: the server's certificate must be trusted and
 * must name the host, and only TLS 1.2 or 1.3 is spoken. The keystores below are self-signed EC keys made
 * for this test with {@code keytool} (password {@code changeit}, valid 2000 to 2123): one for
 * {@code IP:127.0.0.1}, one for {@code DNS:receiver.example.test}.
 */
@DisplayName("PUSH-7 and AUTH-7 TLS")
class HttpPushChannelTlsTest {

  private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ0In0.c2ln";
  private static final char[] PASSWORD = "changeit".toCharArray();

  private static final String FOR_127_0_0_1 =
      "MIIEBAIBAzCCA64GCSqGSIb3DQEHAaCCA58EggObMIIDlzCCAS4GCSqGSIb3DQEHAaCCAR8EggEbMIIBFzCCARMGCyqGSIb3DQEM" +
      "CgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBT/Lht0rbAVWtpcrlg74TDlhALW4AICJxACASAwDAYIKoZI" +
      "hvcNAgkFADAdBglghkgBZQMEASoEEPOyYdqi7zFRIN0gKFMjS/EEUFsu5KuwGz2hWOF86bi3+cZYJzr9v6V9E1UgB0akkAaNbkNd" +
      "rssAxJ8P5emokBrZsYdpEYmzxLC4hCq4xC02gfKIauWXpW0Tb8tavsSmMlRoMUQwHwYJKoZIhvcNAQkUMRIeEAByAGUAYwBlAGkA" +
      "dgBlAHIwIQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NjMyMDI3NzY4MTCCAmEGCSqGSIb3DQEHBqCCAlIwggJOAgEAMIICRwYJKoZI" +
      "hvcNAQcBMGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBS6jFqApIGHTEq+dN8llzQmR3lSoAICJxACASAwDAYIKoZIhvcN" +
      "AgkFADAdBglghkgBZQMEASoEEHiksGtaGjXLXHUe74tytc6AggHQVULhbR6ph+t/MZ4C6LMBepT2AZarjg041t6jf06HU0OBofmp" +
      "GeQGuWezURfimaj7vDig9toQgi4SMiRSX1wFOVZsg35ChRHxMMCRjBy9+sEZI7I5oGDwsUr5OGXnXrnMp3OcGLxpbqUbHfmT/6jc" +
      "g61W3Q4ttH92GOpnk3jdlkzHMyipkQDLHMIsP62K4Y7e/p0fv1dksfAaxGC6lmw68TweeoEQvW9EFkFI+z9Pq9s9S4suU3Z3qgej" +
      "6bTHDBdYfwlV+B/jw+P70uUXr4PvmyIPwv2kyNcINic2Z+v3S6bGXrPvPZ1Cf3a1hXJHiuknDgNSU4tqw/yyzu17J6ePTL0Xek41" +
      "i7FKJGuWw6nN+cFaHfTmjHfZWK2G+Z47PSqWUtBug6ntRlq1gyxesjhDh1FTCEb++ad1bISr6BET2AlDTZ/l/B8AL5gLXV6e//az" +
      "puCbQpRTG33tcxKDjMk101MiH5fk3ytGxb4Fd8kc24NBj/B/spbI+aQJTyDooM9FqFXqNqK/vIjqAHTlD9ZJuGeGxiGVrZvJb/bj" +
      "wjFBsrH/shEW1dhRu6LElcevbZogUVTrTa1+Dj9w8FKVj/R2IbrhTW3b2toTFRqPcfkMH5cwTTAxMA0GCWCGSAFlAwQCAQUABCB9" +
      "HlP8GsH++qA8rn0v4+lgWsb7rrM/J1713pAut3J6BAQUADqARRxyJpubThb8XHQ0kxIVqfICAicQ";

  private static final String FOR_OTHER_NAME =
      "MIIENAIBAzCCA94GCSqGSIb3DQEHAaCCA88EggPLMIIDxzCCAS4GCSqGSIb3DQEHAaCCAR8EggEbMIIBFzCCARMGCyqGSIb3DQEM" +
      "CgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBQ1Ht1eFRggSnDrPWh6BfeK0ZDn6QICJxACASAwDAYIKoZI" +
      "hvcNAgkFADAdBglghkgBZQMEASoEEAPbALwuiPzSVuoneQAHQnEEUFd4IMtl2OvDKonalQO8Ze/FSHlKIxrHGDTEhiLdfqqUGWIr" +
      "MydfhPEdoghDpfwgX48qqUncDPcdFVt79tVcjBjPmFeOitoJ3WkKuczI8AGJMUQwHwYJKoZIhvcNAQkUMRIeEAByAGUAYwBlAGkA" +
      "dgBlAHIwIQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NjMyMDI3OTAxNzCCApEGCSqGSIb3DQEHBqCCAoIwggJ+AgEAMIICdwYJKoZI" +
      "hvcNAQcBMGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBSIDYY9mP0XrfThrCJvSJKjQ1AJyQICJxACASAwDAYIKoZIhvcN" +
      "AgkFADAdBglghkgBZQMEASoEEPbG6RRVjdOULrHyaasb1zaAggIAsFgXO0h3mGl67i7JSQLVLomv9oF/4GA8UXTHBT5J77CTfsU0" +
      "SRL360RI3fSCA//IOSTBRk+qVVzZIJMY2Z3GEqohhLPG+4CO5Lm3GW7O5ezMFwdgefmyLaIFo1qKERgaN78/1KyfMc0EpJ8YcGWu" +
      "U89z+jKEt76VVjApApmxsg9FBHgIcsN16Ahin8/tt9CoTMwQp/E1J4BOl1bKLlE5EiSOLit3kbi7wGemCi9/rq5bY1bwyTHgwND2" +
      "Ael+Fxm2kcQTz9JrGvRA/xKY+mp5mgrzkgHQegZtGQlm7lzoBTNOUUGnjXxjF27+7Cz17OEQLI8a2s6HJuwzajS9SMQIeEsAUDRf" +
      "dFQv5a7GYzY8M3WdAf0+ITSiz4c9BvWnxCDvLbzIpzdpMbIeoorgOCoA8Qg6Qj1yfbmR8EHwlSfz5uJVUcKRXTBF6NOlkl9DdLrJ" +
      "hjY9kXGKAQ3+wg/e0wlIgYyIFUgKxGt5HdXydrJOcPZ6kt/0aOG+JVPCaBjQsGoceaz4pdIvrRORoDLXBjh9oo4aaX/nJa3/XGpc" +
      "vuwlxrUGQe/HzXh4O5JUMCErkneMx+W5i5DFxHy+EEN4cMUdi1C4HLEwQ5zqo7N0yeL4b5aJYsS/mp+wchxkqVze2w8ONjPZy6ty" +
      "GB/ipXcX7A0VTL60wF6Fq2qEPJcSCZt9Xw4wTTAxMA0GCWCGSAFlAwQCAQUABCAGwZVKc5RefQ20y7Cd/yRRoruwOHw7MFnKAv2q" +
      "f2Vh+wQUBNy17zWhPqwV3ZPPg78NQkHgPlYCAicQ";

  private final List<String> protocols = new CopyOnWriteArrayList<>();
  private HttpsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static KeyStore keyStore(String base64) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64))) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  /** Starts an HTTPS receiver on 127.0.0.1 that answers 202 and records the TLS version of each request. */
  private URI start(String keyStore) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore(keyStore), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      protocols.add(((HttpsExchange) exchange).getSSLSession().getProtocol());
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/events");
  }

  /** A client context that trusts exactly the certificate of a keystore. */
  private static SSLContext trusting(String keyStore) throws Exception {
    KeyStore source = keyStore(keyStore);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("receiver", source.getCertificate("receiver"));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static DeliveryResult deliver(HttpPushChannel.Builder builder, URI endpoint) throws Exception {
    HttpPushChannel channel = builder.urlPolicy(ReceiverUrlPolicy.development())
        .proxy(HttpClient.Builder.NO_PROXY).requestTimeout(Duration.ofSeconds(5)).build();
    return channel.deliver(new PushTarget(endpoint, "Bearer tls-secret"), TOKEN).toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
  }

  @Test
  void deliverWhenCertificateIsTrustedAndNamesHostThenDeliveredOverTls12OrLater() throws Exception {
    URI endpoint = start(FOR_127_0_0_1);

    DeliveryResult result = deliver(HttpPushChannel.builder().sslContext(trusting(FOR_127_0_0_1)), endpoint);

    assertThat(result).isEqualTo(new Delivered(202));
    assertThat(protocols).hasSize(1).allSatisfy(p -> assertThat(p).isIn("TLSv1.2", "TLSv1.3"));
  }

  @Test
  void deliverWhenCertificateIsSelfSignedAndNotTrustedThenFailedWithoutRequest() throws Exception {
    URI endpoint = start(FOR_127_0_0_1);

    DeliveryResult result = deliver(HttpPushChannel.builder(), endpoint);

    assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
      assertThat(failed.status()).isZero();
      assertThat(failed.retryable()).isTrue();
      assertThat(failed.reason()).startsWith("TLS failed").doesNotContain("tls-secret");
    });
    assertThat(protocols).isEmpty();
  }

  @Test
  void deliverWhenCertificateNamesAnotherHostThenFailedWithoutRequest() throws Exception {
    URI endpoint = start(FOR_OTHER_NAME);

    DeliveryResult result = deliver(HttpPushChannel.builder().sslContext(trusting(FOR_OTHER_NAME)), endpoint);

    assertThat(result).isInstanceOfSatisfying(Failed.class,
        failed -> assertThat(failed.reason()).startsWith("TLS failed"));
    assertThat(protocols).isEmpty();
  }
}
