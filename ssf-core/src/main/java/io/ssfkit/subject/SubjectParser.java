package io.ssfkit.subject;

import static io.ssfkit.subject.SubjectRules.FORMAT_MEMBER;
import static io.ssfkit.subject.SubjectRules.IDENTIFIERS_MEMBER;
import static io.ssfkit.subject.SubjectRules.IP_ADDRESSES;
import static io.ssfkit.subject.SubjectRules.SUBJECT_TYPE_MEMBER;

import io.ssfkit.json.JsonShapes;
import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the JSON-shaped form of a subject identifier into a {@link SubjectIdentifier}, reporting every invalid
 * member at once with its path relative to the subject object.
 *
 * <p>Member shapes (present, non-null, string, array, object) are checked here; value rules come from
 * {@link SubjectRules}, the same rules the record constructors apply. Stateless and thread-safe.
 */
final class SubjectParser {

  private SubjectParser() {}

  /**
   * Parses a top-level subject identifier.
   *
   * @throws SsfException {@code INVALID_REQUEST} listing every invalid member
   */
  static SubjectIdentifier parse(Map<String, ?> json, boolean acceptLegacyPhone) {
    List<FieldError> errors = new ArrayList<>();
    SubjectIdentifier identifier = subject(json, null, acceptLegacyPhone, errors);
    if (identifier == null || !errors.isEmpty()) {
      if (errors.isEmpty()) {
        throw new IllegalStateException("subject rejected without a reason");
      }
      throw SsfException.invalid(errors);
    }
    return identifier;
  }

  /**
   * Parses one subject object, appending errors with paths relative to it.
   *
   * @param container the format of the enclosing aliases or complex subject, or null at the top
   * @return the identifier, or null when an error was appended
   */
  private static @Nullable SubjectIdentifier subject(
      Map<?, ?> json, @Nullable String container, boolean acceptLegacyPhone, List<FieldError> errors) {
    int before = errors.size();
    if (json.containsKey(SUBJECT_TYPE_MEMBER)) {
      errors.add(SubjectRules.subjectTypeError());
    }
    String format = format(json, errors);
    if (format == null) {
      return null;
    }
    if (container != null) {
      // Callers check nesting before descending; this guards direct misuse.
      String problem = SubjectRules.nestingProblem(container, format);
      if (problem != null) {
        errors.add(new FieldError(FORMAT_MEMBER, problem));
        return null;
      }
    }
    SubjectIdentifier identifier;
    if (format.equals(SubjectRules.LEGACY_PHONE)) {
      if (!acceptLegacyPhone) {
        errors.add(new FieldError(FORMAT_MEMBER,
            "the legacy format 'phone' is not accepted; use 'phone_number' (RFC 9493 section 3.2.5)"));
        return null;
      }
      identifier = stringFormat(json, SubjectRules.PHONE_NUMBER, errors);
    } else if (SubjectRules.STRING_FORMATS.containsKey(format)) {
      identifier = stringFormat(json, format, errors);
    } else if (format.equals(SubjectRules.ALIASES)) {
      identifier = aliases(json, acceptLegacyPhone, errors);
    } else if (format.equals(SubjectRules.IP_ADDRESSES)) {
      identifier = ipAddresses(json, errors);
    } else if (format.equals(SubjectRules.COMPLEX)) {
      identifier = complex(json, acceptLegacyPhone, errors);
    } else {
      identifier = proprietary(json, format, errors);
    }
    return errors.size() == before ? identifier : null;
  }

  private static @Nullable String format(Map<?, ?> json, List<FieldError> errors) {
    if (!json.containsKey(FORMAT_MEMBER)) {
      errors.add(new FieldError(FORMAT_MEMBER, "is required"));
      return null;
    }
    Object value = json.get(FORMAT_MEMBER);
    if (!(value instanceof String format)) {
      errors.add(new FieldError(FORMAT_MEMBER, "must be a string, got " + JsonShapes.type(value)));
      return null;
    }
    if (format.isBlank()) {
      errors.add(new FieldError(FORMAT_MEMBER, "must not be empty"));
      return null;
    }
    return format;
  }

