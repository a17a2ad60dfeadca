package io.ssfkit.examples;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.JwtAccessTokenAuthenticator;
import io.ssfkit.jackson.http.SsfHttpHandler;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.Publication;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** The README's quick start, compiled so that it cannot drift from the API. */
final class ReadmeQuickStart {

  private ReadmeQuickStart() {}

  static HttpServer quickStart(JWKSet jwks) throws IOException {
    // --- README quick start begins ---
    KeyRing keys = KeyRing.create(SigningKeys.generate(JWSAlgorithm.RS256, 2048), Duration.ofDays(7), Clock.systemUTC());
    TransmitterService service = TransmitterService.builder()
        .issuer(URI.create("https://transmitter.example.com"))
        .streamStore(InMemoryStreamStore.create())            // or your own StreamStore, EventQueue, ...
        .setSigner(SetSigner.nimbus(keys))
        .eventQueue(InMemoryEventQueue.create())
        .deadLetterStore(InMemoryDeadLetterStore.create())
        .build();
    SsfHttpHandler handler = SsfHttpHandler.builder()
        .service(service)
        .authenticator(JwtAccessTokenAuthenticator.builder()  // or CallerAuthenticator.staticTokens(...)
            .issuer("https://login.example.com").audience("ssf-transmitter").jwkSet(jwks).build())
        .build();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
    server.createContext("/", new JdkHttpServerAdapter(handler, 64 * 1024));  // any HTTP server will do
    server.start();

    // An identity was deactivated: end its sessions at every receiver that asked for session-revoked.
    service.publish(Publication.of("tenant-1", SubjectIdentifier.email("jane@example.com"),
        new CaepEvent.SessionRevoked(CaepCommon.NONE)));
    // --- README quick start ends ---
    return server;
  }
}
