package io.ssfkit.jackson.http;

import static io.ssfkit.jackson.http.EventTransmitter.ISSUER;
import static io.ssfkit.jackson.http.EventTransmitter.TOKEN_A;
import static io.ssfkit.jackson.http.EventTransmitter.jti;
import static io.ssfkit.jackson.http.HttpAssertions.assertJson;
import static io.ssfkit.jackson.http.HttpAssertions.keys;
import static io.ssfkit.jackson.http.HttpAssertions.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.ReceiverSimulator;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metadata and JWKS of a transmitter that signs SETs: what receivers need to find and check them.
 */
class JwksTest {

  @ParameterizedTest
  @ValueSource(strings = {"/.well-known/ssf-configuration", "/.well-known/v1/ssf-configuration"})
  @DisplayName("DISC-5, DISC-6, DISC-7: a signing transmitter advertises an https jwks_uri and "
      + "verification_endpoint, each of them served, and both delivery methods")
  void metadataAdvertisesJwksAndVerification(String path) {
    try (EventTransmitter tx = EventTransmitter.create()) {
      JsonNode metadata = assertJson(tx.send("GET", path, null, null), 200);

      assertThat(metadata.get("jwks_uri").asText()).isEqualTo(ISSUER + "/ssf/v1/jwks");
      assertThat(metadata.get("verification_endpoint").asText()).isEqualTo(ISSUER + "/ssf/v1/streams/verify");
      assertThat(URI.create(metadata.get("jwks_uri").asText()).getScheme()).isEqualTo("https");
      assertThat(URI.create(metadata.get("verification_endpoint").asText()).getScheme()).isEqualTo("https");
      assertThat(strings(metadata.get("delivery_methods_supported")))
          .containsExactlyInAnyOrder(EventTransmitter.PUSH, EventTransmitter.POLL);

      String jwksPath = URI.create(metadata.get("jwks_uri").asText()).getRawPath();
      assertThat(tx.send("GET", jwksPath, null, null).status()).as("jwks_uri is served").isEqualTo(200);
      String verifyPath = URI.create(metadata.get("verification_endpoint").asText()).getRawPath();
      assertThat(tx.send("POST", verifyPath, TOKEN_A, "{}").status()).as("verification_endpoint is served")
          .isEqualTo(400);
    }
  }

  @Test
  @DisplayName("KEY-1, KEY-2, KEY-3: GET /ssf/v1/jwks needs no Authorization and serves a JWK Set of public "
      + "RS256 signing keys with distinct kids, without any private member")
  void jwksIsPublicAndHoldsPublicKeysOnly() {
    try (EventTransmitter tx = EventTransmitter.create()) {
      SsfHttpResponse response = tx.send("GET", "/ssf/v1/jwks", null, null);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Type")).hasValueSatisfying(type ->
          assertThat(type).isIn("application/json", "application/jwk-set+json"));
      JsonNode body = EventTransmitter.json(response);
      assertThat(keys(body)).contains("keys");
      assertThat(body.get("keys").isArray()).isTrue();
      assertThat(body.get("keys")).isNotEmpty();
      Set<String> kids = new HashSet<>();
      for (JsonNode key : body.get("keys")) {
        assertThat(keys(key)).as("KEY-3: no private member in %s", keys(key))
            .doesNotContainAnyElementsOf(List.of("d", "p", "q", "dp", "dq", "qi", "k", "oth"));
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("alg").asText()).isEqualTo("RS256");
        assertThat(keys(key)).as("KEY-2: use and key_ops are not used together").doesNotContain("key_ops");
        assertThat(kids.add(key.get("kid").asText())).as("distinct kid").isTrue();
      }
      JWKSet set = tx.jwks();
      assertThat(set.getKeys()).allSatisfy(k -> {
        assertThat(k.isPrivate()).isFalse();
        assertThat(k.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
      });
    }
  }

  @Test
  @DisplayName("DISC-5, KEY-4: the kid that signs the delivered SETs is in the served JWKS")
  void signingKidIsPublished() throws Exception {
    try (ReceiverSimulator receiver = ReceiverSimulator.start(); EventTransmitter tx = EventTransmitter.create()) {
      String id = tx.createPushStream(TOKEN_A, receiver.endpoint(), null);
      tx.listener.awaitDelivered(jti(tx.publish(SubjectIdentifier.email("alice@example.com")), id));

      EventTransmitter.DecodedSet set = tx.decodeVerified(receiver.requests().get(0).bodyText());
      JWK key = tx.jwks().getKeyByKeyId(set.header().getKeyID());
      assertThat(key).isNotNull();
      assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
      assertThat(key.toRSAKey().size()).as("SET-1: at least 2048 bits").isGreaterThanOrEqualTo(2048);
    }
  }
}
