package io.ssfkit.jackson.rules;

import io.ssfkit.rules.IdentityChange;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link RuleJson#readIdentityChange} fills what an identity-change document leaves out.
 *
 * @param defaultOrgId the organization when the document has no {@code orgId}, or null to require one
 * @param lifecycleAttribute the attribute whose change gives the lifecycle states
 * @param clock the time of a change without {@code occurredAt}
 */
public record IdentityChangeOptions(@Nullable String defaultOrgId, String lifecycleAttribute, Clock clock) {

  /**
   * Checks the members.
   *
   * @param defaultOrgId the default organization, or null
   * @param lifecycleAttribute the lifecycle attribute
   * @param clock the clock
   * @throws IllegalArgumentException if the lifecycle attribute or the default organization is blank
   */
  public IdentityChangeOptions {
    Objects.requireNonNull(lifecycleAttribute, "lifecycleAttribute");
    Objects.requireNonNull(clock, "clock");
    if (lifecycleAttribute.isBlank()) {
      throw new IllegalArgumentException("lifecycleAttribute must not be blank");
    }
    if (defaultOrgId != null && defaultOrgId.isBlank()) {
      throw new IllegalArgumentException("defaultOrgId must not be blank; use null to require orgId");
    }
  }

  /**
   * Returns the defaults: {@code orgId} required, lifecycle from
   * {@value IdentityChange#DEFAULT_LIFECYCLE_ATTRIBUTE}.
   *
   * @param clock the time of a change without {@code occurredAt}
   * @return the options
   */
  public static IdentityChangeOptions ofDefaults(Clock clock) {
    return new IdentityChangeOptions(null, IdentityChange.DEFAULT_LIFECYCLE_ATTRIBUTE, clock);
  }

  /**
   * Returns these options with a default organization.
   *
   * @param orgId the organization of documents without {@code orgId}
   * @return the options
   */
  public IdentityChangeOptions withDefaultOrgId(String orgId) {
    return new IdentityChangeOptions(Objects.requireNonNull(orgId, "orgId"), lifecycleAttribute, clock);
  }
}
