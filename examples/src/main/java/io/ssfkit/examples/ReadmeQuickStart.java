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
import io.ssfkit.jackson.rules.RuleJson;
import io.ssfkit.rules.IdentityChange;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;

/** The README's quick start and rules snippet, compiled so that they cannot drift from the API. */
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

  static RuleOutcome revocationRules(TransmitterService service) {
    // --- README rules begin ---
    // Whenever an identity of these profiles enters one of these lifecycle states, end its sessions everywhere.
    RuleEngine rules = RuleEngine.builder()
        .transmitter(service)
        .subjectResolver(SubjectResolver.ofDefaults("https://transmitter.example.com"))  // email, else iss_sub
        .ruleSet(RuleSet.of(RevocationRule.lifecycle("leavers", Set.of("Employees", "Contractors"),
            Set.of("inactive", "terminated"))))                          // or RuleJson.readRuleSet(json)
        .build();
    IdentityChange change = IdentityChange.builder()                       // from your identity pipeline
        .orgId("tenant-1").identityId("2c9180835d2e5168015d32f890ca1581").profile("Employees")
        .attribute("email", "jane@example.com")
        .change(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "active", "inactive")
        .sourceEventId("evt-42").occurredAt(Instant.now())                // a replay of evt-42 publishes nothing
        .build();
    System.out.println(RuleJson.writeExplanation(rules.explain(change)));  // which rules, which streams, why
    RuleOutcome outcome = rules.process(change);                          // what was published, where
    // --- README rules end ---
    return outcome;
  }
}
