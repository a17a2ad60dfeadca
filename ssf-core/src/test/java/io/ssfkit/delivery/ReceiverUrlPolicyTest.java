package io.ssfkit.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SEC-1. Every host name here is made up and resolved by {@link FakeResolver}, in memory: no test does a DNS
 * lookup or opens a connection.
 */
@DisplayName("SEC-1 receiver URL policy")
class ReceiverUrlPolicyTest {

  private static final String REBIND = "rebind.example.test";

  /** A resolver that answers from a map and records what it was asked. */
  static final class FakeResolver implements HostResolver {
    private final Map<String, List<InetAddress>> table;
    final List<String> asked = new ArrayList<>();

    FakeResolver(Map<String, List<InetAddress>> table) {
      this.table = table;
    }

    static FakeResolver of(String host, InetAddress... addresses) {
      return new FakeResolver(Map.of(host, List.of(addresses)));
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
      asked.add(host);
      List<InetAddress> addresses = table.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      return addresses;
    }
  }

  /** A resolver that must never be asked: create-time checks do no lookup. */
  private static final HostResolver NO_LOOKUP = host -> {
    throw new AssertionError("create-time check resolved " + host);
  };

  /** Parses an IP literal; InetAddress never consults DNS for a literal. */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static ReceiverUrlPolicy strict() {
    return ReceiverUrlPolicy.builder().resolver(NO_LOOKUP).build();
  }

  private static ReceiverUrlPolicy development() {
    return ReceiverUrlPolicy.development().toBuilder().resolver(NO_LOOKUP).build();
  }

  private static Optional<String> resolved(ReceiverUrlPolicy policy, String url) throws UnknownHostException {
    return policy.resolvedProblem(URI.create(url));
  }

  @Nested
  @DisplayName("SEC-1 syntax, checked at create time")
  class Syntax {

    @Test
    void problemWhenHttpsWithPublicNameThenNone() {
      assertThat(strict().problem(URI.create("https://rp.example.com/events?tenant=1"))).isEmpty();
    }

    @Test
    void problemWhenHttpInStrictModeThenRefused() {
      assertThat(strict().problem(URI.create("http://rp.example.com/events"))).contains(
          "scheme must be https, but was http");
    }

