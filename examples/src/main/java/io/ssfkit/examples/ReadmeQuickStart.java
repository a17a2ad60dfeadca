package io.ssfkit.examples;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.JwtAccessTokenAuthenticator;
import io.ssfkit.jackson.http.SsfHttpHandler;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** The README's quick start, compiled so that it cannot drift from the API. */
final class ReadmeQuickStart {

  private ReadmeQuickStart() {}

  static HttpServer quickStart(JWKSet jwks) throws IOException {
    // --- README quick start begins ---
    TransmitterService service = TransmitterService.builder()
        .issuer(URI.create("https://transmitter.example.com"))
        .streamStore(InMemoryStreamStore.create())            // or your own StreamStore
        .build();
    SsfHttpHandler handler = SsfHttpHandler.builder()
        .service(service)
        .authenticator(JwtAccessTokenAuthenticator.builder()  // or CallerAuthenticator.staticTokens(...)
            .issuer("https://login.example.com").audience("ssf-transmitter").jwkSet(jwks).build())
        .build();

    // Any HTTP server: turn its request into an SsfHttpRequest, write the SsfHttpResponse when the stage completes.
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
    server.createContext("/", new JdkHttpServerAdapter(handler, 64 * 1024));
    server.start();
    // --- README quick start ends ---
    return server;
  }
}
