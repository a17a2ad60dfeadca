package io.ssfkit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PUSH-5 error body parser")
class ReceiverErrorBodyTest {

  @Test
  void parseWhenRfc8935ExampleThenErrAndDescription() {
    // RFC 8935 section 2.3, example error response.
    String body = "{\n  \"err\":\"invalid_key\",\n  \"description\":\"Key ID 12345 has been revoked.\"\n}";

    assertThat(ReceiverErrorBody.parse(body))
        .contains(new ReceiverErrorBody("invalid_key", "Key ID 12345 has been revoked."));
  }

  @Test
  void parseWhenOnlyErrThenDescriptionNull() {
    assertThat(ReceiverErrorBody.parse("{\"err\":\"invalid_audience\"}"))
        .contains(new ReceiverErrorBody("invalid_audience", null));
  }

  @Test
  void parseWhenEscapesThenDecoded() {
    assertThat(ReceiverErrorBody.parse("{\"description\":\"a \\\"b\\\" \\\\ \\/ \\u00e9\\n\",\"err\":\"x\"}"))
        .contains(new ReceiverErrorBody("x", "a \"b\" \\ / \u00e9\n"));
  }

  @Test
  void parseWhenOtherMembersAndNestedValuesThenSkipped() {
    String body = "{\"code\":400,\"ok\":false,\"x\":null,\"err\":\"invalid_state\",\"details\":{\"err\":\"nested\","
        + "\"list\":[1,-2.5e3,\"s\",[],{}]},\"description\":\"d\",\"n\":0.5}";

    assertThat(ReceiverErrorBody.parse(body)).contains(new ReceiverErrorBody("invalid_state", "d"));
  }

  @Test
  void parseWhenDescriptionIsNotStringThenNull() {
    assertThat(ReceiverErrorBody.parse("{\"err\":\"e\",\"description\":{\"en\":\"x\"}}"))
        .contains(new ReceiverErrorBody("e", null));
  }

  @Test
  void parseWhenUnknownCodeThenKeptVerbatim() {
    assertThat(ReceiverErrorBody.parse("{\"err\":\"Some_Vendor.Code\"}"))
        .contains(new ReceiverErrorBody("Some_Vendor.Code", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "null", "[]", "\"err\"", "{}", "{\"err\":\"\"}", "{\"err\":\"  \"}",
      "{\"err\":5}", "{\"err\":\"a\"", "{\"err\":\"a\",}", "{\"err\":\"a\"} x", "{\"err\":\"a\",\"err\":\"b\"}",
      "{err:\"a\"}", "{'err':'a'}", "{\"err\":\"a\nb\"}", "{\"err\":\"a\\q\"}", "{\"err\":\"\\u12\"}",
      "{\"err\":\"a\",\"n\":01}", "{\"err\":\"a\",\"n\":+1}", "{\"err\":\"a\",\"t\":tru}", "<html>400</html>",
      "{\"err\":\"a\",\"x\":[1,]}"})
  void parseWhenNotValidOrNoErrThenEmpty(String body) {
    assertThat(ReceiverErrorBody.parse(body)).isEmpty();
  }

  @Test
  void parseWhenNestedTooDeepThenEmpty() {
    String deep = "[".repeat(40) + "]".repeat(40);

    assertThat(ReceiverErrorBody.parse("{\"err\":\"a\",\"x\":" + deep + "}")).isEmpty();
    assertThat(ReceiverErrorBody.parse("{\"err\":\"a\",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}"))
        .isPresent();
  }
}
