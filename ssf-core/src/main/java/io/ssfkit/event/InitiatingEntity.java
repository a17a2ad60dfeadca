package io.ssfkit.event;

/**
 * The {@code initiating_entity} of a CAEP event: who or what invoked it (CAEP 1.0 section 2). A closed set: CAEP
 * allows exactly these four values (CAEP-1).
 *
 * @see <a href="https://openid.net/specs/openid-caep-1_0.html">CAEP 1.0 section 2</a>
 */
public enum InitiatingEntity {
  /** An administrative action triggered the event. */
  ADMIN("admin"),
  /** An end-user action triggered the event. */
  USER("user"),
  /** A policy evaluation triggered the event. */
  POLICY("policy"),
  /** A system or platform assertion triggered the event. */
  SYSTEM("system");

  private final String wireValue;

  InitiatingEntity(String wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * Returns the value on the wire.
   *
   * @return {@code admin}, {@code user}, {@code policy} or {@code system}
   */
  public String wireValue() {
    return wireValue;
  }
}
