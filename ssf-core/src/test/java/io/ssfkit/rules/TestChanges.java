package io.ssfkit.rules;

import java.time.Instant;

/** Pre-filled identity changes for the rule tests. */
final class TestChanges {

  static final Instant AT = Instant.parse("2026-03-01T12:00:00.750Z");

  private TestChanges() {}

  /** Identity {@code id-1} of profile {@code Employees} in org {@code org-1}, moving between lifecycle states. */
  static IdentityChange.Builder lifecycle(String before, String after) {
    return IdentityChange.builder()
        .identityId("id-1")
        .profile("Employees")
        .change(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, before, after)
        .occurredAt(AT)
        .sourceEventId("evt-" + before + "-" + after)
        .orgId("org-1");
  }

  /** Identity {@code id-1} of profile {@code Employees} with one attribute change and no lifecycle change. */
  static IdentityChange.Builder attribute(String name, Object oldValue, Object newValue) {
    return IdentityChange.builder()
        .identityId("id-1")
        .profile("Employees")
        .attribute(IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, "active")
        .change(name, oldValue, newValue)
        .occurredAt(AT)
        .sourceEventId("evt-" + name)
        .orgId("org-1");
  }
}
