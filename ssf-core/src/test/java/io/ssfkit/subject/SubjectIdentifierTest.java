package io.ssfkit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfErrorCode;
import io.ssfkit.error.SsfException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectIdentifierTest {

  // --- Fixtures: the examples of RFC 9493 section 3.2 and SSF 1.0 sections 3.3 to 3.5 ---------

  static final Map<String, Object> EMAIL = json("format", "email", "email", "user@example.com");
  static final Map<String, Object> ISS_SUB =
      json("format", "iss_sub", "iss", "https://issuer.example.com/", "sub", "145234573");
  static final Map<String, Object> PHONE_NUMBER = json("format", "phone_number", "phone_number", "+12065550100");
  static final Map<String, Object> ACCOUNT = json("format", "account", "uri", "acct:example.user@service.example.com");
  static final Map<String, Object> DID = json("format", "did", "url", "did:example:123456");
  static final Map<String, Object> URI = json("format", "uri", "uri", "https://user.example.com/");
  static final Map<String, Object> OPAQUE = json("format", "opaque", "id", "11112222333344445555");
  static final Map<String, Object> ALIASES = json("format", "aliases", "identifiers", List.of(
      json("format", "email", "email", "user@example.com"),
      json("format", "phone_number", "phone_number", "+12065550100"),
      json("format", "email", "email", "user+qualifier@example.com")));
  static final Map<String, Object> JWT_ID = json("format", "jwt_id",
      "iss", "https://idp.example.com/123456789/", "jti", "B70BA622-9515-4353-A866-823539EECBC8");
  static final Map<String, Object> SAML_ASSERTION_ID = json("format", "saml_assertion_id",
      "issuer", "https://idp.example.com/123456789/",
      "assertion_id", "_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6");
  static final Map<String, Object> IP_ADDRESSES = json("format", "ip-addresses",
      "ip-addresses", List.of("10.29.37.75", "2001:0db8:0000:0000:0000:8a2e:0370:7334"));
  static final Map<String, Object> COMPLEX = json("format", "complex",
      "user", json("format", "email", "email", "user@example.com"),
      "tenant", json("format", "iss_sub",
          "iss", "https://idp.example.com/3957ea72-1b66-44d6-a044-d805712b9288/", "sub", "jane.smith@example.com"));
  static final Map<String, Object> PROPRIETARY = json("format", "catalog_item", "catalog_id", "c1");

  static Stream<Arguments> validFixtures() {
    return Stream.of(
        Arguments.of(EMAIL, SubjectIdentifier.Email.class),
        Arguments.of(PHONE_NUMBER, SubjectIdentifier.PhoneNumber.class),
        Arguments.of(ISS_SUB, SubjectIdentifier.IssSub.class),
        Arguments.of(OPAQUE, SubjectIdentifier.Opaque.class),
        Arguments.of(ACCOUNT, SubjectIdentifier.Account.class),
        Arguments.of(DID, SubjectIdentifier.Did.class),
        Arguments.of(URI, SubjectIdentifier.Uri.class),
        Arguments.of(ALIASES, SubjectIdentifier.Aliases.class),
        Arguments.of(JWT_ID, SubjectIdentifier.JwtId.class),
        Arguments.of(SAML_ASSERTION_ID, SubjectIdentifier.SamlAssertionId.class),
        Arguments.of(IP_ADDRESSES, SubjectIdentifier.IpAddresses.class),
        Arguments.of(COMPLEX, SubjectIdentifier.Complex.class),
        Arguments.of(PROPRIETARY, SubjectIdentifier.Proprietary.class));
  }

  /** One invalid fixture per format, with the member path its error must name. */
  static Stream<Arguments> invalidFixtures() {
    return Stream.of(
        Arguments.of(json("format", "email", "email", "user.example.com"), "email"),
        Arguments.of(json("format", "phone_number", "phone_number", "+1 206 555 0123"), "phone_number"),
        Arguments.of(json("format", "iss_sub", "iss", "https://issuer.example.com/", "sub", ""), "sub"),
        Arguments.of(json("format", "opaque", "id", 11112222), "id"),
        Arguments.of(json("format", "account", "uri", "mailto:example.user@service.example.com"), "uri"),
        Arguments.of(json("format", "did", "url", "https://example.com/did/123456"), "url"),
        Arguments.of(json("format", "uri", "uri", "user.example.com"), "uri"),
        Arguments.of(json("format", "aliases", "identifiers", List.of()), "identifiers"),
        Arguments.of(json("format", "jwt_id", "iss", "https://idp.example.com/123456789/"), "jti"),
        Arguments.of(json("format", "saml_assertion_id",
            "issuer", "https://idp.example.com/123456789/", "assertion_id", null), "assertion_id"),
        Arguments.of(json("format", "ip-addresses", "ip-addresses", List.of("10.29.37.256")), "ip-addresses[0]"),
        Arguments.of(json("format", "complex", "user", json("format", "email", "email", "jane")), "user.email"),
        Arguments.of(json("format", "catalog_item", "catalog_id", null), "catalog_id"));
  }

  @Nested
  @DisplayName("FMT-2, FMT-3, FMT-4, FMT-5: one valid and one invalid fixture per format")
  class Fixtures {

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.ssfkit.subject.SubjectIdentifierTest#validFixtures")
    @DisplayName("FMT-2/FMT-3 the spec example round-trips through fromMap and toMap")
    void fromMapWhenSpecExampleThenRoundTrips(Map<String, Object> json, Class<?> type) {
      SubjectIdentifier identifier = SubjectIdentifier.fromMap(json);

      assertThat(identifier).isInstanceOf(type);
      assertThat(identifier.format()).isEqualTo(json.get("format"));
      assertThat(identifier.toMap()).isEqualTo(json);
      assertThat(identifier.toMap().keySet()).first().isEqualTo("format");
      assertThat(SubjectIdentifier.fromMap(identifier.toMap())).isEqualTo(identifier);
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("io.ssfkit.subject.SubjectIdentifierTest#invalidFixtures")
    @DisplayName("FMT-2/FMT-3 an invalid member is rejected and named")
    void fromMapWhenMemberInvalidThenErrorNamesMember(Map<String, Object> json, String member) {
      List<FieldError> errors = errorsOf(json);

      assertThat(errors).extracting(FieldError::field).containsExactly(member);
      assertThat(errors.get(0).message()).isNotBlank();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("io.ssfkit.subject.SubjectIdentifierTest#validFixtures")
    @DisplayName("toMap is immutable")
    void toMapWhenModifiedThenThrows(Map<String, Object> json, Class<?> type) {
      Map<String, Object> map = SubjectIdentifier.fromMap(json).toMap();

      assertThatThrownBy(() -> map.put("extra", "x")).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("FMT-1 members")
  class Members {

    static Stream<Arguments> badRequiredMembers() {
      return Stream.of(
          Arguments.of("missing", json("format", "email"), "is required"),
          Arguments.of("null", json("format", "email", "email", null), "must not be null"),
          Arguments.of("empty", json("format", "email", "email", ""), "must not be empty"),
          Arguments.of("blank", json("format", "opaque", "id", "  "), "must not be empty"),
          Arguments.of("a number", json("format", "email", "email", 42), "must be a string"),
          Arguments.of("an object", json("format", "email", "email", json("a", "b")), "must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequiredMembers")
    @DisplayName("FMT-1 a missing, null, empty or non-string required member is rejected")
    void fromMapWhenRequiredMemberBadThenRejected(String kind, Map<String, Object> json, String message) {
      List<FieldError> errors = errorsOf(json);

      assertThat(errors).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo(json.get("format").equals("email") ? "email" : "id");
        assertThat(error.message()).contains(message);
      });
    }

    static Stream<Arguments> badFormats() {
      return Stream.of(
          Arguments.of("missing", json("email", "user@example.com"), "is required"),
          Arguments.of("null", json("format", null, "email", "user@example.com"), "must be a string"),
          Arguments.of("empty", json("format", "", "email", "user@example.com"), "must not be empty"),
          Arguments.of("a number", json("format", 1, "email", "user@example.com"), "must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFormats")
    @DisplayName("FMT-1 a missing, null, empty or non-string format is rejected")
    void fromMapWhenFormatBadThenRejected(String kind, Map<String, Object> json, String message) {
      assertThat(errorsOf(json)).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo("format");
        assertThat(error.message()).contains(message);
      });
    }

    @Test
    @DisplayName("FMT-1 a member the registered format does not define is rejected by name")
    void fromMapWhenExtraMemberThenRejectedByName() {
      List<FieldError> errors = errorsOf(json("format", "email", "email", "user@example.com", "name", "Jane"));

      assertThat(errors).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo("name");
        assertThat(error.message()).contains("'name'").contains("email");
      });
    }

    @Test
    @DisplayName("FMT-1 every invalid member is reported at once")
    void fromMapWhenSeveralMembersInvalidThenReportsAll() {
      List<FieldError> errors = errorsOf(json("format", "iss_sub", "iss", "", "sub", 7, "extra", true));

      assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("iss", "sub", "extra");
    }

    @Test
    @DisplayName("FMT-1 every invalid member of nested identifiers is reported at once, with its path")
    void fromMapWhenNestedMembersInvalidThenReportsAllWithPaths() {
      Map<String, Object> aliases = json("format", "aliases", "identifiers", List.of(
          json("format", "email", "email", "not-an-email"),
          json("format", "opaque", "id", "ok"),
          json("format", "phone_number", "phone_number", "2065550100", "country", "US")));

      assertThat(errorsOf(aliases)).extracting(FieldError::field)
          .containsExactlyInAnyOrder("identifiers[0].email", "identifiers[2].phone_number", "identifiers[2].country");
    }

    @Test
    @DisplayName("the exception is INVALID_REQUEST and its message names the member and the bad value")
    void fromMapWhenInvalidThenInvalidRequestNamingValue() {
      SsfException e = catchThrowableOfType(SsfException.class,
          () -> SubjectIdentifier.fromMap(json("format", "phone_number", "phone_number", "12065550100")));

      assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("phone_number").contains("12065550100");
      assertThat(e.under("subject").fieldErrors())
          .extracting(FieldError::field).containsExactly("subject.phone_number");
    }

    @Test
    @DisplayName("FMT-2 an ip-addresses member that is not an array of strings is rejected with element paths")
    void fromMapWhenIpAddressesNotStringsThenElementPathsNamed() {
      List<FieldError> errors = errorsOf(
          json("format", "ip-addresses", "ip-addresses", Arrays.asList("10.0.0.1", 17, null, "example.com")));

      assertThat(errors).extracting(FieldError::field)
          .containsExactly("ip-addresses[1]", "ip-addresses[2]", "ip-addresses[3]");
      assertThat(errorsOf(json("format", "ip-addresses", "ip-addresses", "10.0.0.1")))
          .extracting(FieldError::field).containsExactly("ip-addresses");
    }

    @Test
    @DisplayName("FMT-2 an aliases identifier with an exact duplicate is rejected")
    void fromMapWhenAliasesHasDuplicateThenRejected() {
      Map<String, Object> aliases = json("format", "aliases", "identifiers", List.of(
          json("format", "email", "email", "user@example.com"),
          json("email", "user@example.com", "format", "email")));

      assertThat(errorsOf(aliases)).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo("identifiers[1]");
        assertThat(error.message()).contains("identifiers[0]");
      });
    }

    @Test
    @DisplayName("FMT-2 an aliases element that is not an object is rejected")
    void fromMapWhenAliasesElementNotObjectThenRejected() {
      Map<String, Object> aliases = json("format", "aliases", "identifiers", List.of("user@example.com"));

      assertThat(errorsOf(aliases)).extracting(FieldError::field).containsExactly("identifiers[0]");
    }
  }

  @Nested
  @DisplayName("FMT-2 value rules")
  class ValueRules {

    static Stream<Arguments> values() {
      return Stream.of(
          Arguments.of("email", "email", "user+qualifier@example.com", true),
          Arguments.of("email", "email", "\"a@b\"@example.com", true),
          Arguments.of("email", "email", "user@[192.0.2.1]", true),
          Arguments.of("email", "email", "user@localhost", true),
          Arguments.of("email", "email", "@example.com", false),
          Arguments.of("email", "email", "user@", false),
          Arguments.of("email", "email", "user @example.com", false),
          Arguments.of("email", "email", "user@exa mple.com", false),
          Arguments.of("email", "email", "user\t@example.com", false),
          Arguments.of("email", "email", ".user@example.com", false),
          Arguments.of("email", "email", "us..er@example.com", false),
          Arguments.of("email", "email", "a@b@example.com", false),
          Arguments.of("email", "email", "user@example..com", false),
          Arguments.of("phone_number", "phone_number", "+1", true),
          Arguments.of("phone_number", "phone_number", "+123456789012345", true),
          Arguments.of("phone_number", "phone_number", "+1234567890123456", false),
          Arguments.of("phone_number", "phone_number", "+02065550100", false),
          Arguments.of("phone_number", "phone_number", "12065550100", false),
          Arguments.of("phone_number", "phone_number", "+1-206-555-0100", false),
          Arguments.of("phone_number", "phone_number", "+", false),
          Arguments.of("account", "uri", "acct:juliet%40capulet.example@shoppingsite.example", true),
          Arguments.of("account", "uri", "acct:example.com", false),
          Arguments.of("account", "uri", "acct:@example.com", false),
          Arguments.of("account", "uri", "acct:user@", false),
          Arguments.of("account", "uri", "acct:a@b@example.com", false),
          Arguments.of("did", "url", "did:web:example.com%3A8443", true),
          Arguments.of("did", "url", "did:example:123456/path?versionId=1#key-1", true),
          Arguments.of("did", "url", "did:example:", false),
          Arguments.of("did", "url", "did:example", false),
          Arguments.of("did", "url", "did:Example:123", false),
          Arguments.of("did", "url", "did::123", false),
          Arguments.of("uri", "uri", "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", true),
          Arguments.of("uri", "uri", "https://[2001:db8::1]:8443/u?x=1#frag", true),
          Arguments.of("uri", "uri", "https://exa mple.com/", false),
          Arguments.of("uri", "uri", "1https://example.com/", false),
          Arguments.of("uri", "uri", "https:", false),
          Arguments.of("uri", "uri", "https://example.com/#a#b", false),
          Arguments.of("uri", "uri", "https://example.com/<x>", false));
    }

    @ParameterizedTest(name = "{0} {2} valid={3}")
    @MethodSource("values")
    @DisplayName("FMT-2 member syntax is checked per format")
    void fromMapWhenValueGivenThenSyntaxChecked(String format, String member, String value, boolean valid) {
      Map<String, Object> json = json("format", format, member, value);

      if (valid) {
        assertThat(SubjectIdentifier.fromMap(json).toMap()).isEqualTo(json);
      } else {
        assertThat(errorsOf(json)).singleElement().satisfies(error -> {
          assertThat(error.field()).isEqualTo(member);
          assertThat(error.message()).contains(value);
        });
      }
    }
  }

  @Nested
  @DisplayName("FMT-2 construction in code applies the same rules")
  class Construction {

    static Stream<Arguments> invalidConstructions() {
      return Stream.<Supplier<?>>of(
              () -> new SubjectIdentifier.Email("user.example.com"),
              () -> new SubjectIdentifier.PhoneNumber("+1 206 555 0100"),
              () -> new SubjectIdentifier.IssSub("https://issuer.example.com/", ""),
              () -> new SubjectIdentifier.Opaque(" "),
              () -> new SubjectIdentifier.Account("acct:nobody"),
              () -> new SubjectIdentifier.Did("did:example"),
              () -> new SubjectIdentifier.Uri("relative/path"),
              () -> new SubjectIdentifier.Aliases(List.of()),
              () -> new SubjectIdentifier.JwtId("", "jti"),
              () -> new SubjectIdentifier.SamlAssertionId("issuer", ""),
              () -> new SubjectIdentifier.IpAddresses(List.of("localhost")),
              () -> new SubjectIdentifier.Complex(Map.of()),
              () -> new SubjectIdentifier.Proprietary("email", Map.of("email", "user@example.com")))
          .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("invalidConstructions")
    @DisplayName("FMT-2 a constructor throws IllegalArgumentException for an invalid member")
    void constructorWhenMemberInvalidThenThrows(Supplier<?> construction) {
      assertThatThrownBy(construction::get)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid");
    }

    @Test
    @DisplayName("a constructor names the member and the bad value")
    void constructorWhenInvalidThenMessageNamesMemberAndValue() {
      assertThatThrownBy(() -> new SubjectIdentifier.PhoneNumber("2065550100"))
          .hasMessageContaining("phone_number")
          .hasMessageContaining("2065550100");
    }

    @Test
    @DisplayName("a constructor rejects null members with NullPointerException naming the member")
    void constructorWhenMemberNullThenNullPointerException() {
      assertThatNullPointerException().isThrownBy(() -> new SubjectIdentifier.IssSub("iss", null)).withMessage("sub");
    }

    @Test
    @DisplayName("the factories build the same identifiers as fromMap")
    void factoriesWhenCalledThenEqualParsedIdentifiers() {
      assertThat(SubjectIdentifier.email("user@example.com")).isEqualTo(SubjectIdentifier.fromMap(EMAIL));
      assertThat(SubjectIdentifier.phoneNumber("+12065550100")).isEqualTo(SubjectIdentifier.fromMap(PHONE_NUMBER));
      assertThat(SubjectIdentifier.issSub("https://issuer.example.com/", "145234573"))
          .isEqualTo(SubjectIdentifier.fromMap(ISS_SUB));
      assertThat(SubjectIdentifier.opaque("11112222333344445555")).isEqualTo(SubjectIdentifier.fromMap(OPAQUE));
    }

    @Test
    @DisplayName("collections are copied, so changing the input later changes nothing")
    void constructorWhenInputMutatedAfterwardsThenIdentifierUnchanged() {
      List<String> addresses = new ArrayList<>(List.of("10.0.0.1"));
      List<Object> tags = new ArrayList<>(List.of("a"));
      Map<String, Object> members = new LinkedHashMap<>(Map.of("tags", tags));
      SubjectIdentifier.IpAddresses ip = new SubjectIdentifier.IpAddresses(addresses);
      SubjectIdentifier.Proprietary proprietary = new SubjectIdentifier.Proprietary("catalog_item", members);

      addresses.add("10.0.0.2");
      tags.add("b");
      members.put("more", "x");

      assertThat(ip.ipAddresses()).containsExactly("10.0.0.1");
      assertThat(proprietary.toMap()).isEqualTo(json("format", "catalog_item", "tags", List.of("a")));
    }

    @Test
    @DisplayName("FMT-5 complex members are emitted in a canonical order")
    void complexWhenMembersGivenInAnyOrderThenToMapOrderIsCanonical() {
      SubjectIdentifier.Complex complex = new SubjectIdentifier.Complex(Map.of(
          "zone", SubjectIdentifier.opaque("z1"),
          "tenant", SubjectIdentifier.opaque("t1"),
          "printer", SubjectIdentifier.opaque("p1"),
          "user", SubjectIdentifier.email("user@example.com")));

      assertThat(complex.toMap().keySet()).containsExactly("format", "user", "tenant", "printer", "zone");
    }
  }

  @Nested
  @DisplayName("FMT-4 proprietary formats")
  class ProprietaryFormats {

    @Test
    @DisplayName("FMT-4 an unregistered format passes through without member checks")
    void fromMapWhenUnregisteredFormatThenPassedThrough() {
      Map<String, Object> json = json("format", "catalog_item", "catalog_id", "c1",
          "count", 3, "price", new BigDecimal("9.50"), "active", true,
          "tags", List.of("x", json("nested", List.of(1, 2))));

      SubjectIdentifier identifier = SubjectIdentifier.fromMap(json);

      assertThat(identifier).isInstanceOf(SubjectIdentifier.Proprietary.class);
      assertThat(identifier.format()).isEqualTo("catalog_item");
      assertThat(identifier.toMap()).isEqualTo(json);
    }

    @Test
    @DisplayName("FMT-4 proprietary member values must still be JSON-shaped")
    void fromMapWhenProprietaryValueNotJsonThenRejected() {
      Map<String, Object> json = json("format", "catalog_item",
          "when", new Object(), "ratio", Double.NaN, "list", Arrays.asList("a", null), "ok", "fine");

      assertThat(errorsOf(json)).extracting(FieldError::field).containsExactly("when", "ratio", "list[1]");
    }

    @Test
    @DisplayName("FMT-4 a proprietary format name is case-sensitive, so Email is not email")
    void fromMapWhenFormatCaseDiffersThenProprietary() {
      SubjectIdentifier identifier = SubjectIdentifier.fromMap(json("format", "Email", "email", "x"));

      assertThat(identifier).isInstanceOf(SubjectIdentifier.Proprietary.class);
    }

    @Test
    @DisplayName("FMT-4 proprietary nesting is bounded")
    void fromMapWhenProprietaryNestsTooDeepThenRejected() {
      Object value = "leaf";
      for (int i = 0; i < 40; i++) {
        value = List.of(value);
      }

      assertThat(errorsOf(json("format", "catalog_item", "deep", value))).singleElement()
          .satisfies(error -> assertThat(error.message()).contains("nests deeper"));
    }
  }

  @Nested
  @DisplayName("FMT-5 complex subjects")
  class ComplexSubjects {

    @Test
    @DisplayName("FMT-5 a complex subject without members is invalid")
    void fromMapWhenComplexHasNoMembersThenRejected() {
      assertThat(errorsOf(json("format", "complex"))).singleElement()
          .satisfies(error -> assertThat(error.field()).isEqualTo("format"));
    }

    @Test
    @DisplayName("FMT-5 a complex subject nested in a complex subject is invalid")
    void fromMapWhenComplexNestedThenRejected() {
      Map<String, Object> json = json("format", "complex",
          "user", json("format", "complex", "device", json("format", "opaque", "id", "d1")));

      assertThat(errorsOf(json)).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo("user");
        assertThat(error.message()).contains("complex");
      });
    }

    @Test
    @DisplayName("FMT-5 aliases nested in a complex subject are invalid (impl choice)")
    void fromMapWhenAliasesInComplexThenRejected() {
      Map<String, Object> json = json("format", "complex", "user", ALIASES);

      assertThat(errorsOf(json)).extracting(FieldError::field).containsExactly("user");
    }

    @Test
    @DisplayName("FMT-2 aliases and complex subjects nested in aliases are invalid")
    void fromMapWhenAliasesOrComplexInAliasesThenRejected() {
      Map<String, Object> json = json("format", "aliases", "identifiers", List.of(ALIASES, EMAIL, COMPLEX));

      assertThat(errorsOf(json)).extracting(FieldError::field).containsExactly("identifiers[0]", "identifiers[2]");
    }

    @Test
    @DisplayName("FMT-5 member names beyond the defined ones are allowed")
    void fromMapWhenComplexHasOtherMemberNameThenAccepted() {
      Map<String, Object> json = json("format", "complex", "printer", json("format", "opaque", "id", "p1"));

      assertThat(SubjectIdentifier.fromMap(json).toMap()).isEqualTo(json);
    }

    @Test
    @DisplayName("FMT-5 a complex member that is not a subject object is invalid")
    void fromMapWhenComplexMemberNotObjectThenRejected() {
      List<FieldError> errors = errorsOf(json("format", "complex",
          "user", "user@example.com", "device", json("id", "d1")));

      assertThat(errors).extracting(FieldError::field).containsExactly("user", "device.format");
    }

    @Test
    @DisplayName("FMT-5 constructing a nested complex subject in code throws")
    void constructorWhenComplexNestedThenThrows() {
      SubjectIdentifier.Complex inner = new SubjectIdentifier.Complex(Map.of("user", SubjectIdentifier.opaque("u")));

      assertThatThrownBy(() -> new SubjectIdentifier.Complex(Map.of("session", inner)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session");
    }
  }

  @Nested
  @DisplayName("FMT-7 and RISC-5 legacy names")
  class LegacyNames {

    @Test
    @DisplayName("FMT-7 the legacy phone format is refused by default, pointing to phone_number")
    void fromMapWhenLegacyPhoneThenRejected() {
      assertThat(errorsOf(json("format", "phone", "phone_number", "+12065550100"))).singleElement()
          .satisfies(error -> {
            assertThat(error.field()).isEqualTo("format");
            assertThat(error.message()).contains("phone_number");
          });
    }

    @Test
    @DisplayName("FMT-7 the legacy phone format is read as phone_number when enabled, and emitted as phone_number")
    void fromMapWhenLegacyPhoneEnabledThenPhoneNumber() {
      SubjectIdentifier identifier =
          SubjectIdentifier.fromMap(json("format", "phone", "phone_number", "+12065550100"), true);

      assertThat(identifier).isEqualTo(SubjectIdentifier.phoneNumber("+12065550100"));
      assertThat(identifier.toMap()).isEqualTo(PHONE_NUMBER);
    }

    @Test
    @DisplayName("FMT-7 the legacy phone format still needs a strict E.164 number when enabled")
    void fromMapWhenLegacyPhoneEnabledAndNotE164ThenRejected() {
      assertThat(errorsOf(json("format", "phone", "phone_number", "+1 206 555 0123"), true))
          .extracting(FieldError::field).containsExactly("phone_number");
    }

    @Test
    @DisplayName("FMT-7 phone cannot be smuggled in as a proprietary format")
    void proprietaryWhenLegacyPhoneThenThrows() {
      assertThatThrownBy(() -> new SubjectIdentifier.Proprietary("phone", Map.of("phone_number", "+12065550100")))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RISC-5 subject_type instead of format is rejected with a clear message")
    void fromMapWhenSubjectTypeInsteadOfFormatThenRejected() {
      List<FieldError> errors = errorsOf(json("subject_type", "email", "email", "user@example.com"));

      assertThat(errors).extracting(FieldError::field).containsExactly("subject_type", "format");
      assertThat(errors.get(0).message()).contains("use format");
    }

    @Test
    @DisplayName("RISC-5 subject_type next to format is rejected once, for registered and proprietary formats")
    void fromMapWhenSubjectTypeBesideFormatThenRejectedOnce() {
      assertThat(errorsOf(json("format", "email", "subject_type", "email", "email", "user@example.com")))
          .extracting(FieldError::field).containsExactly("subject_type");
      assertThat(errorsOf(json("format", "catalog_item", "subject_type", "x")))
          .extracting(FieldError::field).containsExactly("subject_type");
    }
  }

  @Nested
  @DisplayName("SUBJ-7 exact equality")
  class Equality {

    @Test
    @DisplayName("SUBJ-7 the same members in a different order are equal and hash equally")
    void fromMapWhenMembersReorderedThenEqual() {
      SubjectIdentifier a = SubjectIdentifier.fromMap(json("format", "email", "email", "a@example.com"));
      SubjectIdentifier b = SubjectIdentifier.fromMap(json("email", "a@example.com", "format", "email"));

      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
      assertThat(SubjectIdentifier.matches(a, b)).isTrue();
    }

    @Test
    @DisplayName("SUBJ-7 complex and proprietary members in a different order are equal and hash equally")
    void fromMapWhenNestedMembersReorderedThenEqual() {
      Map<String, Object> reordered = json(
          "tenant", json("sub", "jane.smith@example.com", "format", "iss_sub",
              "iss", "https://idp.example.com/3957ea72-1b66-44d6-a044-d805712b9288/"),
          "format", "complex",
          "user", json("email", "user@example.com", "format", "email"));
      SubjectIdentifier p1 = SubjectIdentifier.fromMap(json("format", "x", "a", "1", "b", json("c", 1, "d", 2)));
      SubjectIdentifier p2 = SubjectIdentifier.fromMap(json("b", json("d", 2, "c", 1), "a", "1", "format", "x"));

      assertThat(SubjectIdentifier.fromMap(reordered)).isEqualTo(SubjectIdentifier.fromMap(COMPLEX))
          .hasSameHashCodeAs(SubjectIdentifier.fromMap(COMPLEX));
      assertThat(p1).isEqualTo(p2).hasSameHashCodeAs(p2);
    }

    @Test
    @DisplayName("SUBJ-7 a difference in case is a different subject")
    void fromMapWhenCaseDiffersThenNotEqual() {
      SubjectIdentifier lower = SubjectIdentifier.email("user@example.com");
      SubjectIdentifier upper = SubjectIdentifier.email("User@example.com");

      assertThat(lower).isNotEqualTo(upper);
      assertThat(SubjectIdentifier.matches(lower, upper)).isFalse();
    }

    @Test
    @DisplayName("SUBJ-7 the same value in another format is a different subject")
    void equalsWhenFormatDiffersThenNotEqual() {
      assertThat(SubjectIdentifier.opaque("abc")).isNotEqualTo(new SubjectIdentifier.Uri("urn:abc"));
      assertThat(new SubjectIdentifier.Account("acct:a@example.com"))
          .isNotEqualTo(new SubjectIdentifier.Uri("acct:a@example.com"));
    }
  }

  @Nested
  @DisplayName("SUBJ-8 matching")
  class Matching {

    static final Map<String, Object> USER = json("format", "email", "email", "user@example.com");
    static final Map<String, Object> TENANT = json("format", "opaque", "id", "tenant-1234");
    static final Map<String, Object> DEVICE = json("format", "opaque", "id", "device-5678");

    @Test
    @DisplayName("SUBJ-8 a tenant-only stream subject matches a tenant+user event subject")
    void matchesWhenStreamHasTenantOnlyAndEventTenantAndUserThenMatch() {
      SubjectIdentifier stream = SubjectIdentifier.fromMap(json("format", "complex", "tenant", TENANT));
      SubjectIdentifier event = SubjectIdentifier.fromMap(json("format", "complex", "user", USER, "tenant", TENANT));

      assertThat(SubjectIdentifier.matches(stream, event)).isTrue();
    }

    @Test
    @DisplayName("SUBJ-8 a user+device stream subject matches a user-only event subject")
    void matchesWhenStreamHasUserAndDeviceAndEventUserOnlyThenMatch() {
      SubjectIdentifier stream = SubjectIdentifier.fromMap(json("format", "complex", "user", USER, "device", DEVICE));
      SubjectIdentifier event = SubjectIdentifier.fromMap(json("format", "complex", "user", USER));

      assertThat(SubjectIdentifier.matches(stream, event)).isTrue();
    }

    @Test
    @DisplayName("SUBJ-8 subjects whose group members differ do not match")
    void matchesWhenGroupDiffersThenNoMatch() {
      SubjectIdentifier stream = SubjectIdentifier.fromMap(json("format", "complex",
          "user", USER, "group", json("format", "opaque", "id", "admins")));
      SubjectIdentifier event = SubjectIdentifier.fromMap(json("format", "complex",
          "user", USER, "group", json("format", "opaque", "id", "guests")));

      assertThat(SubjectIdentifier.matches(stream, event)).isFalse();
    }

    @Test
    @DisplayName("SUBJ-8 complex subjects without a member name in common do not match")
    void matchesWhenNoSharedMemberThenNoMatch() {
      SubjectIdentifier stream = SubjectIdentifier.fromMap(json("format", "complex", "tenant", TENANT));
      SubjectIdentifier event = SubjectIdentifier.fromMap(json("format", "complex", "user", USER));

      assertThat(SubjectIdentifier.matches(stream, event)).isFalse();
    }

    @Test
    @DisplayName("SUBJ-8 a simple subject does not match a complex one, either way (§18 choice 18)")
    void matchesWhenSimpleAgainstComplexThenNoMatch() {
      SubjectIdentifier simple = SubjectIdentifier.fromMap(USER);
      SubjectIdentifier complex = SubjectIdentifier.fromMap(json("format", "complex", "user", USER));

      assertThat(SubjectIdentifier.matches(simple, complex)).isFalse();
      assertThat(SubjectIdentifier.matches(complex, simple)).isFalse();
    }

    @Test
    @DisplayName("SUBJ-7 simple subjects match only when equal")
    void matchesWhenSimpleSubjectsThenMatchOnlyWhenEqual() {
      SubjectIdentifier user = SubjectIdentifier.fromMap(USER);

      assertThat(SubjectIdentifier.matches(user, SubjectIdentifier.email("user@example.com"))).isTrue();
      assertThat(SubjectIdentifier.matches(user, SubjectIdentifier.email("other@example.com"))).isFalse();
    }
  }

  // --- Helpers ----------------------------------------------------------------------------------

  /** A JSON object with members in the given order; values may be null, unlike {@link Map#of}. */
  static Map<String, Object> json(@Nullable Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  static List<FieldError> errorsOf(Map<String, ?> json) {
    return errorsOf(json, false);
  }

  static List<FieldError> errorsOf(Map<String, ?> json, boolean acceptLegacyPhone) {
    SsfException e = catchThrowableOfType(SsfException.class,
        () -> SubjectIdentifier.fromMap(json, acceptLegacyPhone));
    assertThat(e).as("fromMap should reject %s", json).isNotNull();
    assertThat(e.code()).isEqualTo(SsfErrorCode.INVALID_REQUEST);
    return e.fieldErrors();
  }
}
