package io.ssfkit.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsfEndpointsTest {

  @DisplayName("DISC-1 the well-known path inserts the issuer's path after /.well-known/ssf-configuration")
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://tr.example.com, /.well-known/ssf-configuration",
    "https://tr.example.com/, /.well-known/ssf-configuration",
    "https://tr.example.com/issuer1, /.well-known/ssf-configuration/issuer1",
    "https://tr.example.com/issuer1/, /.well-known/ssf-configuration/issuer1",
    "https://tr.example.com/a/b, /.well-known/ssf-configuration/a/b",
    "https://tr.example.com:8443/t1, /.well-known/ssf-configuration/t1"
  })
  void wellKnownPathWhenIssuerHasPathThenPathIsAppended(String issuer, String expected) {
    assertThat(SsfEndpoints.wellKnownPath(URI.create(issuer))).isEqualTo(expected);
  }

  @Test
  void resolveWhenBaseHasPathThenEndpointKeepsIt() {
    assertThat(SsfEndpoints.resolve(URI.create("https://tr.example.com/tenant/"), SsfEndpoints.STREAMS))
        .isEqualTo(URI.create("https://tr.example.com/tenant/ssf/v1/streams"));
    assertThat(SsfEndpoints.resolve(URI.create("https://tr.example.com"), SsfEndpoints.STATUS))
        .isEqualTo(URI.create("https://tr.example.com/ssf/v1/streams/status"));
  }
}
