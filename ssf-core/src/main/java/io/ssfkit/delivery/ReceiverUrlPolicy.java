package io.ssfkit.delivery;

import io.ssfkit.delivery.AddressClassifier.Kind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which receiver-supplied push URLs the transmitter may call (SEC-1): receivers choose
 * {@code delivery.endpoint_url}, so without a policy they could make the transmitter POST to its own
 * network (server-side request forgery).
 *
 * <p>There are two checks:
 *
 * <ul>
 *   <li>{@link #problem(URI)}, at stream create and update time: the URL's syntax, and the host when it is
 *       an IP literal or a well-known local name. It never does a DNS lookup.
 *   <li>{@link #resolvedProblem(URI)}, right before each delivery: the syntax again, and every address the
 *       host resolves to, so that a name that later points to an internal address (DNS rebinding) is caught.
 * </ul>
 *
 * <p>{@link #strict()} is the production default. It accepts only {@code https} URLs without user-info or
 * fragment whose host is not, and does not resolve to, a loopback, unspecified, "this network", private,
 * link-local, unique-local, site-local, carrier-grade NAT, multicast, broadcast, reserved or cloud metadata
 * address. IPv4 addresses embedded in IPv6 (mapped, compatible, translated, NAT64, 6to4, Teredo) count as
 * the IPv4 address they carry. The names {@code localhost}, {@code *.localhost} and
 * {@code metadata.google.internal} are refused without a lookup, and IPv4 literals must be canonical dotted
 * quads (so {@code 127.1} or {@code 0x7f000001} cannot slip through). {@link #development()} also accepts
 * {@code http} and loopback, for a receiver on the developer's machine. Cloud metadata addresses and names
 * are refused by every policy, allow-lists included.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReceiverUrlPolicy {

  private static final String METADATA_NAME = "metadata.google.internal";

  private final boolean allowInsecure;
  private final boolean allowLoopback;
  private final Set<String> allowedHosts;
  private final List<Range> allowedRanges;
  private final HostResolver resolver;

  private ReceiverUrlPolicy(Builder builder) {
    this.allowInsecure = builder.allowInsecure;
    this.allowLoopback = builder.allowLoopback;
    this.allowedHosts = Set.copyOf(builder.allowedHosts);
    this.allowedRanges = List.copyOf(builder.allowedRanges);
    this.resolver = builder.resolver;
  }

  /**
   * Returns the production policy: {@code https} only, and no local, private or metadata address.
   *
   * @return the strict policy, resolving names with {@link HostResolver#system()}
   */
  public static ReceiverUrlPolicy strict() {
    return builder().build();
  }

  /**
   * Returns the policy for local development: like {@link #strict()}, but {@code http} and loopback
   * addresses ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}) are accepted. Metadata addresses are still
   * refused.
   *
   * @return the development policy, resolving names with {@link HostResolver#system()}
   */
  public static ReceiverUrlPolicy development() {
    return builder().allowInsecure(true).allowLoopback(true).build();
  }

  /**
   * Starts a builder that, unchanged, builds the {@link #strict()} policy.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts from this policy's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.allowInsecure = allowInsecure;
    builder.allowLoopback = allowLoopback;
    builder.allowedHosts.addAll(allowedHosts);
    builder.allowedRanges.addAll(allowedRanges);
    builder.resolver = resolver;
    return builder;
  }

  /**
   * Checks a URL without resolving its host: the scheme, that it is absolute with a host and without
   * user-info or fragment, and the host itself when it is an IP literal or a refused name. Use it when a
   * stream is created or updated, and answer 400 naming {@code delivery.endpoint_url} when it finds a
   * problem.
   *
   * @param url the receiver's push URL
   * @return why the URL is refused, or empty if it is acceptable so far; the reason names the host but never
   *     the user-info
   */
  public Optional<String> problem(URI url) {
    Objects.requireNonNull(url, "url");
    return syntaxProblem(url).or(() -> {
      String host = Objects.requireNonNull(url.getHost());
      if (AddressClassifier.isLiteral(host)) {
        InetAddress address;
        try {
          address = AddressClassifier.parseLiteral(host);
        } catch (IllegalArgumentException e) {
          return Optional.of(e.getMessage());
        }
        return addressProblem(address).map(kind -> "host " + host + " is " + kind.label());
      }
      return nameProblem(host);
    });
  }

  /**
   * Checks a URL as {@link #problem(URI)} does, then resolves its host with this policy's
   * {@link HostResolver} and checks every address it resolves to. A single forbidden address refuses the
   * URL. This may block for a DNS lookup; {@link HttpPushChannel} calls it on its executor before each
   * delivery.
   *
   * @param url the receiver's push URL
   * @return why the URL is refused, or empty if it may be called
   * @throws UnknownHostException if the host does not resolve (or resolves to no address); a temporary
   *     condition, unlike a refusal
   */
  public Optional<String> resolvedProblem(URI url) throws UnknownHostException {
    Optional<String> problem = problem(url);
    String host = url.getHost();
    if (problem.isPresent() || host == null || AddressClassifier.isLiteral(host)) {
      return problem;
    }
    List<InetAddress> addresses = resolver.resolve(host);
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host + ": no addresses");
    }
    boolean trustedName = allowedHosts.contains(AddressClassifier.normalizeName(host));
    for (InetAddress address : addresses) {
      Optional<Kind> kind = trustedName
          ? AddressClassifier.classify(address).filter(k -> k == Kind.METADATA)
          : addressProblem(address);
      if (kind.isPresent()) {
        return Optional.of("host " + host + " resolves to " + address.getHostAddress() + ", "
            + kind.get().label());
      }
    }
    return Optional.empty();
  }

  private Optional<String> syntaxProblem(URI url) {
    if (!url.isAbsolute() || url.isOpaque()) {
      return Optional.of("must be an absolute https URL");
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
      return Optional.of(allowInsecure
          ? "scheme must be https or http, but was " + url.getScheme()
          : "scheme must be https, but was " + url.getScheme());
    }
    if (url.getRawUserInfo() != null) {
      return Optional.of("must not contain user-info");
    }
    if (url.getRawFragment() != null) {
      return Optional.of("must not contain a fragment");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return Optional.of("must have a host (a DNS name or an IP literal)");
    }
    return Optional.empty();
  }

  private Optional<String> nameProblem(String host) {
    String name = AddressClassifier.normalizeName(host);
    if (name.equals(METADATA_NAME)) {
      return Optional.of("host " + host + " is " + Kind.METADATA.label());
    }
    boolean localhost = name.equals("localhost") || name.endsWith(".localhost");
    if (localhost && !allowLoopback && !allowedHosts.contains(name)) {
      return Optional.of("host " + host + " is a loopback name");
    }
    return Optional.empty();
  }

  private Optional<Kind> addressProblem(InetAddress address) {
    Optional<Kind> kind = AddressClassifier.classify(address);
    if (kind.isEmpty() || kind.get() == Kind.METADATA) {
      return kind;
    }
    if (kind.get() == Kind.LOOPBACK && allowLoopback) {
      return Optional.empty();
    }
    return allowedRanges.stream().anyMatch(range -> range.contains(address)) ? Optional.empty() : kind;
  }

  /** Renders the settings, for logs. */
  @Override
  public String toString() {
    return "ReceiverUrlPolicy[allowInsecure=" + allowInsecure + ", allowLoopback=" + allowLoopback
        + ", allowedHosts=" + allowedHosts + ", allowedRanges=" + allowedRanges + "]";
  }

  /** An address range in CIDR notation; compares the first {@code prefix} bits. */
  private record Range(byte[] network, int prefix, String text) {

    static Range parse(String cidr) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("range must be in CIDR notation (address/prefix), but was " + cidr);
      }
      String text = cidr.substring(0, slash);
      String literal = text.indexOf(':') >= 0 ? "[" + text + "]" : text;
      InetAddress address;
      int prefix;
      try {
        address = AddressClassifier.parseLiteral(literal);
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("range must be in CIDR notation (address/prefix), but was " + cidr, e);
      }
      byte[] network = address.getAddress();
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("prefix of " + cidr + " must be 0 to " + network.length * 8);
      }
      return new Range(network, prefix, cidr);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Builds a {@link ReceiverUrlPolicy}. Not thread-safe; the built policy is.
   */
  public static final class Builder {

    private boolean allowInsecure;
    private boolean allowLoopback;
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private final List<Range> allowedRanges = new ArrayList<>();
    private HostResolver resolver = HostResolver.system();

    private Builder() {}

    /**
     * Sets whether {@code http} URLs are accepted besides {@code https}. Only for local development: plain
     * HTTP exposes the SETs and the authorization header (PUSH-7, AUTH-7).
     *
     * @param allowInsecure true to accept {@code http}; false by default
     * @return this builder
     */
    public Builder allowInsecure(boolean allowInsecure) {
      this.allowInsecure = allowInsecure;
      return this;
    }

    /**
     * Sets whether loopback addresses and the names {@code localhost} and {@code *.localhost} are accepted.
     *
     * @param allowLoopback true to accept loopback; false by default
     * @return this builder
     */
    public Builder allowLoopback(boolean allowLoopback) {
      this.allowLoopback = allowLoopback;
      return this;
    }

    /**
     * Trusts a host name: its addresses are not checked (except for metadata addresses), so a receiver
     * inside the operator's network can be reached by name.
     *
     * @param host a DNS name, compared case-insensitively and without a trailing dot; IP literals are
     *     allowed with {@link #allowRange}
     * @return this builder
     * @throws IllegalArgumentException if the host is blank or an IP literal
     */
    public Builder allowHost(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || AddressClassifier.isLiteral(host)) {
        throw new IllegalArgumentException("host must be a DNS name, but was " + host);
      }
      allowedHosts.add(AddressClassifier.normalizeName(host));
      return this;
    }

    /**
     * Accepts the addresses of a range even if they belong to a forbidden class (for example a private
     * network where the operator's receivers run). Metadata addresses stay refused.
     *
     * @param cidr the range, such as {@code 10.20.0.0/16} or {@code fd12:3456::/32}
     * @return this builder
     * @throws IllegalArgumentException if the text is not an IP literal with a prefix length
     */
    public Builder allowRange(String cidr) {
      Objects.requireNonNull(cidr, "cidr");
      allowedRanges.add(Range.parse(cidr));
      return this;
    }

    /**
     * Sets how host names are resolved for {@link ReceiverUrlPolicy#resolvedProblem}.
     *
     * @param resolver the resolver; {@link HostResolver#system()} by default
     * @return this builder
     */
    public Builder resolver(HostResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return a new immutable policy
     */
    public ReceiverUrlPolicy build() {
      return new ReceiverUrlPolicy(this);
    }
  }
}
