package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code principal} of a CAEP risk-level-change event: the kind of entity whose risk changed (CAEP 1.0
 * section 3.8). An open registry: the constants are the principals CAEP names, and {@link #custom(String)} builds
 * "any other entity" (SSF 1.0 section 2) the transmitter and the receiver agree on, such as {@code APPLICATION}.
 *
 * <p>A custom value exists only where Java code asked for one by name; {@link SecurityEvents#fromMap} accepts only
 * the registered values.
 *
 * @param value the wire value, such as {@code USER}
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section 3.8</a>
 */
public record RiskPrincipal(String value) {

  // Declared before the constants, which the constructor checks against it during class initialisation.
  private static final List<String> REGISTERED_VALUES =
      List.of("USER", "DEVICE", "SESSION", "TENANT", "ORG_UNIT", "GROUP");

  /** A human or robotic user. */
  public static final RiskPrincipal USER = new RiskPrincipal("USER");
  /** A device. */
  public static final RiskPrincipal DEVICE = new RiskPrincipal("DEVICE");
  /** A session. */
  public static final RiskPrincipal SESSION = new RiskPrincipal("SESSION");
  /** A customer tenant of a multi-tenant service. */
  public static final RiskPrincipal TENANT = new RiskPrincipal("TENANT");
  /** An organizational unit within a tenant. */
  public static final RiskPrincipal ORG_UNIT = new RiskPrincipal("ORG_UNIT");
  /** A group of principals. */
  public static final RiskPrincipal GROUP = new RiskPrincipal("GROUP");

  /**
   * Validates the value. Prefer the constants, and {@link #custom(String)} for an agreed principal.
   *
   * @param value the wire value
   * @throws NullPointerException if the value is null
   * @throws IllegalArgumentException if it is blank, has surrounding white space, or differs from a registered
   *     value only in case
   */
  public RiskPrincipal {
    Objects.requireNonNull(value, "value");
    List<FieldError> errors = new ArrayList<>();
    EventRules.registryValue("principal", value, REGISTERED_VALUES, true, "", errors);
    EventRules.check("risk principal", errors);
  }

  /**
   * Returns a principal agreed between the transmitter and the receiver.
   *
   * @param value the agreed wire value, such as {@code APPLICATION}
   * @return the principal
   * @throws IllegalArgumentException if the value is registered (use its constant), blank, has surrounding white
   *     space, or differs from a registered value only in case
   */
  public static RiskPrincipal custom(String value) {
    Objects.requireNonNull(value, "value");
    if (REGISTERED_VALUES.contains(value)) {
      throw new IllegalArgumentException("'" + value + "' is a registered principal, not a custom one;"
          + " use the RiskPrincipal constant");
    }
    return new RiskPrincipal(value);
  }

  /**
   * Tells whether this is one of the principals CAEP names.
   *
   * @return false for a principal built with {@link #custom(String)}
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
