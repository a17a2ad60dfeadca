package io.ssfkit.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a receiver's host name to the addresses a connection would use, so that
 * {@link ReceiverUrlPolicy#resolvedProblem} can check them before anything is sent (SEC-1).
 *
 * <p>Implementations are thread-safe. They may block (a DNS lookup can take seconds), so callers run them
 * off the threads they must not block; {@link HttpPushChannel} runs them on its executor. Tests inject a
 * resolver that maps made-up names to addresses in memory, so that no DNS query leaves the machine.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * Returns the addresses of a host name.
   *
   * @param host a DNS name as it appears in the URL, never an IP literal
   * @return the addresses, never null; empty is treated like {@link UnknownHostException}
   * @throws UnknownHostException if the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /**
   * Returns the resolver of the JVM, {@link InetAddress#getAllByName(String)}.
   *
   * <p>The JVM caches successful lookups (30 seconds by default, security property
   * {@code networkaddress.cache.ttl}). {@link java.net.http.HttpClient} resolves through the same cache,
   * so the address this resolver returns is the one the connection uses unless the cache is turned off;
   * this is what makes the check an effective defence against DNS rebinding.
   *
   * @return the system resolver
   */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
