package io.ssfkit.event;

import io.ssfkit.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code credential_type} of a CAEP credential-change or RISC credential-compromise event (CAEP 1.0 section
 * 3.3). An open registry: the constants are the values CAEP defines, and {@link #custom(String)} builds a value
 * agreed between the transmitter and the receiver.
 *
 * <p>A custom value exists only where Java code asked for one by name; {@link SecurityEvents#fromMap} accepts only
 * the registered values, because a parser cannot know what the parties agreed, and a misspelt {@code pasword}
 * must not reach a receiver as a "custom" type.
 *
 * @param value the wire value, such as {@code fido2-roaming}
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section 3.3</a>
 */
public record CredentialType(String value) {

  // Declared before the constants, which the constructor checks against it during class initialisation.
  private static final List<String> REGISTERED_VALUES = List.of("password", "pin", "x509", "fido2-platform",
      "fido2-roaming", "fido-u2f", "verifiable-credential", "phone-voice", "phone-sms", "app");

  /** A password. */
  public static final CredentialType PASSWORD = new CredentialType("password");
  /** A PIN. */
  public static final CredentialType PIN = new CredentialType("pin");
  /** An X.509 certificate. */
  public static final CredentialType X509 = new CredentialType("x509");
  /** A FIDO2 platform authenticator. */
  public static final CredentialType FIDO2_PLATFORM = new CredentialType("fido2-platform");
  /** A FIDO2 roaming authenticator. */
  public static final CredentialType FIDO2_ROAMING = new CredentialType("fido2-roaming");
  /** A FIDO U2F authenticator. */
  public static final CredentialType FIDO_U2F = new CredentialType("fido-u2f");
  /** A verifiable credential. */
  public static final CredentialType VERIFIABLE_CREDENTIAL = new CredentialType("verifiable-credential");
  /** A phone number reached by voice call. */
  public static final CredentialType PHONE_VOICE = new CredentialType("phone-voice");
  /** A phone number reached by SMS. */
  public static final CredentialType PHONE_SMS = new CredentialType("phone-sms");
  /** An authenticator app. */
  public static final CredentialType APP = new CredentialType("app");

  /**
   * Validates the value. Prefer the constants, and {@link #custom(String)} for an agreed value.
   *
   * @param value the wire value
   * @throws NullPointerException if the value is null
   * @throws IllegalArgumentException if it is blank, has surrounding white space, or differs from a registered
   *     value only in case
   */
  public CredentialType {
    Objects.requireNonNull(value, "value");
    List<FieldError> errors = new ArrayList<>();
    EventRules.registryValue("credential_type", value, REGISTERED_VALUES, true, "", errors);
    EventRules.check("credential type", errors);
  }

  /**
   * Returns a credential type agreed between the transmitter and the receiver (CAEP 1.0 section 3.3: "or any
   * other credential type supported mutually").
   *
   * @param value the agreed wire value, such as {@code smartcard}
   * @return the credential type
   * @throws IllegalArgumentException if the value is registered (use its constant), blank, has surrounding white
   *     space, or differs from a registered value only in case
   */
  public static CredentialType custom(String value) {
    Objects.requireNonNull(value, "value");
    if (REGISTERED_VALUES.contains(value)) {
      throw new IllegalArgumentException("'" + value + "' is a registered credential type, not a custom one;"
          + " use the CredentialType constant");
    }
    return new CredentialType(value);
  }

  /**
   * Tells whether this is one of the values CAEP defines.
   *
   * @return false for a value built with {@link #custom(String)}
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
