package io.ssfkit.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The push receiver of the delivery benchmarks: a JDK {@link HttpServer} bound to 127.0.0.1 only, which reads
 * the request body and answers 202 with no body. It does nothing else, so that it is not the bottleneck, and
 * both sides of a comparison (ssfkit and a bare {@code HttpClient} loop) push to an identical receiver.
 *
 * <p>An optional hook sees every body at receipt, on the receiver's thread, with {@link System#nanoTime()} taken
 * right after the body was read; the latency harness uses it.
 */
final class LoopbackReceiver implements AutoCloseable {

  /** Sees a received body and its receipt time; must be quick and must not throw. */
  interface Hook {
    void received(byte[] body, long receivedAtNanos);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();
  private final Hook hook;

  private LoopbackReceiver(HttpServer server, ExecutorService executor, Hook hook) {
    this.server = server;
    this.executor = executor;
    this.hook = hook;
  }

  /**
   * Starts a receiver on an ephemeral port of 127.0.0.1.
   *
   * @param threads the threads that answer requests
   * @param hook sees every body, or null
   * @return the running receiver
   * @throws IOException if the port cannot be bound
   */
  static LoopbackReceiver start(int threads, Hook hook) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "loopback-receiver-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    LoopbackReceiver receiver = new LoopbackReceiver(server, executor, hook);
    server.createContext("/events", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  static LoopbackReceiver start() throws IOException {
    return start(4, (body, at) -> { });
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      hook.received(body, System.nanoTime());
      requests.incrementAndGet();
      exchange.sendResponseHeaders(202, -1);
    }
  }

  /** The push endpoint, {@code http://127.0.0.1:<port>/events}. */
  URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://127.0.0.1:" + address.getPort() + "/events");
  }

  /** How many requests were answered so far. */
  long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
