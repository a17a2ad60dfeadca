package io.ssfkit.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sorts IP addresses into the classes a push must not reach (SEC-1) and parses IP literals without any DNS
 * lookup. Stateless and thread-safe.
 */
final class AddressClassifier {

  /** Why an address or name is special; the label completes "is ...". */
  enum Kind {
    METADATA("a cloud metadata address"),
    LOOPBACK("a loopback address"),
    UNSPECIFIED("an unspecified address"),
    THIS_NETWORK("a 'this network' address (0.0.0.0/8)"),
    PRIVATE("a private address"),
    LINK_LOCAL("a link-local address"),
    UNIQUE_LOCAL("a unique-local address"),
    SITE_LOCAL("a site-local address"),
    SHARED("a carrier-grade NAT address (100.64.0.0/10)"),
    MULTICAST("a multicast address"),
    BROADCAST("the broadcast address"),
    RESERVED("a reserved address (240.0.0.0/4)");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** A dotted quad of four decimal octets without leading zeros: the only IPv4 text we accept. */
  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

  /**
   * A last label that a URL parser (WHATWG, curl, {@link InetAddress}) would read as a number, so the host
   * is an IPv4 literal in some spelling ("127.1", "2130706433", "0x7f.0.0.1").
   */
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

  private AddressClassifier() {}

  /** Returns the class of an address, or empty if it is an ordinary public unicast address. */
  static Optional<Kind> classify(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? classifyV4(b, 0) : classifyV6(b);
  }

  private static Optional<Kind> classifyV4(byte[] bytes, int offset) {
    int a = bytes[offset] & 0xff;
    int b = bytes[offset + 1] & 0xff;
    int c = bytes[offset + 2] & 0xff;
    int d = bytes[offset + 3] & 0xff;
    // AWS/GCP/Azure/OpenStack 169.254.169.254, AWS ECS 169.254.170.2, EKS pod identity 169.254.170.23,
    // Alibaba 100.100.100.200.
    if ((a == 169 && b == 254 && ((c == 169 && d == 254) || (c == 170 && (d == 2 || d == 23))))
        || (a == 100 && b == 100 && c == 100 && d == 200)) {
      return Optional.of(Kind.METADATA);
    }
    Kind kind = null;
    if (a == 0) {
      kind = (b | c | d) == 0 ? Kind.UNSPECIFIED : Kind.THIS_NETWORK;
    } else if (a == 127) {
      kind = Kind.LOOPBACK;
    } else if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
      kind = Kind.PRIVATE;
    } else if (a == 169 && b == 254) {
      kind = Kind.LINK_LOCAL;
    } else if (a == 100 && (b & 0xc0) == 64) {
      kind = Kind.SHARED;
    } else if ((a & 0xf0) == 224) {
      kind = Kind.MULTICAST;
    } else if ((a & b & c & d) == 255) {
      kind = Kind.BROADCAST;
    } else if ((a & 0xf0) == 240) {
      kind = Kind.RESERVED;
    }
    return Optional.ofNullable(kind);
  }

  private static Optional<Kind> classifyV6(byte[] b) {
    if (isMetadataV6(b)) {
      return Optional.of(Kind.METADATA);
    }
    if (allZero(b, 0, 16)) {
      return Optional.of(Kind.UNSPECIFIED);
    }
    if (allZero(b, 0, 15) && b[15] == 1) {
      return Optional.of(Kind.LOOPBACK);
    }
    // IPv4 embedded in IPv6: compatible ::a.b.c.d, mapped ::ffff:a.b.c.d, translated ::ffff:0:a.b.c.d,
    // NAT64 64:ff9b::/96 and 64:ff9b:1::/48; all reach the IPv4 address they carry.
    boolean ffff = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    if ((allZero(b, 0, 10) && (ffff || allZero(b, 10, 12)))
        || (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && allZero(b, 10, 12))
        || (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b)) {
      return classifyV4(b, 12);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return classifyV4(b, 2); // 6to4 2002:a.b.c.d::/48 (RFC 3056)
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
      // Teredo 2001::/32 (RFC 4380): the client's IPv4 address is the last 32 bits, inverted.
      byte[] client = new byte[4];
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~b[12 + i];
      }
      return classifyV4(client, 0);
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xc0;
    if (first == 0xff) {
      return Optional.of(Kind.MULTICAST);
    }
    if (first == 0xfe && second == 0x80) {
      return Optional.of(Kind.LINK_LOCAL);
    }
    if (first == 0xfe && second == 0xc0) {
      return Optional.of(Kind.SITE_LOCAL);
    }
    if ((first & 0xfe) == 0xfc) {
      return Optional.of(Kind.UNIQUE_LOCAL);
    }
    return Optional.empty();
  }

  /** AWS IMDS over IPv6, fd00:ec2::254, and the EKS pod identity agent, fd00:ec2::23. */
  private static boolean isMetadataV6(byte[] b) {
    int last = ((b[14] & 0xff) << 8) | (b[15] & 0xff);
    return (b[0] & 0xff) == 0xfd && b[1] == 0 && b[2] == 0x0e && (b[3] & 0xff) == 0xc2
        && allZero(b, 4, 14) && (last == 0x254 || last == 0x23);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether a URL host is meant as an IP literal: bracketed (IPv6) or with a numeric last label
   * (IPv4 in any spelling).
   */
  static boolean isLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches();
  }

  /**
   * Parses an IP literal without any DNS lookup.
   *
   * @param host a URL host for which {@link #isLiteral} is true: a dotted quad or a bracketed IPv6 address
   * @return the address
   * @throws IllegalArgumentException with a reason if the text is not a literal we accept
   */
  static InetAddress parseLiteral(String host) {
    if (host.startsWith("[")) {
      if (host.indexOf('%') >= 0) {
        throw new IllegalArgumentException("host " + host + " is a scoped IPv6 literal");
      }
      try {
        // With brackets InetAddress accepts only an IPv6 literal and never consults DNS.
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("host " + host + " is not a valid IPv6 literal", e);
      }
    }
    if (!CANONICAL_IPV4.matcher(host).matches()) {
      throw new IllegalArgumentException("host " + host + " is not a canonical dotted-quad IPv4 address");
    }
    String[] parts = host.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        throw new IllegalArgumentException("host " + host + " is not a canonical dotted-quad IPv4 address");
      }
      bytes[i] = (byte) octet;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always a valid address", e);
    }
  }

  /** Lower-cases a host and drops one trailing dot, for comparing names. */
  static String normalizeName(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