    @Test
    void problemWhenHttpInDevelopmentModeThenNone() {
      assertThat(development().problem(URI.create("http://rp.example.com/events"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://rp.example.com/x", "file:///etc/passwd", "ws://rp.example.com/x"})
    void problemWhenOtherSchemeThenRefusedEvenInDevelopment(String url) {
      assertThat(development().problem(URI.create(url))).hasValueSatisfying(p -> assertThat(p).contains("scheme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events", "rp.example.com/events", "mailto:ops@example.com"})
    void problemWhenNotAbsoluteHierarchicalThenRefused(String url) {
      assertThat(strict().problem(URI.create(url))).isPresent();
    }

    @Test
    void problemWhenUserInfoThenRefusedWithoutEchoingIt() {
      Optional<String> problem = strict().problem(URI.create("https://admin:s3cret@rp.example.com/events"));

      assertThat(problem).contains("must not contain user-info");
      assertThat(problem.get()).doesNotContain("s3cret");
    }

    @Test
    void problemWhenFragmentThenRefused() {
      assertThat(strict().problem(URI.create("https://rp.example.com/events#x"))).contains(
          "must not contain a fragment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///events", "https://under_score.example.com/events"})
    void problemWhenNoHostThenRefused(String url) {
      assertThat(strict().problem(URI.create(url))).hasValueSatisfying(p -> assertThat(p).contains("host"));
    }
  }

  @Nested
  @DisplayName("SEC-1 forbidden addresses as IP literals, refused at create time without a lookup")
  class Literals {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | loopback", "127.255.255.254 | loopback", "[::1] | loopback",
        "0.0.0.0 | unspecified", "[::] | unspecified", "0.1.2.3 | this network",
        "10.0.0.1 | private", "172.16.0.1 | private", "172.31.255.255 | private", "192.168.1.1 | private",
        "169.254.1.1 | link-local", "[fe80::1] | link-local", "[fc00::1] | unique-local",
        "[fd12:3456::1] | unique-local", "[fec0::1] | site-local",
        "224.0.0.1 | multicast", "239.255.255.250 | multicast", "[ff02::1] | multicast",
        "255.255.255.255 | broadcast", "240.0.0.1 | reserved",
        "100.64.0.1 | carrier-grade NAT", "100.127.255.255 | carrier-grade NAT",
        "169.254.169.254 | cloud metadata", "169.254.170.2 | cloud metadata", "100.100.100.200 | cloud metadata",
        "[fd00:ec2::254] | cloud metadata",
        "[::ffff:127.0.0.1] | loopback", "[::ffff:7f00:1] | loopback", "[::ffff:10.0.0.1] | private", "[::ffff:169.254.169.254] | cloud metadata",
        "[::127.0.0.1] | loopback", "[::ffff:0:192.168.0.1] | private", "[64:ff9b::a00:1] | private",
        "[2002:7f00:1::1] | loopback", "[2002:a9fe:a9fe::1] | cloud metadata",
        "[2001:0:4136:e378:8000:63bf:80ff:fffe] | loopback"})
    void problemWhenHostIsForbiddenLiteralThenRefusedByClass(String host, String label) {
      assertThat(strict().problem(URI.create("https://" + host + "/events")))
          .hasValueSatisfying(p -> assertThat(p).startsWith("host " + host + " is ").contains(label));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.01", "1.2.3.4.5",
        "256.1.1.1", "rp.example.0x10"})
    void problemWhenIpv4LiteralIsNotCanonicalThenRefused(String host) {
      // java.net.URI already refuses some of these as hosts; the rest are refused as non-canonical literals,
      // so none can reach a resolver that would read them as 127.0.0.1.
      assertThat(strict().problem(URI.create("https://" + host + "/events")))
          .hasValueSatisfying(p -> assertThat(p).containsAnyOf("canonical", "must have a host"));
    }

    @Test
    void problemWhenScopedIpv6LiteralThenRefused() {
      assertThat(strict().problem(URI.create("https://[fe80::1%25eth0]/events")))
          .hasValueSatisfying(p -> assertThat(p).contains("scoped IPv6 literal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "172.32.0.1", "100.128.0.1", "192.169.0.1", "11.0.0.1",
        "[2606:2800:220:1:248:1893:25c8:1946]", "[::ffff:93.184.216.34]"})
    void problemWhenHostIsPublicLiteralThenNone(String host) throws UnknownHostException {
      assertThat(strict().problem(URI.create("https://" + host + "/events"))).isEmpty();
      assertThat(resolved(strict(), "https://" + host + "/events")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "api.localhost"})
    void problemWhenHostIsLocalhostNameThenRefusedInStrictAndAllowedInDevelopment(String host) {
      URI url = URI.create("https://" + host + "/events");

      assertThat(strict().problem(url)).hasValueSatisfying(p -> assertThat(p).contains("loopback name"));
      assertThat(development().problem(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.google.internal", "Metadata.Google.Internal."})
    void problemWhenHostIsMetadataNameThenRefusedInEveryMode(String host) {
      URI url = URI.create("http://" + host + "/computeMetadata/v1/");

      assertThat(development().problem(url)).hasValueSatisfying(p -> assertThat(p).contains("cloud metadata"));
      assertThat(ReceiverUrlPolicy.builder().allowInsecure(true).allowHost("metadata.google.internal").build()
          .problem(url)).isPresent();
    }
  }

  @Nested
  @DisplayName("SEC-1 resolved addresses, checked at delivery time (DNS rebinding)")
  class Resolved {

    @ParameterizedTest(name = "{0} resolves to {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1 | private", "127.0.0.1 | loopback", "::1 | loopback", "169.254.169.254 | cloud metadata",
        "::ffff:127.0.0.1 | loopback", "fd00:ec2::254 | cloud metadata", "0.0.0.0 | unspecified",
        "172.20.1.1 | private", "192.168.0.10 | private", "fe80::1 | link-local", "fd00::1 | unique-local",
        "224.0.0.251 | multicast", "255.255.255.255 | broadcast", "100.64.1.1 | carrier-grade NAT",
        "2002:0a00:0001::1 | private", "64:ff9b::7f00:1 | loopback"})
    void resolvedProblemWhenNameResolvesToForbiddenAddressThenRefused(String address, String label)
        throws UnknownHostException {
      FakeResolver resolver = FakeResolver.of(REBIND, ip(address));
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder().resolver(resolver).build();
      URI url = URI.create("https://" + REBIND + "/events");

      assertThat(policy.problem(url)).as("the name itself is fine at create time").isEmpty();
      assertThat(policy.resolvedProblem(url))
          .hasValueSatisfying(p -> assertThat(p).startsWith("host " + REBIND + " resolves to ").contains(label));
      assertThat(resolver.asked).containsExactly(REBIND);
    }

    @Test
    void resolvedProblemWhenResolverReturnsMappedAddressAsInet6AddressThenRefusedAsLoopback() throws Exception {
      byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
      Inet6Address address = Inet6Address.getByAddress(null, mapped, -1);
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder().resolver(FakeResolver.of(REBIND, address)).build();

      assertThat(resolved(policy, "https://" + REBIND + "/events"))
          .hasValueSatisfying(p -> assertThat(p).contains("loopback"));
    }

    @Test
    void resolvedProblemWhenOneOfSeveralAddressesIsForbiddenThenRefused() throws UnknownHostException {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder()
          .resolver(FakeResolver.of(REBIND, ip("93.184.216.34"), ip("10.0.0.1"))).build();

      assertThat(resolved(policy, "https://" + REBIND + "/events"))
          .hasValueSatisfying(p -> assertThat(p).contains("10.0.0.1").contains("private"));
    }

    @Test
    void resolvedProblemWhenNameResolvesToPublicAddressesThenNone() throws UnknownHostException {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder()
          .resolver(FakeResolver.of("rp.example.test", ip("93.184.216.34"), ip("2606:2800:220:1::1"))).build();

      assertThat(resolved(policy, "https://rp.example.test/events")).isEmpty();
    }

    @Test
    void resolvedProblemWhenNameDoesNotResolveThenUnknownHost() {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder().resolver(FakeResolver.of(REBIND)).build();

      assertThatThrownBy(() -> resolved(policy, "https://" + REBIND + "/events"))
          .isInstanceOf(UnknownHostException.class);
      assertThatThrownBy(() -> resolved(policy, "https://other.example.test/events"))
          .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void resolvedProblemWhenSyntaxIsWrongThenRefusedWithoutLookup() throws UnknownHostException {
      assertThat(resolved(strict(), "http://rp.example.test/events")).isPresent();
      assertThat(resolved(strict(), "https://127.0.0.1/events")).isPresent();
    }

    @Test
    void problemWhenCalledThenNeverResolves() {
      assertThat(strict().problem(URI.create("https://" + REBIND + "/events"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("SEC-1 development mode allows http and loopback, never metadata")
  class Development {

    @Test
    void problemWhenLoopbackHttpThenNone() throws UnknownHostException {
      assertThat(development().problem(URI.create("http://127.0.0.1:8080/events"))).isEmpty();
      assertThat(development().problem(URI.create("http://[::1]:8080/events"))).isEmpty();
      assertThat(resolved(development(), "http://127.0.0.1:8080/events")).isEmpty();
    }

    @Test
    void problemWhenMetadataAddressThenRefused() throws UnknownHostException {
      assertThat(development().problem(URI.create("http://169.254.169.254/latest/meta-data/")))
          .hasValueSatisfying(p -> assertThat(p).contains("cloud metadata"));
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.development().toBuilder()
          .resolver(FakeResolver.of(REBIND, ip("169.254.169.254"))).build();
      assertThat(resolved(policy, "http://" + REBIND + "/events"))
          .hasValueSatisfying(p -> assertThat(p).contains("cloud metadata"));
    }

    @Test
    void resolvedProblemWhenNameResolvesToLoopbackThenNone() throws UnknownHostException {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.development().toBuilder()
          .resolver(FakeResolver.of("receiver.localhost", ip("127.0.0.1"), ip("::1"))).build();

      assertThat(resolved(policy, "http://receiver.localhost:8080/events")).isEmpty();
    }

    @Test
    void problemWhenPrivateAddressThenStillRefused() {
      assertThat(development().problem(URI.create("http://10.0.0.1/events")))
          .hasValueSatisfying(p -> assertThat(p).contains("private"));
    }
  }

  @Nested
  @DisplayName("SEC-1 allow-list overrides")
  class AllowList {

    @Test
    void problemWhenAddressInAllowedRangeThenNone() throws UnknownHostException {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder().allowRange("10.20.0.0/16").allowRange("fd12::/16")
          .resolver(FakeResolver.of(REBIND, ip("10.20.3.4"), ip("fd12::7"))).build();

      assertThat(policy.problem(URI.create("https://10.20.255.1/events"))).isEmpty();
      assertThat(policy.problem(URI.create("https://10.21.0.1/events"))).isPresent();
      assertThat(policy.problem(URI.create("https://[fd13::1]/events"))).isPresent();
      assertThat(resolved(policy, "https://" + REBIND + "/events")).isEmpty();
    }

    @Test
    void problemWhenMetadataAddressInAllowedRangeThenStillRefused() {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder().allowRange("169.254.0.0/16").build();

      assertThat(policy.problem(URI.create("https://169.254.10.10/events"))).isEmpty();
      assertThat(policy.problem(URI.create("https://169.254.169.254/events"))).isPresent();
    }

    @Test
    void resolvedProblemWhenHostIsAllowedThenOnlyMetadataRefused() throws UnknownHostException {
      ReceiverUrlPolicy trusting = ReceiverUrlPolicy.builder().allowHost("Receiver.Corp.Example.")
          .resolver(FakeResolver.of("receiver.corp.example", ip("10.1.2.3"))).build();
      ReceiverUrlPolicy fooled = ReceiverUrlPolicy.builder().allowHost("receiver.corp.example")
          .resolver(FakeResolver.of("receiver.corp.example", ip("169.254.169.254"))).build();

      assertThat(resolved(trusting, "https://receiver.corp.example/events")).isEmpty();
      assertThat(resolved(fooled, "https://receiver.corp.example/events"))
          .hasValueSatisfying(p -> assertThat(p).contains("cloud metadata"));
    }

    @Test
    void allowHostWhenLocalhostThenLocalhostNameAccepted() {
      assertThat(ReceiverUrlPolicy.builder().allowHost("localhost").build()
          .problem(URI.create("https://localhost/events"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "example.com/8", "fd00::/129", "10.0.0.0/x"})
    void allowRangeWhenNotCidrThenIllegalArgument(String cidr) {
      assertThatThrownBy(() -> ReceiverUrlPolicy.builder().allowRange(cidr))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "[::1]", " "})
    void allowHostWhenLiteralOrBlankThenIllegalArgument(String host) {
      assertThatThrownBy(() -> ReceiverUrlPolicy.builder().allowHost(host))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderWhenUnchangedThenSameDecisions() {
      ReceiverUrlPolicy policy = ReceiverUrlPolicy.builder().allowRange("10.0.0.0/8").allowHost("a.example")
          .allowInsecure(true).build();
      ReceiverUrlPolicy copy = policy.toBuilder().build();

      assertThat(copy.problem(URI.create("http://10.1.1.1/x"))).isEmpty();
      assertThat(copy.toString()).isEqualTo(policy.toString());
    }
  }
}
