package io.ssfkit.jackson.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssfkit.delivery.PollResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollResponsesTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  @DisplayName("POLL-3 an empty response is exactly {\"sets\":{}}, with no moreAvailable")
  void writeWhenEmptyThenSetsOnly() {
    assertThat(new String(PollResponses.write(PollResponse.empty()), StandardCharsets.UTF_8))
        .isEqualTo("{\"sets\":{}}");
  }

  @Test
  @DisplayName("POLL-3 SETs keep their order; moreAvailable appears only when true; odd text is escaped")
  void writeWhenSetsThenValidJsonInOrder() throws Exception {
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("jti-2", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    sets.put("jti-1", "eyJhbGciOiJSUzI1NiJ9.e30.c2lo");
    sets.put("odd \"jti\"\\\n", "x");

    JsonNode json = mapper.readTree(PollResponses.write(new PollResponse(sets, true)));

    assertThat(json.get("moreAvailable").booleanValue()).isTrue();
    List<String> names = new ArrayList<>();
    json.get("sets").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("jti-2", "jti-1", "odd \"jti\"\\\n");
    assertThat(json.at("/sets/jti-1").asText()).isEqualTo("eyJhbGciOiJSUzI1NiJ9.e30.c2lo");
  }
}
