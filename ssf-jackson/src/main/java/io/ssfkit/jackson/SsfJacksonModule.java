package io.ssfkit.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.ssfkit.error.SsfException;
import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.stream.StreamConfiguration;
import io.ssfkit.stream.StreamId;
import io.ssfkit.stream.StreamStatus;
import io.ssfkit.stream.StreamStatusReport;
import io.ssfkit.subject.SubjectIdentifier;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Jackson module for the ssfkit model: writes {@link StreamConfiguration} as the product API's
 * {@code Streamconfigresponse} (never with the write-only {@code authorization_header}),
 * {@link StreamStatusReport} as {@code Streamstatusresponse} and {@link TransmitterMetadata} as
 * {@code Transmittermetadata} (omitting absent members and empty arrays, DISC-11); reads and writes
 * {@link StreamId}, {@link StreamStatus} and {@link SubjectIdentifier}.
 *
 * <p>Registered in {@code META-INF/services}, so {@code ObjectMapper.findAndRegisterModules()} finds it;
 * {@link SsfJackson#newObjectMapper()} adds it together with the naming and strictness settings that the
 * request records need.
 */
public final class SsfJacksonModule extends SimpleModule {

  /** Creates the module. */
  public SsfJacksonModule() {
    super("ssfkit", Version.unknownVersion());
    addSerializer(StreamId.class, new StreamIdSerializer());
    addDeserializer(StreamId.class, new StreamIdDeserializer());
    addSerializer(StreamStatus.class, new StreamStatusSerializer());
    addDeserializer(StreamStatus.class, new StreamStatusDeserializer());
    addSerializer(SubjectIdentifier.class, new SubjectSerializer());
    addDeserializer(SubjectIdentifier.class, new SubjectDeserializer());
    addSerializer(StreamConfiguration.class, new StreamSerializer());
    addSerializer(StreamStatusReport.class, new StatusSerializer());
    addSerializer(TransmitterMetadata.class, new MetadataSerializer());
  }

  private static final class StreamIdSerializer extends JsonSerializer<StreamId> {
    @Override
    public void serialize(StreamId value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.value());
    }
  }

  private static final class StreamIdDeserializer extends JsonDeserializer<StreamId> {
    @Override
    public StreamId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (StreamId) ctxt.handleUnexpectedToken(StreamId.class, p);
      }
      String text = p.getText();
      try {
        return StreamId.of(text);
      } catch (IllegalArgumentException e) {
        throw ctxt.weirdStringException(text, StreamId.class, e.getMessage());
      }
    }
  }

  private static final class StreamStatusSerializer extends JsonSerializer<StreamStatus> {
    @Override
    public void serialize(StreamStatus value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.wireValue());
    }
  }

  private static final class StreamStatusDeserializer extends JsonDeserializer<StreamStatus> {
    @Override
    public StreamStatus deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (StreamStatus) ctxt.handleUnexpectedToken(StreamStatus.class, p);
      }
      String text = p.getText();
      return StreamStatus.fromWire(text)
          .orElseThrow(() -> ctxt.weirdStringException(
              text, StreamStatus.class, "must be one of enabled, paused, disabled"));
    }
  }

  private static final class SubjectSerializer extends JsonSerializer<SubjectIdentifier> {
    @Override
    public void serialize(SubjectIdentifier value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      provider.defaultSerializeValue(value.toMap(), gen);
    }
  }

  /**
   * Reads a subject as a JSON object and validates it with {@link SubjectIdentifier#fromMap}; its
   * {@link SsfException} travels out as the cause, so the caller can report every invalid member.
   */
  private static final class SubjectDeserializer extends JsonDeserializer<SubjectIdentifier> {
    @Override
    public SubjectIdentifier deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        return (SubjectIdentifier) ctxt.handleUnexpectedToken(SubjectIdentifier.class, p);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> members = ctxt.readValue(p, Map.class);
      return SubjectIdentifier.fromMap(members);
    }
  }

  private static final class StreamSerializer extends JsonSerializer<StreamConfiguration> {
    @Override
    public void serialize(StreamConfiguration s, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField("stream_id", s.streamId().value());
      gen.writeStringField("iss", s.issuer());
      gen.writeStringField("aud", s.audience());
      gen.writeObjectFieldStart("delivery");
      gen.writeStringField("method", s.delivery().method().uri());
      gen.writeStringField("endpoint_url", s.delivery().endpointUrl().toString());
      gen.writeEndObject(); // authorization_header is write-only: never written.
      writeStrings(gen, "events_supported", s.eventsSupported());
      writeStrings(gen, "events_requested", s.eventsRequested());
      writeStrings(gen, "events_delivered", s.eventsDelivered());
      if (s.description() != null) {
        gen.writeStringField("description", s.description());
      }
      if (s.inactivityTimeout() != null) {
        gen.writeNumberField("inactivity_timeout", s.inactivityTimeout());
      }
      if (s.minVerificationInterval() != null) {
        gen.writeNumberField("min_verification_interval", s.minVerificationInterval());
      }
      gen.writeEndObject();
    }
  }

  private static final class StatusSerializer extends JsonSerializer<StreamStatusReport> {
    @Override
    public void serialize(StreamStatusReport s, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField("stream_id", s.streamId().value());
      gen.writeStringField("status", s.status().wireValue());
      if (s.reason() != null) {
        gen.writeStringField("reason", s.reason());
      }
      gen.writeEndObject();
    }
  }

  private static final class MetadataSerializer extends JsonSerializer<TransmitterMetadata> {
    @Override
    public void serialize(TransmitterMetadata m, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField("spec_version", m.specVersion());
      gen.writeStringField("issuer", m.issuer().toString());
      writeUri(gen, "jwks_uri", m.jwksUri());
      if (!m.deliveryMethodsSupported().isEmpty()) {
        writeStrings(gen, "delivery_methods_supported", m.deliveryMethodsSupported());
      }
      writeUri(gen, "configuration_endpoint", m.configurationEndpoint());
      writeUri(gen, "status_endpoint", m.statusEndpoint());
      writeUri(gen, "add_subject_endpoint", m.addSubjectEndpoint());
      writeUri(gen, "remove_subject_endpoint", m.removeSubjectEndpoint());
      writeUri(gen, "verification_endpoint", m.verificationEndpoint());
      if (!m.authorizationSchemes().isEmpty()) {
        gen.writeArrayFieldStart("authorization_schemes");
        for (String urn : m.authorizationSchemes()) {
          gen.writeStartObject();
          gen.writeStringField("spec_urn", urn);
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      if (m.defaultSubjects() != null) {
        gen.writeStringField("default_subjects", m.defaultSubjects().name());
      }
      gen.writeEndObject();
    }
  }

  private static void writeStrings(JsonGenerator gen, String name, List<String> values) throws IOException {
    gen.writeArrayFieldStart(name);
    for (String value : values) {
      gen.writeString(value);
    }
    gen.writeEndArray();
  }

  private static void writeUri(JsonGenerator gen, String name, @Nullable URI uri) throws IOException {
    if (uri != null) {
      gen.writeStringField(name, uri.toString());
    }
  }
}