  /** Parses a format whose members are all strings; {@code format} selects the members, not the JSON. */
  private static @Nullable SubjectIdentifier stringFormat(Map<?, ?> json, String format, List<FieldError> errors) {
    List<SubjectRules.Member> members = SubjectRules.STRING_FORMATS.get(format);
    rejectUnknown(json, format, members.stream().map(SubjectRules.Member::name).collect(Collectors.toSet()), errors);
    int before = errors.size();
    String[] values = new String[members.size()];
    for (int i = 0; i < values.length; i++) {
      SubjectRules.Member member = members.get(i);
      String value = requiredString(json, member.name(), errors);
      if (value != null) {
        member.rule().check(member.name(), value, errors);
        values[i] = value;
      }
    }
    if (errors.size() != before) {
      return null;
    }
    return switch (format) {
      case SubjectRules.EMAIL -> new SubjectIdentifier.Email(values[0]);
      case SubjectRules.PHONE_NUMBER -> new SubjectIdentifier.PhoneNumber(values[0]);
      case SubjectRules.ISS_SUB -> new SubjectIdentifier.IssSub(values[0], values[1]);
      case SubjectRules.OPAQUE -> new SubjectIdentifier.Opaque(values[0]);
      case SubjectRules.ACCOUNT -> new SubjectIdentifier.Account(values[0]);
      case SubjectRules.DID -> new SubjectIdentifier.Did(values[0]);
      case SubjectRules.URI -> new SubjectIdentifier.Uri(values[0]);
      case SubjectRules.JWT_ID -> new SubjectIdentifier.JwtId(values[0], values[1]);
      case SubjectRules.SAML_ASSERTION_ID -> new SubjectIdentifier.SamlAssertionId(values[0], values[1]);
      default -> throw new IllegalStateException("no record for format " + format);
    };
  }

