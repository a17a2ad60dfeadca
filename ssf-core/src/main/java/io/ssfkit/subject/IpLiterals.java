package io.ssfkit.subject;

/**
 * Recognises textual IPv4 and IPv6 addresses (RFC 4001 {@code InetAddressIPv4} and {@code InetAddressIPv6}) by
 * their syntax alone.
 *
 * <p>Why not {@link java.net.InetAddress#getByName}: it resolves anything that is not a literal through DNS, and
 * a subject from a request must never trigger a lookup. Zone indices ({@code %eth0}) are refused: RFC 4001 gives
 * them their own type, which the SSF {@code ip-addresses} format does not use.
 */
final class IpLiterals {

  private static final int MAX_IPV6_LENGTH = 45; // 8 groups of 4, or 6 groups and a dotted quad, with colons

  private IpLiterals() {}

  /**
   * Tells whether a string is a dotted-decimal IPv4 address: four decimal octets 0 to 255 without leading zeros
   * (which some parsers read as octal).
   */
  static boolean isIpv4(String text) {
    if (text.length() > 15) {
      return false;
    }
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < octet.length(); i++) {
        char c = octet.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether a string is an IPv6 address in one of the RFC 4291 section 2.2 text forms: eight groups of 1 to
   * 4 hex digits, at most one {@code ::} standing for one or more zero groups, and optionally a dotted-quad IPv4
   * address in place of the last two groups.
   */
  static boolean isIpv6(String text) {
    if (text.length() < 2 || text.length() > MAX_IPV6_LENGTH) {
      return false;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return false; // "::" twice, or ":::"
    }
    if (gap < 0) {
      int groups = countGroups(text, true);
      return groups == 8;
    }
    String head = text.substring(0, gap);
    String tail = text.substring(gap + 2);
    int headGroups = head.isEmpty() ? 0 : countGroups(head, false);
    int tailGroups = tail.isEmpty() ? 0 : countGroups(tail, true);
    return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
  }

  /**
   * Counts the 16-bit groups of a colon-separated run, where a trailing dotted quad counts as two.
   *
   * @return the count, or -1 when a group is malformed
   */
  private static int countGroups(String run, boolean ipv4Allowed) {
    String[] parts = run.split(":", -1);
    int groups = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (ipv4Allowed && i == parts.length - 1 && part.indexOf('.') >= 0) {
        if (!isIpv4(part)) {
          return -1;
        }
        groups += 2;
      } else if (isHexGroup(part)) {
        groups++;
      } else {
        return -1;
      }
    }
    return groups;
  }

  private static boolean isHexGroup(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
