package io.ssfkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialTypeTest {

  @Test
  @DisplayName("CAEP-3 the constants are the ten values of CAEP 1.0 section 3.3")
  void constantsWhenListedThenRegistered() {
    assertThat(new CredentialType[] {CredentialType.PASSWORD, CredentialType.PIN, CredentialType.X509,
        CredentialType.FIDO2_PLATFORM, CredentialType.FIDO2_ROAMING, CredentialType.FIDO_U2F,
        CredentialType.VERIFIABLE_CREDENTIAL, CredentialType.PHONE_VOICE, CredentialType.PHONE_SMS,
        CredentialType.APP})
        .extracting(CredentialType::value)
        .containsExactlyElementsOf(CredentialType.registeredValues());
    assertThat(CredentialType.FIDO_U2F.isRegistered()).isTrue();
    assertThat(CredentialType.FIDO_U2F).hasToString("fido-u2f");
  }

  @Test
  @DisplayName("CAEP-3 custom(...) builds a value agreed with the receiver, and refuses a registered one")
  void customWhenAgreedValueThenCustomAndRegisteredRefused() {
    assertThat(CredentialType.custom("smartcard").isRegistered()).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> CredentialType.custom("password"))
        .withMessageContaining("use the CredentialType constant");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", " smartcard", "Password", "FIDO2-ROAMING"})
  @DisplayName("CAEP-3 a blank value, surrounding white space, or a registered value in other case is refused")
  void constructorWhenMalformedThenRefused(String value) {
    assertThatIllegalArgumentException().isThrownBy(() -> CredentialType.custom(value))
        .withMessageContaining("credential_type");
  }

  @Test
  @DisplayName("CAEP-3 the namespace and principal registries follow the same rules")
  void customWhenNamespaceOrPrincipalThenSameRules() {
    assertThat(AssuranceNamespace.custom("Retinal Scan").value()).isEqualTo("Retinal Scan");
    assertThatIllegalArgumentException().isThrownBy(() -> AssuranceNamespace.custom("NIST-AAL"));
    assertThatIllegalArgumentException().isThrownBy(() -> AssuranceNamespace.custom("nist-aal"))
        .withMessageContaining("only in case");
    assertThat(RiskPrincipal.custom("APPLICATION").isRegistered()).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> RiskPrincipal.custom("user"))
        .withMessageContaining("'USER'");
  }
}
