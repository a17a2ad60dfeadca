package io.ssfkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

import io.ssfkit.metadata.TransmitterMetadata;
import io.ssfkit.spi.StreamStore;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransmitterServiceBuilderTest {

  private final StreamStore store = mock(StreamStore.class);

  @DisplayName("DISC-3 the issuer must be https without query or fragment (http only on loopback)")
  @ParameterizedTest
  @ValueSource(strings = {"http://tr.example.com", "https://tr.example.com?x=1", "https://tr.example.com#y",
      "tr.example.com", "ftp://tr.example.com"})
  void buildWhenIssuerInvalidThenRefused(String issuer) {
    assertThatIllegalStateException()
        .isThrownBy(() -> TransmitterService.builder().issuer(URI.create(issuer)).streamStore(store).build())
        .withMessageContaining("issuer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://tr.example.com", "https://tr.example.com/tenant", "http://localhost:8080",
      "http://127.0.0.1:9000"})
  void buildWhenIssuerValidThenBuilt(String issuer) {
    TransmitterService service = TransmitterService.builder().issuer(URI.create(issuer)).streamStore(store).build();
    assertThat(service.metadata().issuer()).isEqualTo(URI.create(issuer));
  }

  @Test
  void buildWhenSeveralSettingsMissingThenAllReportedAtOnce() {
    assertThatIllegalStateException()
        .isThrownBy(() -> TransmitterService.builder().descriptionMaxLength(0).build())
        .withMessageContaining("issuer is required")
        .withMessageContaining("streamStore is required")
        .withMessageContaining("descriptionMaxLength");
  }

  @Test
  @DisplayName("DISC-4 DISC-6 DISC-7 DISC-9 metadata: spec_version 1_0, enabled methods, mounted endpoints only")
  void metadataWhenBuiltThenAdvertisesMountedEndpointsOnly() {
    TransmitterMetadata metadata = TransmitterService.builder()
        .issuer(URI.create("https://tr.example.com"))
        .endpointBase(URI.create("https://api.example.com/tenant"))
        .streamStore(store)
        .build()
        .metadata();
    assertThat(metadata.specVersion()).isEqualTo("1_0");
    assertThat(metadata.deliveryMethodsSupported()).containsExactly("urn:ietf:rfc:8935");
    assertThat(metadata.configurationEndpoint()).hasToString("https://api.example.com/tenant/ssf/v1/streams");
    assertThat(metadata.statusEndpoint()).hasToString("https://api.example.com/tenant/ssf/v1/streams/status");
    assertThat(metadata.addSubjectEndpoint())
        .hasToString("https://api.example.com/tenant/ssf/v1/streams/subjects/add");
    assertThat(metadata.removeSubjectEndpoint())
        .hasToString("https://api.example.com/tenant/ssf/v1/streams/subjects/remove");
    assertThat(metadata.verificationEndpoint()).isNull();
    assertThat(metadata.jwksUri()).isNull();
    assertThat(metadata.authorizationSchemes()).containsExactly("urn:ietf:rfc:6749", "urn:ietf:rfc:6750");
  }
}
