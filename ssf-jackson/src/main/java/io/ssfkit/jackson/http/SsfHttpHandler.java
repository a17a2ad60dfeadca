package io.ssfkit.jackson.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssfkit.TransmitterService;
import io.ssfkit.auth.Caller;
import io.ssfkit.auth.CallerAuthenticator;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import io.ssfkit.jackson.SsfJackson;
import io.ssfkit.metadata.SsfEndpoints;
import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.stream.CreateStreamRequest;
import io.ssfkit.stream.ReplaceStreamRequest;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.UpdateStatusRequest;
import io.ssfkit.stream.UpdateStreamRequest;
import io.ssfkit.stream.VerificationRequest;
import io.ssfkit.stream.DeliveryMethod;
import io.ssfkit.delivery.PollRequest;
import io.ssfkit.subject.AddSubjectRequest;
import io.ssfkit.subject.RemoveSubjectRequest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;

/**
 * Serves the whole transmitter API from one method: an {@link SsfHttpRequest} in, a stage of an
 * {@link SsfHttpResponse} out. A host mounts it under any HTTP framework by converting its request and
 * writing the response when the stage completes; the answer is a stage so that long polls can complete
 * later without holding a thread.
 *
 * <p>Served paths (below the path of the service's endpoint base, see
 * {@link io.ssfkit.TransmitterServiceBuilder#endpointBase}): {@code /ssf/v1/streams} (GET, POST, PATCH,
 * PUT, DELETE), {@code /ssf/v1/streams/status} (GET, POST), {@code /ssf/v1/streams/subjects/add} and
 * {@code /remove} (POST); at the host root {@code /.well-known/v1/ssf-configuration} and the SSF 1.0
 * well-known path of the issuer (GET, no authentication).
 *
 * <p>Every error has the product API's body: 400 names every invalid field, 401 carries an RFC 6750
 * {@code WWW-Authenticate} challenge, 405 an {@code Allow} header, 429 a {@code Retry-After}; a body over
 * the size limit is 413, a non-JSON body 415. No input produces a 500; a failing store does, with a
 * tracking ID that is also logged. Thread-safe.
 */
public final class SsfHttpHandler {

  private interface Route {
    SsfHttpResponse handle(Exchange exchange);
  }

  /** One request in flight, with what the routes need of it. */
  private record Exchange(SsfHttpRequest request, Map<String, String> query, @Nullable Caller authenticated) {
    Caller caller() {
      return Objects.requireNonNull(authenticated, "caller");
    }
  }

  private record Endpoint(boolean authenticated, Map<String, Route> methods) {}

  private final TransmitterService service;
  private final CallerAuthenticator authenticator;
  private final ObjectMapper mapper;
  private final RequestReader reader;
  private final ErrorResponses errors;
  private final int maxBodyBytes;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final @Nullable String pollPrefix;
  private final Endpoint pollEndpoint = new Endpoint(true, Map.of("POST", x -> {
    throw new IllegalStateException("poll is routed by prefix");
  }));

