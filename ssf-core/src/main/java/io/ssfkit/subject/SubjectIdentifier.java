package io.ssfkit.subject;

import io.ssfkit.json.JsonShapes;
import io.ssfkit.error.SsfException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A subject identifier: the {@code sub_id} of a SET and the {@code subject} of an add or remove request
 * (RFC 9493; SSF 1.0 section 3).
 *
 * <p>One record per format: the RFC 9493 formats {@link Email}, {@link PhoneNumber}, {@link IssSub},
 * {@link Opaque}, {@link Account}, {@link Did}, {@link Uri} and {@link Aliases}; the SSF formats {@link JwtId},
 * {@link SamlAssertionId}, {@link IpAddresses} and {@link Complex}; and {@link Proprietary} for any other
 * format name (FMT-4). Each record validates its members when constructed, so an invalid identifier cannot
 * exist. Equality is structural and exact: the same format and the same member values, compared
 * case-sensitively and without normalisation, whatever the member order of the JSON they came from (SUBJ-7).
 *
 * <p>Build identifiers with the records' constructors or the factories such as {@link #email(String)}; read them
 * from JSON-shaped maps with {@link #fromMap(Map)}; compare a stream's subject with an event's subject with
 * {@link #matches(SubjectIdentifier, SubjectIdentifier)}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9493#section-3">RFC 9493 section 3</a>
 * @see <a href="https://openid.net/specs/openid-sharedsignals-framework-1_0.html#section-3">SSF 1.0 section 3</a>
 */
public sealed interface SubjectIdentifier {

  /**
   * Returns the format name.
   *
   * @return the value of the {@code format} member, such as {@code email}
   */
  String format();

  /**
   * Returns the JSON-shaped view of this identifier: member names mapped to strings, lists and maps (and, for
   * {@link Proprietary}, numbers and booleans).
   *
   * @return an immutable map whose first member is {@code format}, followed by the format's members in a stable
   *     order
   */
  Map<String, Object> toMap();

  /**
   * Returns an {@code email} identifier.
   *
   * @param address the email address, such as {@code user@example.com}
   * @return the identifier
   * @throws IllegalArgumentException if the address is not an RFC 5322 addr-spec
   */
  static Email email(String address) {
    return new Email(address);
  }

  /**
   * Returns a {@code phone_number} identifier.
   *
   * @param e164 the number in strict E.164 form, such as {@code +12065550100}
   * @return the identifier
   * @throws IllegalArgumentException if the number is not in E.164 form
   */
  static PhoneNumber phoneNumber(String e164) {
    return new PhoneNumber(e164);
  }

  /**
   * Returns an {@code iss_sub} identifier.
   *
   * @param iss the issuer, such as {@code https://issuer.example.com/}
   * @param sub the subject, unique within the issuer
   * @return the identifier
   * @throws IllegalArgumentException if either value is empty
   */
  static IssSub issSub(String iss, String sub) {
    return new IssSub(iss, sub);
  }

  /**
   * Returns an {@code opaque} identifier.
   *
   * @param id the opaque value
   * @return the identifier
   * @throws IllegalArgumentException if the value is empty
   */
  static Opaque opaque(String id) {
    return new Opaque(id);
  }

  /**
   * Parses and validates a subject identifier from its JSON-shaped form, refusing the legacy {@code phone}
   * format (FMT-7).
   *
   * @param json the members, including {@code format}
   * @return the identifier
   * @throws SsfException {@code INVALID_REQUEST} naming every invalid member by its path relative to the
   *     subject object, such as {@code email}, {@code user.email} or {@code identifiers[1].email}
   */
  static SubjectIdentifier fromMap(Map<String, ?> json) {
    return fromMap(json, false);
  }

  /**
   * Parses and validates a subject identifier from its JSON-shaped form.
   *
   * <p>Registered formats must have every member they define, as a non-empty string (or array, or object, where
   * the format says so), and no other member (FMT-1). Any other format name is a {@link Proprietary} identifier
   * whose members are only checked to be JSON values (FMT-4). The legacy RISC {@code subject_type} member is
   * refused (RISC-5).
   *
   * @param json the members, including {@code format}
   * @param acceptLegacyPhone whether to read {@code {"format":"phone","phone_number":...}} as a
   *     {@link PhoneNumber}; the number must still be strict E.164 (§18 choice 20)
   * @return the identifier
   * @throws SsfException {@code INVALID_REQUEST} naming every invalid member by its path relative to the
   *     subject object, such as {@code email}, {@code user.email} or {@code identifiers[1].email}
   */
  static SubjectIdentifier fromMap(Map<String, ?> json, boolean acceptLegacyPhone) {
    Objects.requireNonNull(json, "json");
    return SubjectParser.parse(json, acceptLegacyPhone);
  }

  /**
   * Tells whether an event about {@code eventSubject} concerns a stream that holds {@code streamSubject}
   * (SSF 1.0 section 8.1.3.1).
   *
   * <p>Simple subjects match only when they are equal (SUBJ-7). Two {@link Complex} subjects match when they
   * share at least one member name and every member present on both sides is equal, so a less specific subject
   * matches a more specific one either way (SUBJ-8). A simple subject never matches a complex one (§18 choice
   * 18).
   *
   * @param streamSubject the subject added to or removed from the stream
   * @param eventSubject the subject of the event
   * @return true when the event concerns the stream's subject
   */
  static boolean matches(SubjectIdentifier streamSubject, SubjectIdentifier eventSubject) {
    Objects.requireNonNull(streamSubject, "streamSubject");
    Objects.requireNonNull(eventSubject, "eventSubject");
    if (streamSubject instanceof Complex stream && eventSubject instanceof Complex event) {
      boolean shared = false;
      for (Map.Entry<String, SubjectIdentifier> member : stream.members().entrySet()) {
        SubjectIdentifier other = event.members().get(member.getKey());
        if (other != null) {
          if (!other.equals(member.getValue())) {
            return false;
          }
          shared = true;
        }
      }
      return shared;
    }
    return streamSubject.equals(eventSubject);
  }

  /**
   * The {@code email} format (RFC 9493 section 3.2.2).
   *
   * @param email an RFC 5322 addr-spec ({@code local@domain}, no white space), compared exactly
   */
  record Email(String email) implements SubjectIdentifier {

    /**
     * Validates the address.
     *
     * @param email the address
     * @throws NullPointerException if the address is null
     * @throws IllegalArgumentException if it is not an addr-spec
     */
    public Email {
      SubjectRules.requireStrings(SubjectRules.EMAIL, email);
    }

    @Override
    public String format() {
      return SubjectRules.EMAIL;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.EMAIL, "email", email);
    }
  }

  /**
   * The {@code phone_number} format (RFC 9493 section 3.2.5). The legacy {@code phone} format name is never
   * emitted (FMT-7).
   *
   * @param phoneNumber the number in strict E.164 form: {@code +} and 1 to 15 digits, the first not 0
   */
  record PhoneNumber(String phoneNumber) implements SubjectIdentifier {

    /**
     * Validates the number.
     *
     * @param phoneNumber the number
     * @throws NullPointerException if the number is null
     * @throws IllegalArgumentException if it is not in E.164 form
     */
    public PhoneNumber {
      SubjectRules.requireStrings(SubjectRules.PHONE_NUMBER, phoneNumber);
    }

    @Override
    public String format() {
      return SubjectRules.PHONE_NUMBER;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.PHONE_NUMBER, "phone_number", phoneNumber);
    }
  }

  /**
   * The {@code iss_sub} format (RFC 9493 section 3.2.4). The issuer may differ from the issuer of the SET.
   *
   * @param iss the issuer
   * @param sub the subject, unique within the issuer
   */
  record IssSub(String iss, String sub) implements SubjectIdentifier {

    /**
     * Validates both members.
     *
     * @param iss the issuer
     * @param sub the subject
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is empty
     */
    public IssSub {
      SubjectRules.requireStrings(SubjectRules.ISS_SUB, iss, sub);
    }

    @Override
    public String format() {
      return SubjectRules.ISS_SUB;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.ISS_SUB, "iss", iss, "sub", sub);
    }
  }

  /**
   * The {@code opaque} format (RFC 9493 section 3.2.6). A stream's own subject is the opaque identifier whose
   * {@code id} is the stream ID (SSF 1.0 section 8.1.4.1).
   *
   * @param id the opaque value
   */
  record Opaque(String id) implements SubjectIdentifier {

    /**
     * Validates the value.
     *
     * @param id the opaque value
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is empty
     */
    public Opaque {
      SubjectRules.requireStrings(SubjectRules.OPAQUE, id);
    }

    @Override
    public String format() {
      return SubjectRules.OPAQUE;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.OPAQUE, "id", id);
    }
  }

  /**
   * The {@code account} format (RFC 9493 section 3.2.1).
   *
   * @param uri an {@code acct:} URI (RFC 7565) such as {@code acct:example.user@service.example.com}
   */
  record Account(String uri) implements SubjectIdentifier {

    /**
     * Validates the URI.
     *
     * @param uri the {@code acct:} URI
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is not an {@code acct:user@host} URI
     */
    public Account {
      SubjectRules.requireStrings(SubjectRules.ACCOUNT, uri);
    }

    @Override
    public String format() {
      return SubjectRules.ACCOUNT;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.ACCOUNT, "uri", uri);
    }
  }

  /**
   * The {@code did} format (RFC 9493 section 3.2.3).
   *
   * @param url a DID URL such as {@code did:example:123456}; a bare DID is a DID URL too
   */
  record Did(String url) implements SubjectIdentifier {

    /**
     * Validates the DID URL.
     *
     * @param url the DID URL
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is not {@code did:} followed by a method and a method-specific ID
     */
    public Did {
      SubjectRules.requireStrings(SubjectRules.DID, url);
    }

    @Override
    public String format() {
      return SubjectRules.DID;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.DID, "url", url);
    }
  }

  /**
   * The {@code uri} format (RFC 9493 section 3.2.7).
   *
   * @param uri an absolute RFC 3986 URI such as {@code https://user.example.com/}
   */
  record Uri(String uri) implements SubjectIdentifier {

    /**
     * Validates the URI.
     *
     * @param uri the URI
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is not an absolute URI
     */
    public Uri {
      SubjectRules.requireStrings(SubjectRules.URI, uri);
    }

    @Override
    public String format() {
      return SubjectRules.URI;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.URI, "uri", uri);
    }
  }

  /**
   * The {@code aliases} format (RFC 9493 section 3.2.8): several identifiers of one and the same subject. Send
   * it only to a receiver that already knows these identifiers belong together (FMT-6).
   *
   * @param identifiers one or more simple identifiers, none of them {@code aliases} or {@code complex}, without
   *     exact duplicates; the order is kept and is part of equality
   */
  record Aliases(List<SubjectIdentifier> identifiers) implements SubjectIdentifier {

    /**
     * Validates and copies the identifiers.
     *
     * @param identifiers the identifiers
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if the list is empty, nests {@code aliases} or {@code complex}, or holds
     *     an exact duplicate
     */
    public Aliases {
      identifiers = List.copyOf(identifiers);
      List<SubjectIdentifier> copy = identifiers;
      SubjectRules.require(SubjectRules.ALIASES, errors -> SubjectRules.aliases(copy, errors));
    }

    @Override
    public String format() {
      return SubjectRules.ALIASES;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.ALIASES, SubjectRules.IDENTIFIERS_MEMBER,
          identifiers.stream().map(SubjectIdentifier::toMap).toList());
    }
  }

  /**
   * The {@code jwt_id} format (SSF 1.0 section 3.5.1): a JWT by its issuer and ID.
   *
   * @param iss the issuer of the JWT
   * @param jti the {@code jti} of the JWT
   */
  record JwtId(String iss, String jti) implements SubjectIdentifier {

    /**
     * Validates both members.
     *
     * @param iss the issuer of the JWT
     * @param jti the JWT ID
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is empty
     */
    public JwtId {
      SubjectRules.requireStrings(SubjectRules.JWT_ID, iss, jti);
    }

    @Override
    public String format() {
      return SubjectRules.JWT_ID;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.JWT_ID, "iss", iss, "jti", jti);
    }
  }

  /**
   * The {@code saml_assertion_id} format (SSF 1.0 section 3.5.2): a SAML assertion by its issuer and ID.
   *
   * @param issuer the issuer of the assertion
   * @param assertionId the {@code ID} of the assertion, the {@code assertion_id} member on the wire
   */
  record SamlAssertionId(String issuer, String assertionId) implements SubjectIdentifier {

    /**
     * Validates both members.
     *
     * @param issuer the issuer of the assertion
     * @param assertionId the assertion ID
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is empty
     */
    public SamlAssertionId {
      SubjectRules.requireStrings(SubjectRules.SAML_ASSERTION_ID, issuer, assertionId);
    }

    @Override
    public String format() {
      return SubjectRules.SAML_ASSERTION_ID;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.SAML_ASSERTION_ID, "issuer", issuer, "assertion_id", assertionId);
    }
  }

  /**
   * The {@code ip-addresses} format (SSF 1.0 section 3.5.3), whose member is also named {@code ip-addresses}.
   *
   * @param ipAddresses one or more textual IPv4 or IPv6 addresses (RFC 4001), kept as written; they are parsed,
   *     never resolved
   */
  record IpAddresses(List<String> ipAddresses) implements SubjectIdentifier {

    /**
     * Validates and copies the addresses.
     *
     * @param ipAddresses the addresses
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if the list is empty or an element is not an IPv4 or IPv6 address
     */
    public IpAddresses {
      ipAddresses = List.copyOf(ipAddresses);
      List<String> copy = ipAddresses;
      SubjectRules.require(SubjectRules.IP_ADDRESSES, errors -> SubjectRules.ipAddresses(copy, errors));
    }

    @Override
    public String format() {
      return SubjectRules.IP_ADDRESSES;
    }

    @Override
    public Map<String, Object> toMap() {
      return SubjectRules.view(SubjectRules.IP_ADDRESSES, SubjectRules.IP_ADDRESSES, ipAddresses);
    }
  }

  /**
   * The {@code complex} format (SSF 1.0 section 3.3): several simple identifiers, each describing one aspect of
   * the same principal, such as its {@code user} and its {@code tenant}.
   *
   * <p>Members are kept in a canonical order, the SSF-defined names ({@code user}, {@code device},
   * {@code session}, {@code application}, {@code tenant}, {@code org_unit}, {@code group}) first and any other
   * names after them alphabetically, so {@link #toMap()} does not depend on the order of the given map.
   *
   * @param members one or more members by name; none of them {@code complex} (SSF 1.0 section 3.3) or
   *     {@code aliases} (an ssfkit choice, FMT-5)
   */
  record Complex(Map<String, SubjectIdentifier> members) implements SubjectIdentifier {

    /**
     * Validates and copies the members.
     *
     * @param members the members by name
     * @throws NullPointerException if the map, a name or a member is null
     * @throws IllegalArgumentException if there is no member, a member is {@code complex} or {@code aliases}, or
     *     a member is named {@code format} or {@code subject_type}
     */
    public Complex {
      members = canonicalOrder(members);
      Map<String, SubjectIdentifier> copy = members;
      SubjectRules.require(SubjectRules.COMPLEX, errors -> SubjectRules.complex(copy, errors));
    }

    private static Map<String, SubjectIdentifier> canonicalOrder(Map<String, SubjectIdentifier> members) {
      Map<String, SubjectIdentifier> others = new TreeMap<>();
      members.forEach((name, member) ->
          others.put(Objects.requireNonNull(name, "member name"), Objects.requireNonNull(member, name)));
      Map<String, SubjectIdentifier> ordered = new LinkedHashMap<>();
      for (String name : SubjectRules.COMPLEX_MEMBER_NAMES) {
        SubjectIdentifier member = others.remove(name);
        if (member != null) {
          ordered.put(name, member);
        }
      }
      ordered.putAll(others);
      return Collections.unmodifiableMap(ordered);
    }

    @Override
    public String format() {
      return SubjectRules.COMPLEX;
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put(SubjectRules.FORMAT_MEMBER, SubjectRules.COMPLEX);
      members.forEach((name, member) -> map.put(name, member.toMap()));
      return Collections.unmodifiableMap(map);
    }
  }

  /**
   * A format that neither RFC 9493 nor SSF 1.0 registers, agreed between transmitter and receiver (SSF 1.0
   * section 3.4, FMT-4). Its members pass through unchecked except that they must be JSON values.
   *
   * @param format the format name; not a registered name such as {@code email}, nor the legacy {@code phone}
   * @param members the members other than {@code format}, in the iteration order of the given map; values are
   *     strings, finite numbers, booleans, lists or string-keyed maps of those, copied deeply and immutably
   */
  record Proprietary(String format, Map<String, Object> members) implements SubjectIdentifier {

    /**
     * Validates and deeply copies the members.
     *
     * @param format the format name
     * @param members the members other than {@code format}
     * @throws NullPointerException if the format, the map or a member name is null
     * @throws IllegalArgumentException if the format is empty or registered, a member is named {@code format}
     *     or {@code subject_type}, or a value is null or not JSON-shaped
     */
    public Proprietary {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(members, "members");
      members.keySet().forEach(member -> Objects.requireNonNull(member, "member name"));
      String name = format;
      Map<String, Object> given = members;
      SubjectRules.require(name, errors -> SubjectRules.proprietary(name, given, errors));
      Map<String, Object> copy = new LinkedHashMap<>();
      members.forEach((member, value) -> copy.put(member, JsonShapes.copy(value)));
      members = Collections.unmodifiableMap(copy);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put(SubjectRules.FORMAT_MEMBER, format);
      map.putAll(members);
      return Collections.unmodifiableMap(map);
    }
  }
}
