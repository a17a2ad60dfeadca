package io.ssfkit.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FMT-3 ip-addresses: textual IPv4 and IPv6 addresses, recognised without DNS")
class IpLiteralsTest {

  @ParameterizedTest
  @ValueSource(strings = {"10.29.37.75", "0.0.0.0", "255.255.255.255", "192.0.2.1"})
  @DisplayName("FMT-3 dotted-decimal IPv4 addresses are accepted")
  void isIpv4WhenDottedQuadThenTrue(String text) {
    assertThat(IpLiterals.isIpv4(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4",
      "1..2.3", "1.2.3.", "a.b.c.d", "1.2.3.4/24", "localhost", "example.com", "0x7f.0.0.1", "\uff11.2.3.4",
      "4294967295"})
  @DisplayName("FMT-3 anything else is not an IPv4 address, and host names are not resolved")
  void isIpv4WhenNotDottedQuadThenFalse(String text) {
    assertThat(IpLiterals.isIpv4(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2001:0db8:0000:0000:0000:8a2e:0370:7334", "2001:db8::8a2e:370:7334", "::", "::1", "1::",
      "FE80::1", "fe80::0202:b3ff:fe1e:8329", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
      "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4"})
  @DisplayName("FMT-3 RFC 4291 IPv6 text forms are accepted")
  void isIpv6WhenRfc4291TextThenTrue(String text) {
    assertThat(IpLiterals.isIpv6(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::",
      "::1:2:3:4:5:6:7:8", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "g::1", "::1%eth0", "[::1]",
      "1.2.3.4::", "::1.2.3", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4", "localhost", "::1 ",
      "\uff10::1"})
  @DisplayName("FMT-3 anything else is not an IPv6 address")
  void isIpv6WhenNotRfc4291TextThenFalse(String text) {
    assertThat(IpLiterals.isIpv6(text)).isFalse();
  }
}
