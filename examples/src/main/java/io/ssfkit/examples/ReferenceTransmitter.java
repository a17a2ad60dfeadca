package io.ssfkit.examples;

import com.nimbusds.jose.JWSAlgorithm;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.auth.CallerAuthenticator;
import io.ssfkit.delivery.ReceiverUrlPolicy;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.InitiatingEntity;
import io.ssfkit.event.LanguageMap;
import io.ssfkit.jackson.http.SsfHttpHandler;
import io.ssfkit.jackson.http.SsfHttpRequest;
import io.ssfkit.jackson.http.SsfHttpResponse;
import io.ssfkit.jackson.rules.IdentityChangeOptions;
import io.ssfkit.jackson.rules.RuleJson;
import io.ssfkit.limit.RateLimiter;
import io.ssfkit.rules.Condition;
import io.ssfkit.rules.EventAction;
import io.ssfkit.rules.EventKind;
import io.ssfkit.rules.RevocationRule;
import io.ssfkit.rules.RuleEngine;
import io.ssfkit.rules.RuleSet;
import io.ssfkit.rules.SubjectResolver;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The reference transmitter: the whole ssfkit transmitter API on the JDK HTTP server, with in-memory
 * state. It shows how a host wires ssfkit, and it is what a newcomer runs first.
 *
 * <pre>
 * java -jar examples/target/ssfkit-reference-transmitter.jar [--port N] [--host H] [--issuer URL]
 *     [--client TOKEN:CLIENT_ID:ORG_ID]... [--dev]
 * </pre>
 */
public final class ReferenceTransmitter implements AutoCloseable {

  static final String USAGE = """
      usage: java -jar ssfkit-reference-transmitter.jar [options]
        --port N                     port to listen on (default 8080; 0 picks a free port)
        --host H                     address to bind (default 127.0.0.1)
        --issuer URL                 issuer URL (default http://localhost:<port>)
        --client TOKEN:CLIENT:ORG    accept bearer TOKEN as client CLIENT of org ORG (repeatable);
                                     without any, two demo clients of one org are created
        --dev                        development mode: accept http and loopback receiver URLs, and serve
                                     POST /demo/identity-events (and /explain) to feed the rule engine
                                     and PUT /demo/rules to replace its rules while it runs
        --rules FILE                 revocation rules (JSON); default: session-revoked when an identity's
                                     lifecycle state becomes inactive or terminated
        --demo                       run the whole story once: a local receiver, a stream, an identity
                                     moved to inactive, and the signed SET it received, decoded and verified
        --tls                        serve https with a self-signed certificate made at start-up (for
                                     development and the conformance suite; the issuer becomes https)
        --server jdk|javalin         the HTTP server: the JDK's (default) or Javalin; both mount the same
                                     handler, /demo endpoints included
        --help                       print this help""";

  static final int MAX_BODY_BYTES = 64 * 1024;

