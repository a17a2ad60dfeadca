package io.ssfkit.delivery;

/** How {@link EventQueue#claim} picks entries. */
public enum ClaimMode {
  /**
   * Push (PUSH-9): only the oldest entry of each ordering key, and only when no entry of that key is
   * claimed already, so one subject's SETs go out one at a time in order while other subjects proceed.
   */
  PER_KEY_HEAD,
  /** Poll: every due, unclaimed entry, oldest first; the receiver sees the order in the response. */
  OLDEST_FIRST
}
