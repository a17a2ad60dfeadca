package io.ssfkit.subject;

import io.ssfkit.error.FieldError;
import io.ssfkit.json.JsonShapes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one set of validation rules for subject identifiers, shared by the record constructors (which throw
 * {@link IllegalArgumentException}) and by {@link SubjectParser} (which collects {@link FieldError}s).
 *
 * <p>Every rule appends its findings to a list, with the field path relative to the subject object, and never
 * throws for bad values. No rule performs a DNS lookup or any other I/O.
 */
final class SubjectRules {

  // Format names: RFC 9493 section 3.2 and SSF 1.0 sections 3.3 to 3.5.
  static final String EMAIL = "email";
  static final String PHONE_NUMBER = "phone_number";
  static final String ISS_SUB = "iss_sub";
  static final String OPAQUE = "opaque";
  static final String ACCOUNT = "account";
  static final String DID = "did";
  static final String URI = "uri";
  static final String ALIASES = "aliases";
  static final String JWT_ID = "jwt_id";
  static final String SAML_ASSERTION_ID = "saml_assertion_id";
  static final String IP_ADDRESSES = "ip-addresses";
  static final String COMPLEX = "complex";
  /** The pre-RFC 9493 name of {@code phone_number}; never emitted, accepted on input only behind a flag (FMT-7). */
  static final String LEGACY_PHONE = "phone";

  /** The member every subject identifier has. */
  static final String FORMAT_MEMBER = "format";
  /** The legacy Google RISC name of {@code format}, which must not be used (RISC-5). */
  static final String SUBJECT_TYPE_MEMBER = "subject_type";
  /** The member of {@code aliases}. */
  static final String IDENTIFIERS_MEMBER = "identifiers";

  /** The complex-subject member names SSF 1.0 section 3.3.1 defines, in the order {@code toMap} emits them. */
  static final List<String> COMPLEX_MEMBER_NAMES =
      List.of("user", "device", "session", "application", "tenant", "org_unit", "group");

  /** Checks one string member value and appends what is wrong with it. */
  @FunctionalInterface
  interface StringRule {
    void check(String field, String value, List<FieldError> errors);
  }

  /** One string member of a format, with its rule. */
  record Member(String name, StringRule rule) {}

  /** The formats whose members are all strings, with their members in wire order. */
  static final Map<String, List<Member>> STRING_FORMATS = stringFormats();

  /** Every format name a {@link SubjectIdentifier.Proprietary} identifier must not use. */
  static final Set<String> RESERVED_FORMATS =
      Set.of(EMAIL, PHONE_NUMBER, ISS_SUB, OPAQUE, ACCOUNT, DID, URI, ALIASES, JWT_ID, SAML_ASSERTION_ID,
          IP_ADDRESSES, COMPLEX, LEGACY_PHONE);

  private static final String ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\x{80}-\\x{10FFFF}";
  private static final Pattern DOT_ATOM = Pattern.compile("[" + ATEXT + "]+(?:\\.[" + ATEXT + "]+)*");
  // RFC 5322 quoted-string without folding white space (spaces are refused before this runs).
  private static final Pattern QUOTED_STRING =
      Pattern.compile("\"(?:[\\x21\\x23-\\x5B\\x5D-\\x7E\\x{80}-\\x{10FFFF}]|\\\\[\\x21-\\x7E])*\"");
  private static final Pattern DOMAIN_LITERAL = Pattern.compile("\\[[\\x21-\\x5A\\x5E-\\x7E]+]");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{0,14}");
  // RFC 7565 section 7: acct ":" userpart "@" host; an "@" inside userpart must be percent-encoded.
  private static final String SUB_DELIMS_UNRESERVED = "A-Za-z0-9._~!$&'()*+,;=\\-";
  private static final String PCT = "%[0-9A-Fa-f]{2}";
  private static final Pattern ACCT_URI = Pattern.compile(
      "(?i:acct):[" + SUB_DELIMS_UNRESERVED + "](?:[" + SUB_DELIMS_UNRESERVED + "]|" + PCT + ")*"
          + "@(?:(?:[" + SUB_DELIMS_UNRESERVED + "]|" + PCT + ")+|\\[[0-9A-Fa-f:.]+])");
  // RFC 3986 characters: unreserved, reserved and percent-encoded.
  private static final String URI_CHAR = "(?:[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=]|" + PCT + ")";
  // W3C DID 1.0 section 3.1 and 3.2: did:method:method-specific-id, then an optional DID URL path, query, fragment.
  private static final String ID_CHAR = "(?:[A-Za-z0-9._\\-]|" + PCT + ")";
  private static final Pattern DID_URL =
      Pattern.compile("did:[a-z0-9]+:(?:" + ID_CHAR + "*:)*" + ID_CHAR + "+(?:[/?#]" + URI_CHAR + "*)?");
  private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:" + URI_CHAR + "+");

  private SubjectRules() {}