  /** The parsed command line. */
  record Options(
      int port, String host, @Nullable String issuer, Map<String, Caller> clients, boolean dev,
      @Nullable Path rules, boolean demo, boolean javalin, boolean tls) {

    static Options parse(String[] args) {
      int port = 8080;
      String host = "127.0.0.1";
      String issuer = null;
      Map<String, Caller> clients = new LinkedHashMap<>();
      boolean dev = false;
      boolean demo = false;
      boolean portGiven = false;
      Path rules = null;
      boolean javalin = false;
      boolean tls = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--dev" -> dev = true;
          case "--demo" -> demo = true;
          case "--tls" -> tls = true;
          case "--rules" -> rules = Path.of(value(args, ++i, arg));
          case "--server" -> {
            String server = value(args, ++i, arg);
            if (!server.equals("jdk") && !server.equals("javalin")) {
              throw new IllegalArgumentException("--server takes jdk or javalin, but was " + server);
            }
            javalin = server.equals("javalin");
          }
          case "--port" -> {
            port = parsePort(value(args, ++i, arg));
            portGiven = true;
          }
          case "--host" -> host = value(args, ++i, arg);
          case "--issuer" -> issuer = value(args, ++i, arg);
          case "--client" -> {
            String spec = value(args, ++i, arg);
            String[] parts = spec.split(":", -1);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
              throw new IllegalArgumentException("--client takes TOKEN:CLIENT_ID:ORG_ID");
            }
            if (clients.put(parts[0], Caller.withManageScope(parts[1], parts[2])) != null) {
              throw new IllegalArgumentException("--client: the same token is given twice");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      // The demo runs the whole story on its own: development mode, and any free port unless one was given.
      if (tls && javalin) {
        throw new IllegalArgumentException("--tls is served by the JDK server only; leave out --server javalin");
      }
      return new Options(demo && !portGiven ? 0 : port, host, issuer, clients, dev || demo, rules, demo, javalin,
          tls);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int parsePort(String s) {
      try {
        int port = Integer.parseInt(s);
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port takes a number from 0 to 65535, but was " + s);
      }
    }
  }

  /** The HTTP server the transmitter runs on: the JDK's or Javalin; both mount the same handler. */
  private interface Host extends AutoCloseable {
    @Override
    void close();
  }

  private final Host host;
  private final URI baseUrl;
  private final TransmitterService service;
  private final @Nullable X509Certificate certificate;

  private ReferenceTransmitter(Host host, URI baseUrl, TransmitterService service,
      @Nullable X509Certificate certificate) {
    this.host = host;
    this.baseUrl = baseUrl;
    this.service = service;
    this.certificate = certificate;
  }

  /**
   * Returns the self-signed certificate served with {@code --tls}, for a client to trust.
   *
   * @return the certificate, or null without {@code --tls}
   */
  public @Nullable X509Certificate certificate() {
    return certificate;
  }

  /**
   * Starts a transmitter.
   *
   * @param args the command-line options
   * @param out where the startup lines (demo tokens, the listening line) are printed
   * @return the running transmitter
   * @throws IOException if the port cannot be bound
   * @throws IllegalArgumentException if the options are invalid
   */
  public static ReferenceTransmitter start(String[] args, PrintStream out) throws IOException {
    Options options = Options.parse(args);
    // What both hosts serve, set once the handler exists (the issuer needs the port first).
    AtomicReference<Function<SsfHttpRequest, CompletionStage<SsfHttpResponse>>> mounted = new AtomicReference<>();
    HttpServer server = null;
    JavalinHost javalin = null;
    SelfSignedTls tls = null;
    int port;
    if (options.javalin()) {
      javalin = JavalinHost.start(request -> mounted.get().apply(request), options.host(), options.port(),
          MAX_BODY_BYTES);
      port = javalin.port();
    } else if (options.tls()) {
      tls = SelfSignedTls.generate();
      HttpsServer https = HttpsServer.create(new InetSocketAddress(options.host(), options.port()), 64);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      server = https;
      port = server.getAddress().getPort();
    } else {
      server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
      port = server.getAddress().getPort();
    }
    Runnable unbind = stopper(server, javalin);
    String hostForUrl = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    String scheme = options.tls() ? "https" : "http";
    URI baseUrl = URI.create(scheme + "://" + hostForUrl + ":" + port);
    URI issuer = URI.create(options.issuer() != null ? options.issuer() : scheme + "://localhost:" + port);

    Map<String, Caller> clients = options.clients();
    if (clients.isEmpty()) {
      clients = demoClients(out);
    }
    InMemoryStreamStore store = InMemoryStreamStore.create();
    RuleSet rules;
    try {
      rules = options.rules() == null ? defaultRules() : RuleJson.readRuleSet(Files.readString(options.rules()));
    } catch (IOException e) {
      unbind.run();
      throw new IllegalArgumentException("--rules: cannot read " + options.rules() + ": " + e.getMessage(), e);
    } catch (SsfException e) {
      unbind.run();
      throw new IllegalArgumentException("--rules: " + options.rules() + " is invalid: " + e.getMessage(), e);
    }
    TransmitterService service;
    try {
      // An RS256 key generated for this run (SET-1); a host loads its own with SigningKeys.fromPem/fromKeyStore.
      KeyRing keys = KeyRing.create(SigningKeys.generate(JWSAlgorithm.RS256, 2048), Duration.ofDays(1),
          Clock.systemUTC());
      service = TransmitterService.builder()
          .issuer(issuer)
          .streamStore(store)
          .setSigner(SetSigner.nimbus(keys))
          .eventQueue(InMemoryEventQueue.create())
          .deadLetterStore(InMemoryDeadLetterStore.create())
          .deliveryMethods(EnumSet.of(DeliveryMethod.PUSH, DeliveryMethod.POLL))
          .minVerificationInterval(Duration.ofSeconds(30))
          // Roomier than the library default (a burst of 50, 10/s): test suites drive it fast from one client.
          .rateLimiter(RateLimiter.tokenBucket(500, 100, Clock.systemUTC()))
          .receiverUrlPolicy(options.dev() ? ReceiverUrlPolicy.development() : ReceiverUrlPolicy.strict())
          .build();
    } catch (IllegalStateException e) {
      unbind.run();
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    SsfHttpHandler handler = SsfHttpHandler.builder()
        .service(service)
        .authenticator(CallerAuthenticator.staticTokens(clients))
        .maxBodyBytes(MAX_BODY_BYTES)
        .build();

    RuleEngine engine = RuleEngine.builder()
        .ruleSet(rules)
        .transmitter(service)
        .subjectResolver(SubjectResolver.ofDefaults(issuer.toString()))
        .build();

    if (options.dev()) {
      DevEndpoints dev = new DevEndpoints(engine, IdentityChangeOptions
          .ofDefaults(Clock.systemUTC()).withDefaultOrgId(clients.values().iterator().next().orgId()));
      mounted.set(request -> DevEndpoints.serves(request)
          ? CompletableFuture.completedFuture(dev.handle(request))
          : handler.handle(request));
    } else {
      mounted.set(handler::handle);
    }
    Host running;
    if (server != null) {
      ExecutorService executor = Executors.newFixedThreadPool(8);
      server.setExecutor(executor);
      server.createContext("/", new JdkHttpServerAdapter(mounted.get(), MAX_BODY_BYTES));
      server.start();
      running = jdkHost(server, executor);
    } else {
      running = Objects.requireNonNull(javalin)::close;
    }
    out.println("ssfkit transmitter listening on " + baseUrl);
    out.flush();
    return new ReferenceTransmitter(running, baseUrl, service, tls == null ? null : tls.certificate());
  }

  private static Runnable stopper(@Nullable HttpServer server, @Nullable JavalinHost javalin) {
    return () -> {
      if (server != null) {
        server.stop(0);
      }
      if (javalin != null) {
        javalin.close();
      }
    };
  }

  /** The JDK server: let requests in progress finish for up to a second, then stop its threads. */
  private static Host jdkHost(HttpServer server, ExecutorService executor) {
    return () -> {
      server.stop(1);
      executor.shutdown();
      try {
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    };
  }

  /**
   * The default rule set: whenever an identity's lifecycle state becomes {@code inactive} or
   * {@code terminated}, its sessions are revoked at every receiver that asked for session-revoked.
   */
  static RuleSet defaultRules() {
    return RuleSet.of(RevocationRule.builder("lifecycle-inactive-or-terminated")
        .when(new Condition.LifecycleEntered(Set.of("inactive", "terminated")))
        .emit(EventAction.builder(EventKind.SESSION_REVOKED)
            .reasonAdmin(LanguageMap.of("en", "Identity ${identity.id} entered lifecycle state ${lifecycle.after}"))
            .initiatingEntity(InitiatingEntity.POLICY)
            .build())
        .build());
  }

  private static Map<String, Caller> demoClients(PrintStream out) {
    SecureRandom random = new SecureRandom();
    Map<String, Caller> clients = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Caller caller = Caller.withManageScope("demo-client-" + i, "demo-org");
      clients.put(token, caller);
      lines.add("  client " + caller.clientId() + " (org " + caller.orgId() + "): Authorization: Bearer " + token);
    }
    out.println("no --client given; demo clients for this run:");
    lines.forEach(out::println);
    return clients;
  }

  /**
   * Returns the URL the server listens on.
   *
   * @return such as {@code http://127.0.0.1:8080}
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Stops the server, letting requests in progress finish for up to a second. */
  /**
   * Returns the transmitter service, so that an embedding program (or a test) can publish events.
   *
   * @return the service
   */
  public TransmitterService service() {
    return service;
  }

  @Override
  public void close() {
    host.close();
    service.close();
  }

  /**
   * Runs the reference transmitter until the process is stopped (SIGTERM or Ctrl-C stop it cleanly).
   *
   * @param args the command-line options; {@code --help} prints them
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println(USAGE);
      return;
    }
    // Hibernate Validator logs through jboss-logging; route it to SLF4J like everything else.
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
    if (List.of(args).contains("--demo")) {
      try {
        System.exit(Demo.run(args, System.out));
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        System.err.println(USAGE);
        System.exit(2);
      }
      return;
    }
    ReferenceTransmitter transmitter;
    try {
      transmitter = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      transmitter.close();
      System.out.println("ssfkit transmitter stopped");
      stopped.countDown();
    }, "ssfkit-shutdown"));
    stopped.await();
  }
}
