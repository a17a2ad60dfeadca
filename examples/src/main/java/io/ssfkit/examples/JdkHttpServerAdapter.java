package io.ssfkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ssfkit.jackson.http.SsfHttpHandler;
import io.ssfkit.jackson.http.SsfHttpRequest;
import io.ssfkit.jackson.http.SsfHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts an {@link SsfHttpHandler} on the JDK's {@code com.sun.net.httpserver.HttpServer}: the whole
 * transmitter API in one {@code server.createContext("/", adapter)}.
 *
 * <p>The exchange is answered when the handler's stage completes, so a response that comes later (a long
 * poll) holds no server thread. At most {@code maxBodyBytes + 1} bytes of a body are read, so an oversized
 * body costs no more memory than the limit before the handler answers 413.
 */
public final class JdkHttpServerAdapter implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(JdkHttpServerAdapter.class);

  private final Function<SsfHttpRequest, CompletionStage<SsfHttpResponse>> handler;
  private final int maxBodyBytes;

  /**
   * Creates the adapter.
   *
   * @param handler the handler to serve
   * @param maxBodyBytes the handler's body limit; the adapter reads one byte more to detect an excess
   */
  public JdkHttpServerAdapter(SsfHttpHandler handler, int maxBodyBytes) {
    this(Objects.requireNonNull(handler, "handler")::handle, maxBodyBytes);
  }

  /**
   * Creates the adapter for any handler of the same shape, such as an {@link SsfHttpHandler} with routes of the
   * host's own in front of it.
   *
   * @param handler answers each request
   * @param maxBodyBytes the handler's body limit; the adapter reads one byte more to detect an excess
   */
  public JdkHttpServerAdapter(Function<SsfHttpRequest, CompletionStage<SsfHttpResponse>> handler, int maxBodyBytes) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    SsfHttpRequest request;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      request = new SsfHttpRequest(
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders(),
          body);
    } catch (RuntimeException e) {
      LOG.warn("cannot read request {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
      return;
    }
    handler.apply(request).whenComplete((response, failure) -> {
      try {
        if (failure != null) {
          LOG.error("the handler failed", failure);
          exchange.sendResponseHeaders(500, -1);
        } else {
          write(exchange, response);
        }
      } catch (IOException e) {
        LOG.debug("the client went away before the response was written", e);
      } finally {
        exchange.close();
      }
    });
  }

  private static void write(HttpExchange exchange, SsfHttpResponse response) throws IOException {
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().put(header.getKey(), header.getValue());
    }
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
