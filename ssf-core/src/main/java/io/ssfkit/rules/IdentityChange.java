package io.ssfkit.rules;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one identity: the input of the {@link RuleEngine}. It holds the identity, its profile, its
 * attributes after the change (for templates and subject resolution), the attribute changes themselves, the
 * lifecycle state before and after, when it happened, the ID of the source event (for idempotent replay) and
 * the organization whose streams are candidates.
 *
 * <p>Build one with {@link #builder()}: when the lifecycle states are not given explicitly, the builder derives
 * them from the change of the lifecycle attribute ({@value #DEFAULT_LIFECYCLE_ATTRIBUTE} by default), or, when
 * that attribute did not change, takes its current value for both. The builder also adds every change's new value
 * to the attributes unless they already hold that attribute.
 *
 * @param identityId the identity's ID
 * @param profile the identity profile, or null when unknown
 * @param attributes the identity's attributes after the change; no null values
 * @param changes the attribute changes, at most one per attribute name
 * @param lifecycleBefore the lifecycle state before the change, or null when unknown
 * @param lifecycleAfter the lifecycle state after the change, or null when unknown
 * @param occurredAt when the change happened, the events' {@code event_timestamp}
 * @param sourceEventId the ID of the event that reported the change, the key of idempotent replay
 * @param orgId the organization whose streams receive the events
 */
public record IdentityChange(
    String identityId,
    @Nullable String profile,
    Map<String, Object> attributes,
    List<AttributeChange> changes,
    @Nullable String lifecycleBefore,
    @Nullable String lifecycleAfter,
    Instant occurredAt,
    String sourceEventId,
    String orgId) {

  /** The attribute that holds the lifecycle state unless configured otherwise. */
  public static final String DEFAULT_LIFECYCLE_ATTRIBUTE = "cloudLifecycleState";

  /**
   * Validates the change and copies the collections.
   *
   * @param identityId the identity's ID
   * @param profile the identity profile, or null
   * @param attributes the attributes after the change
   * @param changes the attribute changes
   * @param lifecycleBefore the lifecycle state before, or null
   * @param lifecycleAfter the lifecycle state after, or null
   * @param occurredAt when it happened
   * @param sourceEventId the source event's ID
   * @param orgId the organization
   * @throws SsfException {@code INVALID_REQUEST} naming every invalid field
   */
  public IdentityChange {
    List<FieldError> errors = new ArrayList<>();
    text("identityId", identityId, errors);
    text("sourceEventId", sourceEventId, errors);
    text("orgId", orgId, errors);
    if (occurredAt == null) {
      errors.add(new FieldError("occurredAt", "must be present"));
    }
    if (attributes == null) {
      errors.add(new FieldError("attributes", "must be present"));
    } else {
      attributes.forEach((name, value) -> {
        if (name == null || value == null) {
          errors.add(new FieldError("attributes." + name, "must not be null"));
        }
      });
    }
    if (changes == null) {
      errors.add(new FieldError("changes", "must be present"));
    } else {
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < changes.size(); i++) {
        AttributeChange change = changes.get(i);
        if (change == null) {
          errors.add(new FieldError("changes[" + i + "]", "must not be null"));
        } else if (!names.add(change.name())) {
          errors.add(new FieldError("changes[" + i + "].name", "duplicate attribute " + change.name()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    changes = List.copyOf(changes);
  }

  private static void text(String field, @Nullable String value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "must be present"));
    } else if (value.isBlank()) {
      errors.add(new FieldError(field, "must not be blank"));
    }
  }

  /**
   * Finds the change of one attribute.
   *
   * @param name the attribute name
   * @return its change, or empty when it did not change
   */
  public Optional<AttributeChange> change(String name) {
    Objects.requireNonNull(name, "name");
    for (AttributeChange change : changes) {
      if (change.name().equals(name)) {
        return Optional.of(change);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns an attribute's value after the change.
   *
   * @param name the attribute name
   * @return its value, or empty when the identity has no such attribute
   */
  public Optional<Object> attribute(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no changes and the lifecycle attribute {@value #DEFAULT_LIFECYCLE_ATTRIBUTE}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IdentityChange}, deriving the lifecycle states from the changes. Not thread-safe. */
  public static final class Builder {

    private @Nullable String identityId;
    private @Nullable String profile;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<AttributeChange> changes = new ArrayList<>();
    private @Nullable String lifecycleBefore;
    private @Nullable String lifecycleAfter;
    private boolean lifecycleGiven;
    private String lifecycleAttribute = DEFAULT_LIFECYCLE_ATTRIBUTE;
    private @Nullable Instant occurredAt;
    private @Nullable String sourceEventId;
    private @Nullable String orgId;

    private Builder() {}

    /**
     * Sets the identity's ID.
     *
     * @param identityId the ID
     * @return this builder
     */
    public Builder identityId(String identityId) {
      this.identityId = Objects.requireNonNull(identityId, "identityId");
      return this;
    }

    /**
     * Sets the identity profile.
     *
     * @param profile the profile, or null when unknown
     * @return this builder
     */
    public Builder profile(@Nullable String profile) {
      this.profile = profile;
      return this;
    }

    /**
     * Sets one attribute's value after the change.
     *
     * @param name the attribute name
     * @param value its value
     * @return this builder
     */
    public Builder attribute(String name, Object value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds attributes after the change; null values are ignored.
     *
     * @param attributes the attributes
     * @return this builder
     */
    public Builder attributes(Map<String, ?> attributes) {
      Objects.requireNonNull(attributes, "attributes").forEach((name, value) -> {
        if (name != null && value != null) {
          this.attributes.put(name, value);
        }
      });
      return this;
    }

    /**
     * Adds an attribute change.
     *
     * @param name the attribute name
     * @param oldValue the value before, or null
     * @param newValue the value after, or null
     * @return this builder
     */
    public Builder change(String name, @Nullable Object oldValue, @Nullable Object newValue) {
      changes.add(new AttributeChange(name, oldValue, newValue));
      return this;
    }

    /**
     * Adds attribute changes.
     *
     * @param changes the changes
     * @return this builder
     */
    public Builder changes(List<AttributeChange> changes) {
      this.changes.addAll(Objects.requireNonNull(changes, "changes"));
      return this;
    }

    /**
     * Sets the lifecycle states explicitly, instead of deriving them from the lifecycle attribute.
     *
     * @param before the state before, or null
     * @param after the state after, or null
     * @return this builder
     */
    public Builder lifecycle(@Nullable String before, @Nullable String after) {
      this.lifecycleBefore = before;
      this.lifecycleAfter = after;
      this.lifecycleGiven = true;
      return this;
    }

    /**
     * Sets the attribute the lifecycle states are derived from when not given explicitly.
     *
     * @param lifecycleAttribute the attribute name; {@value IdentityChange#DEFAULT_LIFECYCLE_ATTRIBUTE} by default
     * @return this builder
     */
    public Builder lifecycleAttribute(String lifecycleAttribute) {
      this.lifecycleAttribute = Objects.requireNonNull(lifecycleAttribute, "lifecycleAttribute");
      return this;
    }

    /**
     * Sets when the change happened.
     *
     * @param occurredAt the instant
     * @return this builder
     */
    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
      return this;
    }

    /**
     * Sets the ID of the source event, the key of idempotent replay.
     *
     * @param sourceEventId the ID
     * @return this builder
     */
    public Builder sourceEventId(String sourceEventId) {
      this.sourceEventId = Objects.requireNonNull(sourceEventId, "sourceEventId");
      return this;
    }

    /**
     * Sets the organization.
     *
     * @param orgId the organization's ID
     * @return this builder
     */
    public Builder orgId(String orgId) {
      this.orgId = Objects.requireNonNull(orgId, "orgId");
      return this;
    }

    /**
     * Builds the change, deriving what was not given.
     *
     * @return the change
     * @throws SsfException {@code INVALID_REQUEST} naming every invalid or missing field
     */
    public IdentityChange build() {
      Map<String, Object> merged = new LinkedHashMap<>(attributes);
      for (AttributeChange change : changes) {
        if (change.newValue() != null) {
          merged.putIfAbsent(change.name(), change.newValue());
        }
      }
      String before = lifecycleBefore;
      String after = lifecycleAfter;
      if (!lifecycleGiven) {
        AttributeChange lifecycle = null;
        for (AttributeChange change : changes) {
          if (change.name().equals(lifecycleAttribute)) {
            lifecycle = change;
          }
        }
        if (lifecycle != null) {
          before = lifecycle.oldText();
          after = lifecycle.newText();
        } else {
          Object current = merged.get(lifecycleAttribute);
          before = current == null ? null : current.toString();
          after = before;
        }
      }
      return new IdentityChange(identityId, profile, merged, changes, before, after, occurredAt, sourceEventId,
          orgId);
    }
  }
}