  private static Map<String, List<Member>> stringFormats() {
    Map<String, List<Member>> formats = new HashMap<>();
    formats.put(EMAIL, List.of(new Member("email", SubjectRules::email)));
    formats.put(PHONE_NUMBER, List.of(new Member("phone_number", SubjectRules::phoneNumber)));
    formats.put(ISS_SUB, List.of(new Member("iss", SubjectRules::nonBlank), new Member("sub", SubjectRules::nonBlank)));
    formats.put(OPAQUE, List.of(new Member("id", SubjectRules::nonBlank)));
    formats.put(ACCOUNT, List.of(new Member("uri", SubjectRules::acctUri)));
    formats.put(DID, List.of(new Member("url", SubjectRules::didUrl)));
    formats.put(URI, List.of(new Member("uri", SubjectRules::absoluteUri)));
    formats.put(JWT_ID, List.of(new Member("iss", SubjectRules::nonBlank), new Member("jti", SubjectRules::nonBlank)));
    formats.put(SAML_ASSERTION_ID,
        List.of(new Member("issuer", SubjectRules::nonBlank), new Member("assertion_id", SubjectRules::nonBlank)));
    return Map.copyOf(formats);
  }

  // --- Entry points for the record constructors -------------------------------------------------

  /**
   * Validates the string members of a format, in wire order, for a record constructor.
   *
   * @throws NullPointerException if a value is null, naming the member
   * @throws IllegalArgumentException if a value breaks its rule, naming every broken member
   */
  static void requireStrings(String format, String... values) {
    List<Member> members = Objects.requireNonNull(STRING_FORMATS.get(format), format);
    if (members.size() != values.length) {
      throw new IllegalStateException("format " + format + " has " + members.size() + " members");
    }
    for (int i = 0; i < values.length; i++) {
      Objects.requireNonNull(values[i], members.get(i).name());
    }
    require(format, errors -> {
      for (int i = 0; i < values.length; i++) {
        members.get(i).rule().check(members.get(i).name(), values[i], errors);
      }
    });
  }

  /**
   * Runs rules for a record constructor and throws when they find anything.
   *
   * @throws IllegalArgumentException naming every error found
   */
  static void require(String format, Consumer<List<FieldError>> rules) {
    List<FieldError> errors = new ArrayList<>();
    rules.accept(errors);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid " + format + " subject identifier: "
          + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
  }

  // --- String member rules ----------------------------------------------------------------------

