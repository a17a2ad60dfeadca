package io.ssfkit.examples;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.ssfkit.jackson.http.SsfHttpHandler;
import io.ssfkit.jackson.http.SsfHttpRequest;
import io.ssfkit.jackson.http.SsfHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Mounts an {@link SsfHttpHandler} on Javalin: every path and method goes to the handler, and the answer is
 * written when its stage completes ({@code ctx.future}), so a long poll holds no Jetty thread. This is the
 * whole adapter; compare {@link JdkHttpServerAdapter}.
 */
public final class JavalinHost implements AutoCloseable {

  private final Javalin app;

  private JavalinHost(Javalin app) {
    this.app = app;
  }

  /**
   * Starts Javalin on an address and serves a handler: an {@link SsfHttpHandler}'s {@code handle}, or any function
   * of the same shape (one that looks the handler up at request time may be built before the port is known).
   *
   * @param handler answers each request
   * @param host the address to bind
   * @param port the port, 0 for any free one
   * @param maxBodyBytes the largest request body Javalin reads
   * @return the running host
   */
  public static JavalinHost start(
      Function<SsfHttpRequest, CompletionStage<SsfHttpResponse>> handler, String host, int port, int maxBodyBytes) {
    Objects.requireNonNull(handler, "handler");
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = maxBodyBytes + 1L; // one more byte, so the handler itself answers 413
    });
    Handler route = ctx -> ctx.future(() -> handler.apply(request(ctx)).toCompletableFuture()
        .thenAccept(response -> write(ctx, response)));
    for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
        HandlerType.DELETE)) {
      app.addHttpHandler(method, "/", route);
      app.addHttpHandler(method, "/<path>", route);
    }
    app.start(host, port);
    return new JavalinHost(app);
  }

  /**
   * Returns the port Javalin listens on.
   *
   * @return the port
   */
  public int port() {
    return app.port();
  }

  private static SsfHttpRequest request(Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : java.util.Collections.list(ctx.req().getHeaderNames())) {
      headers.put(name, java.util.Collections.list(ctx.req().getHeaders(name)));
    }
    return new SsfHttpRequest(ctx.method().name(), ctx.req().getRequestURI(), ctx.queryString(), headers,
        ctx.bodyAsBytes());
  }

  private static void write(Context ctx, SsfHttpResponse response) {
    ctx.status(response.status());
    response.headers().forEach((name, values) -> values.forEach(value -> ctx.res().addHeader(name, value)));
    byte[] body = response.body();
    if (body.length > 0) {
      ctx.result(body);
    }
  }

  /** Stops Javalin. */
  @Override
  public void close() {
    app.stop();
  }
}
