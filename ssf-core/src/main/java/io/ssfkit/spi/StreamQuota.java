package io.ssfkit.spi;

/**
 * How many streams one client and one organization may hold; checked atomically with the insert of a new
 * stream by {@link StreamStore#insert}.
 *
 * @param maxPerClient the most streams one client ID may own; the product API allows 1
 * @param maxPerOrg the most streams one organization may hold; the product API allows 10
 */
public record StreamQuota(int maxPerClient, int maxPerOrg) {

  /** The product API's limits: one stream per client ID, ten per organization. */
  public static final StreamQuota PRODUCT_DEFAULT = new StreamQuota(1, 10);

  /**
   * Validates the limits.
   *
   * @param maxPerClient the most streams one client ID may own; the product API allows 1
   * @param maxPerOrg the most streams one organization may hold; the product API allows 10
   * @throws IllegalArgumentException if a limit is below 1, or the client limit exceeds the org limit
   */
  public StreamQuota {
    if (maxPerClient < 1) {
      throw new IllegalArgumentException("maxPerClient must be at least 1, but was " + maxPerClient);
    }
    if (maxPerOrg < maxPerClient) {
      throw new IllegalArgumentException(
          "maxPerOrg must be at least maxPerClient (" + maxPerClient + "), but was " + maxPerOrg);
    }
  }
}
