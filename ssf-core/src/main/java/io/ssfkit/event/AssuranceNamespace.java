package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code namespace} of a CAEP assurance-level-change event: where its {@code current_level} and
 * {@code previous_level} values come from (CAEP 1.0 section 3.4). An open registry: the constants are the
 * namespaces CAEP names, and {@link #custom(String)} builds an alias agreed between the transmitter and the
 * receiver.
 *
 * <p>A custom value exists only where Java code asked for one by name; {@link SecurityEvents#fromMap} accepts only
 * the registered values, because a parser cannot know what the parties agreed.
 *
 * @param value the wire value, such as {@code NIST-AAL}
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section
 *     3.4</a>
 */
public record AssuranceNamespace(String value) {

  // Declared before the constants, which the constructor checks against it during class initialisation.
  private static final List<String> REGISTERED_VALUES =
      List.of("RFC8176", "RFC6711", "ISO-IEC-29115", "NIST-IAL", "NIST-AAL", "NIST-FAL");

  /** Authentication method reference values (RFC 8176). */
  public static final AssuranceNamespace RFC8176 = new AssuranceNamespace("RFC8176");
  /** Levels of assurance (RFC 6711). */
  public static final AssuranceNamespace RFC6711 = new AssuranceNamespace("RFC6711");
  /** Entity authentication assurance levels (ISO/IEC 29115). */
  public static final AssuranceNamespace ISO_IEC_29115 = new AssuranceNamespace("ISO-IEC-29115");
  /** NIST identity assurance levels (SP 800-63A). */
  public static final AssuranceNamespace NIST_IAL = new AssuranceNamespace("NIST-IAL");
  /** NIST authenticator assurance levels (SP 800-63B). */
  public static final AssuranceNamespace NIST_AAL = new AssuranceNamespace("NIST-AAL");
  /** NIST federation assurance levels (SP 800-63C). */
  public static final AssuranceNamespace NIST_FAL = new AssuranceNamespace("NIST-FAL");

  /**
   * Validates the value. Prefer the constants, and {@link #custom(String)} for an agreed alias.
   *
   * @param value the wire value
   * @throws NullPointerException if the value is null
   * @throws IllegalArgumentException if it is blank, has surrounding white space, or differs from a registered
   *     value only in case
   */
  public AssuranceNamespace {
    Objects.requireNonNull(value, "value");
    List<FieldError> errors = new ArrayList<>();
    EventRules.registryValue("namespace", value, REGISTERED_VALUES, true, "", errors);
    EventRules.check("assurance namespace", errors);
  }

  /**
   * Returns an alias for a custom namespace agreed between the transmitter and the receiver (CAEP 1.0 section
   * 3.4), such as the specification's {@code Retinal Scan} example.
   *
   * @param value the agreed alias
   * @return the namespace
   * @throws IllegalArgumentException if the value is registered (use its constant), blank, has surrounding white
   *     space, or differs from a registered value only in case
   */
  public static AssuranceNamespace custom(String value) {
    Objects.requireNonNull(value, "value");
    if (REGISTERED_VALUES.contains(value)) {
      throw new IllegalArgumentException("'" + value + "' is a registered namespace, not a custom one;"
          + " use the AssuranceNamespace constant");
    }
    return new AssuranceNamespace(value);
  }

  /**
   * Tells whether this is one of the namespaces CAEP names.
   *
   * @return false for an alias built with {@link #custom(String)}
   */
  public boolean isRegistered() {
    return REGISTERED_VALUES.contains(value);
  }

  /** The registered wire values, in the order CAEP lists them. */
  static List<String> registeredValues() {
    return REGISTERED_VALUES;
  }

  /** Returns the wire value. */
  @Override
  public String toString() {
    return value;
  }
}