  private SsfHttpHandler(Builder builder) {
    this.service = Objects.requireNonNull(builder.service, "service");
    this.authenticator = Objects.requireNonNull(builder.authenticator, "authenticator");
    this.mapper = SsfJackson.newObjectMapper();
    Validator validator = builder.validator != null ? builder.validator : defaultValidator();
    this.reader = new RequestReader(mapper, validator);
    this.errors = new ErrorResponses(mapper, Caller.MANAGE_SCOPE);
    this.maxBodyBytes = builder.maxBodyBytes;

    TransmitterMetadata metadata = service.metadata();
    String base = basePath(metadata);
    Route metadataRoute = x -> Responses.json(200, service.metadata(), mapper);
    endpoints.put(SsfEndpoints.PRODUCT_METADATA, new Endpoint(false, Map.of("GET", metadataRoute)));
    endpoints.put(SsfEndpoints.wellKnownPath(metadata.issuer()), new Endpoint(false, Map.of("GET", metadataRoute)));
    endpoints.put(base + SsfEndpoints.STREAMS, new Endpoint(true, routes()
        .with("GET", this::getStreams)
        .with("POST", this::createStream)
        .with("PATCH", this::updateStream)
        .with("PUT", this::replaceStream)
        .with("DELETE", this::deleteStream)));
    endpoints.put(base + SsfEndpoints.STATUS, new Endpoint(true, routes()
        .with("GET", this::getStatus)
        .with("POST", this::updateStatus)));
    endpoints.put(base + SsfEndpoints.ADD_SUBJECT, new Endpoint(true, Map.of("POST", this::addSubject)));
    endpoints.put(base + SsfEndpoints.REMOVE_SUBJECT, new Endpoint(true, Map.of("POST", this::removeSubject)));
    // DISC-7: the JWKS and verification endpoints exist exactly when the metadata advertises them.
    if (metadata.jwksUri() != null) {
      endpoints.put(base + SsfEndpoints.JWKS,
          new Endpoint(false, Map.of("GET", x -> Responses.json(200, service.jwks(), mapper))));
    }
    if (metadata.verificationEndpoint() != null) {
      endpoints.put(base + SsfEndpoints.VERIFY, new Endpoint(true, Map.of("POST", this::verify)));
    }
    this.pollPrefix = metadata.deliveryMethodsSupported().contains(DeliveryMethod.POLL.uri())
        ? base + SsfEndpoints.POLL_PREFIX : null;
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles one request.
   *
   * @param request the request
   * @return a stage that completes with the response; it never completes exceptionally
   */
  public CompletionStage<SsfHttpResponse> handle(SsfHttpRequest request) {
    Objects.requireNonNull(request, "request");
    // RFC 6750 section 3.1: only a request that presented a bearer token gets an error code in the 401
    // challenge; one without credentials, or with those of another scheme (Basic...), gets none.
    boolean credentialsPresent = request.header("Authorization").map(SsfHttpHandler::isBearer).orElse(false);
    try {
      return respond(request).exceptionally(failure -> {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        return cause instanceof SsfException e ? error(e, credentialsPresent) : errors.internal(cause);
      });
    } catch (SsfException e) {
      return CompletableFuture.completedFuture(error(e, credentialsPresent));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(errors.internal(e));
    }
  }

  private SsfHttpResponse error(SsfException e, boolean credentialsPresent) {
    Map<String, List<String>> headers = e instanceof MethodNotAllowed m ? Map.of("Allow", List.of(m.allow)) : Map.of();
    return errors.of(e, credentialsPresent, headers);
  }

  /** Routes and checks a request; throws {@link SsfException} for every refusal. */
  private CompletionStage<SsfHttpResponse> respond(SsfHttpRequest request) {
    boolean isPoll = pollPrefix != null && request.path().startsWith(pollPrefix)
        && request.path().length() > pollPrefix.length();
    Endpoint endpoint = isPoll ? pollEndpoint : endpoints.get(request.path());
    if (endpoint == null) {
      throw new SsfException(SsfErrorCode.NOT_FOUND, "no resource at " + request.path());
    }
    Route route = endpoint.methods().get(request.method());
    if (route == null) {
      throw new MethodNotAllowed(request.method() + " is not allowed on " + request.path(),
          String.join(", ", endpoint.methods().keySet()));
    }
    Map<String, String> query = Queries.parse(request.rawQuery());
    Caller caller = null;
    if (endpoint.authenticated()) {
      if (query.containsKey("access_token")) {
        // AUTH-5: a token in the URL leaks into logs and caches; only the header is accepted.
        throw SsfException.invalid("access_token", "must be sent in the Authorization header, not the query");
      }
      caller = authenticator.authenticate(request.header("Authorization").orElse(null));
    }
    checkBody(request);
    Exchange exchange = new Exchange(request, query, caller);
    if (isPoll) {
      return poll(exchange, request.path().substring(Objects.requireNonNull(pollPrefix).length()));
    }
    return CompletableFuture.completedFuture(route.handle(exchange));
  }

  /** A 405, which carries the {@code Allow} header (ERR-4). */
  private static final class MethodNotAllowed extends SsfException {
    private final String allow;

    MethodNotAllowed(String message, String allow) {
      super(SsfErrorCode.METHOD_NOT_ALLOWED, message);
      this.allow = allow;
    }
  }

  private void checkBody(SsfHttpRequest request) {
    if (request.bodyLength() > maxBodyBytes) {
      throw new SsfException(SsfErrorCode.PAYLOAD_TOO_LARGE,
          "the body has " + request.bodyLength() + " bytes; at most " + maxBodyBytes + " are accepted");
    }
    boolean hasBody = switch (request.method()) {
      case "POST", "PUT", "PATCH" -> true;
      default -> false;
    };
    String contentType = request.header("Content-Type").orElse(null);
    if (hasBody && contentType != null && !isJson(contentType)) {
      throw new SsfException(SsfErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, but was " + contentType);
    }
  }

  private static boolean isBearer(String authorization) {
    return authorization.strip().regionMatches(true, 0, "Bearer ", 0, "Bearer ".length());
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  // --- Routes ----------------------------------------------------------------------------------

  private SsfHttpResponse getStreams(Exchange x) {
    String id = x.query().get("stream_id");
    if (id != null) {
      return Responses.json(200, service.getStream(x.caller(), streamId(id)), mapper);
    }
    return Responses.json(200, service.listStreams(x.caller(), x.query().get("aud")), mapper);
  }

  private SsfHttpResponse createStream(Exchange x) {
    CreateStreamRequest body = reader.read(x.request().bodyUnsafe(), CreateStreamRequest.class);
    return Responses.json(201, service.createStream(x.caller(), body), mapper);
  }

  private SsfHttpResponse updateStream(Exchange x) {
    UpdateStreamRequest body = reader.read(x.request().bodyUnsafe(), UpdateStreamRequest.class);
    checkQueryMatchesBody(x, body.streamId());
    return withUpdatedAt(service.updateStream(x.caller(), body));
  }

  private SsfHttpResponse replaceStream(Exchange x) {
    ReplaceStreamRequest body = reader.read(x.request().bodyUnsafe(), ReplaceStreamRequest.class);
    checkQueryMatchesBody(x, body.streamId());
    return withUpdatedAt(service.replaceStream(x.caller(), body));
  }

  private SsfHttpResponse deleteStream(Exchange x) {
    service.deleteStream(x.caller(), requiredStreamId(x));
    return Responses.empty(204);
  }

  private SsfHttpResponse getStatus(Exchange x) {
    return Responses.json(200, service.getStatus(x.caller(), requiredStreamId(x)), mapper);
  }

  private SsfHttpResponse updateStatus(Exchange x) {
    UpdateStatusRequest body = reader.read(x.request().bodyUnsafe(), UpdateStatusRequest.class);
    checkQueryMatchesBody(x, body.streamId());
    return Responses.json(200, service.updateStatus(x.caller(), body), mapper);
  }

  private SsfHttpResponse addSubject(Exchange x) {
    service.addSubject(x.caller(), reader.read(x.request().bodyUnsafe(), AddSubjectRequest.class));
    return Responses.empty(200);
  }

  private SsfHttpResponse verify(Exchange x) {
    VerificationRequest body = reader.read(x.request().bodyUnsafe(), VerificationRequest.class);
    service.verify(x.caller(), body);
    return Responses.empty(204);
  }

  /** RFC 8936: the answer completes when SETs are there or the long poll times out; no thread waits. */
  private CompletionStage<SsfHttpResponse> poll(Exchange x, String rawStreamId) {
    StreamId id = streamId(Queries.decodePath(rawStreamId));
    PollRequest body = PollRequests.read(mapper, x.request().bodyUnsafe());
    return service.poll(x.caller(), id, body)
        .thenApply(response -> Responses.json(200, PollResponses.write(response)));
  }

  private SsfHttpResponse removeSubject(Exchange x) {
    service.removeSubject(x.caller(), reader.read(x.request().bodyUnsafe(), RemoveSubjectRequest.class));
    return Responses.empty(204);
  }

  // --- Helpers ---------------------------------------------------------------------------------

  /** PATCH and PUT answer the product API's {@code Updatestreamconfigresponse}: the stream plus updatedAt. */
  private SsfHttpResponse withUpdatedAt(StreamConfiguration stream) {
    ObjectNode node = mapper.valueToTree(stream);
    node.put("updatedAt", stream.updatedAt().truncatedTo(ChronoUnit.MILLIS).toString());
    return Responses.json(200, node, mapper);
  }

  /** SSF 1.0 section 18.1: stream_id travels in the body; a query value that differs is an error. */
  private static void checkQueryMatchesBody(Exchange x, @Nullable StreamId bodyId) {
    String queryId = x.query().get("stream_id");
    if (queryId != null && bodyId != null && !queryId.equals(bodyId.value())) {
      throw SsfException.invalid("stream_id", "the query and the body name different streams");
    }
  }

  private static StreamId requiredStreamId(Exchange x) {
    String id = x.query().get("stream_id");
    if (id == null || id.isEmpty()) {
      throw SsfException.invalid("stream_id", "is required as a query parameter");
    }
    return streamId(id);
  }

  private static StreamId streamId(String id) {
    try {
      return StreamId.of(id);
    } catch (IllegalArgumentException e) {
      throw SsfException.invalid("stream_id", e.getMessage());
    }
  }

  private static String basePath(TransmitterMetadata metadata) {
    URI streams = Objects.requireNonNull(metadata.configurationEndpoint(), "configuration endpoint");
    String path = streams.getRawPath();
    return path.substring(0, path.length() - SsfEndpoints.STREAMS.length());
  }

  /** Routes by method, in the order they are listed in an {@code Allow} header. */
  private static final class Routes extends LinkedHashMap<String, Route> {
    Routes with(String method, Route route) {
      put(method, route);
      return this;
    }
  }

  private static Routes routes() {
    return new Routes();
  }

  private static Validator defaultValidator() {
    // The parameter interpolator needs no Expression Language implementation on the class path.
    return Validation.byProvider(HibernateValidator.class)
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory()
        .getValidator();
  }

  /** Builds an {@link SsfHttpHandler}; not thread-safe. */
  public static final class Builder {
    private @Nullable TransmitterService service;
    private @Nullable CallerAuthenticator authenticator;
    private @Nullable Validator validator;
    private int maxBodyBytes = 64 * 1024;

    private Builder() {}

    /**
     * Sets the service that answers every operation. Required.
     *
     * @param service the transmitter service
     * @return this builder
     */
    public Builder service(TransmitterService service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /**
     * Sets how callers are authenticated. Required.
     *
     * @param authenticator the authenticator
     * @return this builder
     */
    public Builder authenticator(CallerAuthenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Sets the Bean Validation validator for request bodies; defaults to Hibernate Validator with
     * parameter message interpolation.
     *
     * @param validator the validator
     * @return this builder
     */
    public Builder validator(Validator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    /**
     * Sets the largest accepted request body; larger ones get 413. Defaults to 64 KiB.
     *
     * @param maxBodyBytes the limit in bytes; at least 1
     * @return this builder
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, but was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Builds the handler.
     *
     * @return the handler
     * @throws NullPointerException if the service or the authenticator is missing
     */
    public SsfHttpHandler build() {
      return new SsfHttpHandler(this);
    }
  }
}