  /** FMT-1: a required member is non-empty; whitespace only counts as empty. */
  static void nonBlank(String field, String value, List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
    }
  }

  /** RFC 9493 section 3.2.2: a pragmatic RFC 5322 addr-spec check (local@domain, no white space). */
  static void email(String field, String value, List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
      return;
    }
    if (!isAddrSpec(value)) {
      errors.add(new FieldError(field,
          "must be an email address (RFC 5322 addr-spec local@domain without white space), got '" + value + "'"));
    }
  }

  private static boolean isAddrSpec(String value) {
    if (hasSpaceOrControl(value)) {
      return false;
    }
    int at = value.lastIndexOf('@');
    if (at <= 0 || at == value.length() - 1) {
      return false;
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    boolean localOk = DOT_ATOM.matcher(local).matches() || QUOTED_STRING.matcher(local).matches();
    boolean domainOk = DOT_ATOM.matcher(domain).matches() || DOMAIN_LITERAL.matcher(domain).matches();
    return localOk && domainOk;
  }

  /** RFC 9493 section 3.2.5: strict E.164, a plus sign and 1 to 15 digits, the first not 0 (§18 choice 20). */
  static void phoneNumber(String field, String value, List<FieldError> errors) {
    if (value.isEmpty()) {
      errors.add(new FieldError(field, "must not be empty"));
    } else if (!E164.matcher(value).matches()) {
      errors.add(new FieldError(field,
          "must be an E.164 number: '+' then 1 to 15 digits, the first not 0, no spaces (e.g. +12065550100), got '"
              + value + "'"));
    }
  }

  /** RFC 9493 section 3.2.1: an {@code acct:} URI (RFC 7565) with a user@host part. */
  static void acctUri(String field, String value, List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
    } else if (!ACCT_URI.matcher(value).matches()) {
      errors.add(new FieldError(field, "must be an acct: URI of the form acct:user@host (RFC 7565), got '"
          + value + "'"));
    }
  }

  /** RFC 9493 section 3.2.3: a DID URL; a bare DID is a DID URL too. */
  static void didUrl(String field, String value, List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
    } else if (!DID_URL.matcher(value).matches()) {
      errors.add(new FieldError(field, "must be a DID URL such as did:example:123456 (did:method:id), got '"
          + value + "'"));
    }
  }

  /** RFC 9493 section 3.2.7: an absolute RFC 3986 URI. */
  static void absoluteUri(String field, String value, List<FieldError> errors) {
    if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
    } else if (!ABSOLUTE_URI.matcher(value).matches() || value.indexOf('#') != value.lastIndexOf('#')) {
      errors.add(new FieldError(field, "must be an absolute URI (RFC 3986) with a scheme, got '" + value + "'"));
    }
  }

  /** SSF 1.0 section 3.5: one RFC 4001 textual IPv4 or IPv6 address; parsed here, never resolved. */
  static void ipAddress(String field, String value, List<FieldError> errors) {
    if (!IpLiterals.isIpv4(value) && !IpLiterals.isIpv6(value)) {
      errors.add(new FieldError(field, "must be a textual IPv4 or IPv6 address, got '" + value + "'"));
    }
  }

  private static boolean hasSpaceOrControl(String value) {
    return value.codePoints().anyMatch(
        c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
  }

  // --- Structured rules -------------------------------------------------------------------------

  /** SSF 1.0 section 3.5: a non-empty array of textual addresses. */
  static void ipAddresses(List<String> addresses, List<FieldError> errors) {
    if (addresses.isEmpty()) {
      errors.add(new FieldError(IP_ADDRESSES, "must contain at least one address"));
    }
    for (int i = 0; i < addresses.size(); i++) {
      ipAddress(IP_ADDRESSES + "[" + i + "]", addresses.get(i), errors);
    }
  }

  /**
   * Says why a subject of {@code memberFormat} may not sit inside a {@code containerFormat} subject, or returns
   * null when it may.
   */
  static @Nullable String nestingProblem(String containerFormat, String memberFormat) {
    if (ALIASES.equals(containerFormat) && ALIASES.equals(memberFormat)) {
      return "must not be an aliases identifier: aliases do not nest (RFC 9493 section 3.2.8)";
    }
    if (COMPLEX.equals(memberFormat)) {
      return "must be a simple subject identifier, not complex: complex subjects do not nest (SSF 1.0 section 3.3)";
    }
    if (COMPLEX.equals(containerFormat) && ALIASES.equals(memberFormat)) {
      return "must be a simple subject identifier, not aliases: ssfkit does not accept aliases inside a complex"
          + " subject (FMT-5)";
    }
    return null;
  }

  /** RFC 9493 section 3.2.8: a non-empty array of simple identifiers, no nesting, no exact duplicates. */
  static void aliases(List<SubjectIdentifier> identifiers, List<FieldError> errors) {
    if (identifiers.isEmpty()) {
      errors.add(new FieldError(IDENTIFIERS_MEMBER, "must contain at least one identifier"));
    }
    Map<SubjectIdentifier, Integer> seen = new HashMap<>();
    for (int i = 0; i < identifiers.size(); i++) {
      SubjectIdentifier identifier = identifiers.get(i);
      String field = IDENTIFIERS_MEMBER + "[" + i + "]";
      String problem = nestingProblem(ALIASES, identifier.format());
      if (problem != null) {
        errors.add(new FieldError(field, problem));
        continue;
      }
      Integer first = seen.putIfAbsent(identifier, i);
      if (first != null) {
        errors.add(new FieldError(field, "duplicates " + IDENTIFIERS_MEMBER + "[" + first + "]"));
      }
    }
  }

  /** SSF 1.0 section 3.3: one or more named simple identifiers (FMT-5). */
  static void complex(Map<String, SubjectIdentifier> members, List<FieldError> errors) {
    if (members.isEmpty()) {
      errors.add(new FieldError(FORMAT_MEMBER, "a complex subject needs at least one member besides format, such as "
          + String.join(", ", COMPLEX_MEMBER_NAMES)));
    }
    members.forEach((name, member) -> {
      if (name.equals(FORMAT_MEMBER) || name.equals(SUBJECT_TYPE_MEMBER)) {
        errors.add(new FieldError(name, "cannot name a member of a complex subject"));
        return;
      }
      String problem = nestingProblem(COMPLEX, member.format());
      if (problem != null) {
        errors.add(new FieldError(name, problem));
      }
    });
  }

  /** SSF 1.0 section 3.4 (FMT-4): an unregistered format name and JSON-shaped members, checked no further. */
  static void proprietary(String format, Map<String, ?> members, List<FieldError> errors) {
    if (format.isBlank()) {
      errors.add(new FieldError(FORMAT_MEMBER, "must not be empty"));
    } else if (RESERVED_FORMATS.contains(format)) {
      errors.add(new FieldError(FORMAT_MEMBER, "'" + format + "' is a registered format, not a proprietary one"));
    }
    members.forEach((name, value) -> {
      if (FORMAT_MEMBER.equals(name)) {
        errors.add(new FieldError(name, "is the format itself, not a member"));
      } else if (SUBJECT_TYPE_MEMBER.equals(name)) {
        errors.add(subjectTypeError());
      } else {
        JsonShapes.check(name, value, 0, errors);
      }
    });
  }

  /** RISC-5: the legacy RISC {@code subject_type} member is refused. */
  static FieldError subjectTypeError() {
    return new FieldError(SUBJECT_TYPE_MEMBER,
        "is the legacy RISC name for format and is not accepted; use format (RISC 1.0 section 3.1)");
  }

  /** Builds the JSON-shaped view of an identifier: {@code format} first, then members in the given order. */
  static Map<String, Object> view(String format, Object... membersAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(FORMAT_MEMBER, format);
    for (int i = 0; i < membersAndValues.length; i += 2) {
      map.put((String) membersAndValues[i], membersAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

}