  private static @Nullable SubjectIdentifier aliases(
      Map<?, ?> json, boolean acceptLegacyPhone, List<FieldError> errors) {
    String format = SubjectRules.ALIASES;
    rejectUnknown(json, format, Set.of(IDENTIFIERS_MEMBER), errors);
    List<?> elements = requiredArray(json, IDENTIFIERS_MEMBER, errors);
    if (elements == null) {
      return null;
    }
    int before = errors.size();
    List<SubjectIdentifier> identifiers = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      SubjectIdentifier identifier =
          nested(elements.get(i), IDENTIFIERS_MEMBER + "[" + i + "]", format, acceptLegacyPhone, errors);
      if (identifier != null) {
        identifiers.add(identifier);
      }
    }
    if (errors.size() != before) {
      return null; // element indices no longer line up for the duplicate check
    }
    SubjectRules.aliases(identifiers, errors);
    return errors.size() == before ? new SubjectIdentifier.Aliases(identifiers) : null;
  }

  private static @Nullable SubjectIdentifier ipAddresses(Map<?, ?> json, List<FieldError> errors) {
    rejectUnknown(json, IP_ADDRESSES, Set.of(IP_ADDRESSES), errors);
    List<?> elements = requiredArray(json, IP_ADDRESSES, errors);
    if (elements == null) {
      return null;
    }
    int before = errors.size();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Object element = elements.get(i);
      if (element instanceof String address) {
        addresses.add(address);
      } else {
        errors.add(new FieldError(IP_ADDRESSES + "[" + i + "]",
            "must be a string, got " + JsonShapes.type(element)));
      }
    }
    if (errors.size() == before) {
      SubjectRules.ipAddresses(addresses, errors);
    } else {
      for (int i = 0; i < elements.size(); i++) {
        if (elements.get(i) instanceof String address) {
          SubjectRules.ipAddress(IP_ADDRESSES + "[" + i + "]", address, errors);
        }
      }
    }
    return errors.size() == before ? new SubjectIdentifier.IpAddresses(addresses) : null;
  }

  private static @Nullable SubjectIdentifier complex(
      Map<?, ?> json, boolean acceptLegacyPhone, List<FieldError> errors) {
    int before = errors.size();
    Map<String, SubjectIdentifier> members = new LinkedHashMap<>();
    json.forEach((key, value) -> {
      String name = String.valueOf(key);
      if (name.equals(FORMAT_MEMBER) || name.equals(SUBJECT_TYPE_MEMBER)) {
        return; // the format itself; subject_type was reported already
      }
      SubjectIdentifier member = nested(value, name, SubjectRules.COMPLEX, acceptLegacyPhone, errors);
      if (member != null) {
        members.put(name, member);
      }
    });
    if (errors.size() != before) {
      return null;
    }
    SubjectRules.complex(members, errors);
    return errors.size() == before ? new SubjectIdentifier.Complex(members) : null;
  }

  private static @Nullable SubjectIdentifier proprietary(Map<?, ?> json, String format, List<FieldError> errors) {
    int before = errors.size();
    Map<String, Object> members = new LinkedHashMap<>();
    json.forEach((key, value) -> {
      String name = String.valueOf(key);
      if (name.equals(FORMAT_MEMBER) || name.equals(SUBJECT_TYPE_MEMBER)) {
        return; // the format itself; subject_type was reported already
      }
      if (!(key instanceof String)) {
        errors.add(new FieldError(name, "member names must be strings"));
      } else if (value == null) {
        errors.add(new FieldError(name, "must not be null"));
      } else {
        members.put(name, value);
      }
    });
    SubjectRules.proprietary(format, members, errors);
    return errors.size() == before ? new SubjectIdentifier.Proprietary(format, members) : null;
  }

  /**
   * Parses a subject inside an aliases or complex subject, re-rooting its errors under {@code path}. A member of
   * a format that must not nest is refused without descending into it.
   */
  private static @Nullable SubjectIdentifier nested(
      @Nullable Object value, String path, String container, boolean acceptLegacyPhone, List<FieldError> errors) {
    if (!(value instanceof Map<?, ?> json)) {
      errors.add(new FieldError(path, "must be a subject identifier object, got " + JsonShapes.type(value)));
      return null;
    }
    if (json.get(FORMAT_MEMBER) instanceof String format) {
      String problem = SubjectRules.nestingProblem(container, format);
      if (problem != null) {
        errors.add(new FieldError(path, problem));
        return null;
      }
    }
    List<FieldError> inner = new ArrayList<>();
    SubjectIdentifier identifier = subject(json, container, acceptLegacyPhone, inner);
    inner.forEach(error -> errors.add(error.under(path)));
    return identifier;
  }

  /** FMT-1: a registered format defines its members; anything else is refused by name. */
  private static void rejectUnknown(Map<?, ?> json, String format, Set<String> allowed, List<FieldError> errors) {
    for (Object key : json.keySet()) {
      String name = String.valueOf(key);
      if (!name.equals(FORMAT_MEMBER) && !name.equals(SUBJECT_TYPE_MEMBER) && !allowed.contains(name)) {
        errors.add(new FieldError(name, "'" + name + "' is not a member of the " + format + " format"));
      }
    }
  }

  /** FMT-1: a required member is present, non-null and a string; emptiness is left to the member's rule. */
  private static @Nullable String requiredString(Map<?, ?> json, String member, List<FieldError> errors) {
    if (!json.containsKey(member)) {
      errors.add(new FieldError(member, "is required"));
      return null;
    }
    Object value = json.get(member);
    if (value == null) {
      errors.add(new FieldError(member, "must not be null"));
      return null;
    }
    if (!(value instanceof String string)) {
      errors.add(new FieldError(member, "must be a string, got " + JsonShapes.type(value)));
      return null;
    }
    return string;
  }

  private static @Nullable List<?> requiredArray(Map<?, ?> json, String member, List<FieldError> errors) {
    if (!json.containsKey(member)) {
      errors.add(new FieldError(member, "is required"));
      return null;
    }
    Object value = json.get(member);
    if (!(value instanceof List<?> list)) {
      errors.add(new FieldError(member, "must be an array, got " + JsonShapes.type(value)));
      return null;
    }
    return list;
  }
}
