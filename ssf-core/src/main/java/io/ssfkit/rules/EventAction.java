package io.ssfkit.rules;

import io.ssfkit.error.FieldError;
import io.ssfkit.error.SsfException;
import io.ssfkit.event.AssuranceNamespace;
import io.ssfkit.event.CaepCommon;
import io.ssfkit.event.CaepEvent;
import io.ssfkit.event.CredentialType;
import io.ssfkit.event.InitiatingEntity;
import io.ssfkit.event.LanguageMap;
import io.ssfkit.event.RiscEvent;
import io.ssfkit.event.SecurityEvent;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RevocationRule} emits when it fires: one event of one {@link EventKind}, with its reasons as
 * templates expanded from the change.
 *
 * <p>Templates are {@link LanguageMap}s whose messages may hold placeholders such as
 * {@code "Identity ${identity.id} entered ${lifecycle.after}"} or {@code ${attribute.department}}; the known
 * placeholders are {@code identity.id}, {@code identity.profile}, {@code lifecycle.before},
 * {@code lifecycle.after}, {@code rule.name}, {@code org.id}, {@code event.id}, {@code attribute.NAME} (value after
 * the change) and {@code old.NAME} (value before). An unknown placeholder is refused here, when the rule is built;
 * a known placeholder without a value expands to {@code unknown}. The event's {@code event_timestamp} is the
 * change's time in whole seconds.
 *
 * <p>What each kind needs:
 * <ul>
 *   <li>session-revoked and credential-change always carry {@code reason_admin} (CAEP-4): without one,
 *       {@link #DEFAULT_REASON_ADMIN} is used. credential-change needs {@code credentialType} and
 *       {@code changeType}.
 *   <li>token-claims-change needs {@code claims}: claim name to attribute name; claims whose attribute has no
 *       value are left out.
 *   <li>assurance-level-change needs {@code namespace} and {@code attribute}: the current level is the
 *       attribute's new value, the previous level its old value.
 *   <li>identifier-changed reads {@code attribute} ({@code email} by default): the SET's subject is the old email
 *       and {@code new-value} the new one (RISC-1), whatever the {@link SubjectResolver} says.
 *   <li>The RISC kinds carry no reasons and no initiating entity.
 * </ul>
 *
 * @param kind the event to emit
 * @param reasonAdmin the {@code reason_admin} template, or null (CAEP kinds only)
 * @param reasonUser the {@code reason_user} template, or null (CAEP kinds only)
 * @param initiatingEntity the {@code initiating_entity}, or null (CAEP kinds only)
 * @param credentialType the {@code credential_type} of a credential-change, else null
 * @param changeType the {@code change_type} of a credential-change, else null
 * @param claims the claims of a token-claims-change, claim name to attribute name; else empty
 * @param namespace the {@code namespace} of an assurance-level-change, else null
 * @param attribute the attribute of an assurance-level-change or identifier-changed, else null
 */
public record EventAction(
    EventKind kind,
    @Nullable LanguageMap reasonAdmin,
    @Nullable LanguageMap reasonUser,
    @Nullable InitiatingEntity initiatingEntity,
    @Nullable CredentialType credentialType,
    CaepEvent.CredentialChange.@Nullable ChangeType changeType,
    Map<String, String> claims,
    @Nullable AssuranceNamespace namespace,
    @Nullable String attribute) {

  /** The {@code reason_admin} of a session-revoked or credential-change action that names none (CAEP-4). */
  public static final LanguageMap DEFAULT_REASON_ADMIN =
      LanguageMap.of("en", "Identity ${identity.id} matched rule ${rule.name}");

  /** The attribute an identifier-changed action reads unless told otherwise. */
  public static final String DEFAULT_IDENTIFIER_ATTRIBUTE = "email";

  /**
   * Validates the action, fills in the defaults and copies the claims.
   *
   * @param kind the event kind
   * @param reasonAdmin the reason_admin template, or null
   * @param reasonUser the reason_user template, or null
   * @param initiatingEntity the initiating entity, or null
   * @param credentialType the credential type, or null
   * @param changeType the change type, or null
   * @param claims the claims, claim name to attribute name
   * @param namespace the assurance namespace, or null
   * @param attribute the attribute, or null
   * @throws SsfException {@code INVALID_REQUEST} naming every invalid member, such as
   *     {@code reasonAdmin.en: unknown placeholder ${identiy.id}}
   */
  public EventAction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(claims, "claims");
    List<FieldError> errors = new ArrayList<>();
    if (kind == EventKind.SESSION_REVOKED || kind == EventKind.CREDENTIAL_CHANGE) {
      reasonAdmin = reasonAdmin == null ? DEFAULT_REASON_ADMIN : reasonAdmin;
    }
    if (kind == EventKind.IDENTIFIER_CHANGED && attribute == null) {
      attribute = DEFAULT_IDENTIFIER_ATTRIBUTE;
    }
    template("reasonAdmin", reasonAdmin, errors);
    template("reasonUser", reasonUser, errors);
    if (!kind.caep()) {
      only(kind, "reasonAdmin", reasonAdmin == null, errors);
      only(kind, "reasonUser", reasonUser == null, errors);
      only(kind, "initiatingEntity", initiatingEntity == null, errors);
    }
    boolean credential = kind == EventKind.CREDENTIAL_CHANGE;
    need(kind, "credentialType", credentialType != null, credential, errors);
    need(kind, "changeType", changeType != null, credential, errors);
    need(kind, "claims", !claims.isEmpty(), kind == EventKind.TOKEN_CLAIMS_CHANGE, errors);
    boolean assurance = kind == EventKind.ASSURANCE_LEVEL_CHANGE;
    need(kind, "namespace", namespace != null, assurance, errors);
    need(kind, "attribute", attribute != null, assurance || kind == EventKind.IDENTIFIER_CHANGED, errors);
    if (attribute != null && attribute.isBlank()) {
      errors.add(new FieldError("attribute", "must not be blank"));
    }
    claims.forEach((claim, name) -> {
      if (claim == null || claim.isBlank() || name == null || name.isBlank()) {
        errors.add(new FieldError("claims." + claim, "claim and attribute names must not be blank"));
      }
    });
    if (!errors.isEmpty()) {
      throw SsfException.invalid(errors);
    }
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  private static void template(String field, @Nullable LanguageMap template, List<FieldError> errors) {
    if (template != null) {
      template.messages().forEach((tag, message) ->
          Templates.problems(message).forEach(p -> errors.add(new FieldError(field + "." + tag, p))));
    }
  }

  private static void only(EventKind kind, String field, boolean absent, List<FieldError> errors) {
    if (!absent) {
      errors.add(new FieldError(field, "the RISC " + kind.wireName() + " event has no such member"));
    }
  }

  private static void need(EventKind kind, String field, boolean present, boolean needed, List<FieldError> errors) {
    if (needed && !present) {
      errors.add(new FieldError(field, "must be present for " + kind.wireName()));
    } else if (!needed && present) {
      errors.add(new FieldError(field, "applies only to another event kind, not to " + kind.wireName()));
    }
  }

  /**
   * Creates an action of a kind that needs no configuration, with the default reasons.
   *
   * @param kind the kind: session-revoked, account-disabled, account-enabled, account-purged or
   *     identifier-changed
   * @return the action
   * @throws SsfException {@code INVALID_REQUEST} for a kind that needs configuration
   */
  public static EventAction of(EventKind kind) {
    return builder(kind).build();
  }

  /**
   * Starts a builder.
   *
   * @param kind the event kind
   * @return a builder
   */
  public static Builder builder(EventKind kind) {
    return new Builder(kind);
  }

  /**
   * Returns a builder holding this action's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(kind).reasonAdmin(reasonAdmin).reasonUser(reasonUser).initiatingEntity(initiatingEntity)
        .credentialType(credentialType).changeType(changeType).claims(claims).namespace(namespace)
        .attribute(attribute);
  }

  /** The subject this action's event must have regardless of the resolver; identifier-changed only (RISC-1). */
  Optional<SubjectIdentifier> fixedSubject(IdentityChange change) {
    if (kind != EventKind.IDENTIFIER_CHANGED) {
      return Optional.empty();
    }
    AttributeChange changed = change.change(Objects.requireNonNull(attribute)).orElseThrow(() ->
        new IllegalArgumentException("attribute " + attribute + " did not change, so identifier-changed has no old"
            + " identifier for its subject"));
    if (changed.oldText() == null) {
      throw new IllegalArgumentException("attribute " + attribute + " had no old value for the subject");
    }
    return Optional.of(SubjectIdentifier.email(changed.oldText()));
  }

  /**
   * Builds the event for a change.
   *
   * @throws IllegalArgumentException when the change lacks what the event needs
   */
  SecurityEvent toEvent(IdentityChange change, String ruleName) {
    CaepCommon common = new CaepCommon(change.occurredAt(), initiatingEntity, expand(reasonAdmin, change, ruleName),
        expand(reasonUser, change, ruleName));
    return switch (kind) {
      case SESSION_REVOKED -> new CaepEvent.SessionRevoked(common);
      case CREDENTIAL_CHANGE -> CaepEvent.CredentialChange.builder().credentialType(Objects.requireNonNull(
          credentialType)).changeType(Objects.requireNonNull(changeType)).common(common).build();
      case TOKEN_CLAIMS_CHANGE -> {
        Map<String, Object> values = new LinkedHashMap<>();
        claims.forEach((claim, name) -> change.attribute(name).ifPresent(v -> values.put(claim, v)));
        if (values.isEmpty()) {
          throw new IllegalArgumentException("none of the claim attributes " + claims.values() + " has a value");
        }
        yield new CaepEvent.TokenClaimsChange(values, common);
      }
      case ASSURANCE_LEVEL_CHANGE -> {
        String name = Objects.requireNonNull(attribute);
        Optional<AttributeChange> changed = change.change(name);
        String current = changed.map(AttributeChange::newText)
            .or(() -> change.attribute(name).map(Object::toString))
            .orElseThrow(() -> new IllegalArgumentException("attribute " + name + " has no value for current_level"));
        yield CaepEvent.AssuranceLevelChange.builder().namespace(Objects.requireNonNull(namespace))
            .currentLevel(current).previousLevel(changed.map(AttributeChange::oldText).orElse(null))
            .common(common).build();
      }
      case ACCOUNT_DISABLED -> new RiscEvent.AccountDisabled(null);
      case ACCOUNT_ENABLED -> new RiscEvent.AccountEnabled();
      case ACCOUNT_PURGED -> new RiscEvent.AccountPurged();
      case IDENTIFIER_CHANGED -> new RiscEvent.IdentifierChanged(
          change.change(Objects.requireNonNull(attribute)).map(AttributeChange::newText).orElse(null));
    };
  }

  private static @Nullable LanguageMap expand(@Nullable LanguageMap template, IdentityChange change, String rule) {
    if (template == null) {
      return null;
    }
    Map<String, String> messages = new LinkedHashMap<>();
    template.messages().forEach((tag, message) -> messages.put(tag, Templates.expand(message, change, rule)));
    return new LanguageMap(messages);
  }

  /** Builds an {@link EventAction}; {@link #build()} reports every problem at once. Not thread-safe. */
  public static final class Builder {

    private final EventKind kind;
    private @Nullable LanguageMap reasonAdmin;
    private @Nullable LanguageMap reasonUser;
    private @Nullable InitiatingEntity initiatingEntity;
    private @Nullable CredentialType credentialType;
    private CaepEvent.CredentialChange.@Nullable ChangeType changeType;
    private Map<String, String> claims = Map.of();
    private @Nullable AssuranceNamespace namespace;
    private @Nullable String attribute;

    private Builder(EventKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Sets the {@code reason_admin} template.
     *
     * @param reasonAdmin the template, or null
     * @return this builder
     */
    public Builder reasonAdmin(@Nullable LanguageMap reasonAdmin) {
      this.reasonAdmin = reasonAdmin;
      return this;
    }

    /**
     * Sets the {@code reason_user} template.
     *
     * @param reasonUser the template, or null
     * @return this builder
     */
    public Builder reasonUser(@Nullable LanguageMap reasonUser) {
      this.reasonUser = reasonUser;
      return this;
    }

    /**
     * Sets the {@code initiating_entity}.
     *
     * @param initiatingEntity the entity, or null
     * @return this builder
     */
    public Builder initiatingEntity(@Nullable InitiatingEntity initiatingEntity) {
      this.initiatingEntity = initiatingEntity;
      return this;
    }

    /**
     * Sets the credential type of a credential-change.
     *
     * @param credentialType the type, or null
     * @return this builder
     */
    public Builder credentialType(@Nullable CredentialType credentialType) {
      this.credentialType = credentialType;
      return this;
    }

    /**
     * Sets the change type of a credential-change.
     *
     * @param changeType the type, or null
     * @return this builder
     */
    public Builder changeType(CaepEvent.CredentialChange.@Nullable ChangeType changeType) {
      this.changeType = changeType;
      return this;
    }

    /**
     * Sets the claims of a token-claims-change.
     *
     * @param claims claim name to attribute name
     * @return this builder
     */
    public Builder claims(Map<String, String> claims) {
      this.claims = Objects.requireNonNull(claims, "claims");
      return this;
    }

    /**
     * Sets the namespace of an assurance-level-change.
     *
     * @param namespace the namespace, or null
     * @return this builder
     */
    public Builder namespace(@Nullable AssuranceNamespace namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets the attribute of an assurance-level-change or identifier-changed.
     *
     * @param attribute the attribute name, or null
     * @return this builder
     */
    public Builder attribute(@Nullable String attribute) {
      this.attribute = attribute;
      return this;
    }

    /**
     * Builds the action.
     *
     * @return the action
     * @throws SsfException {@code INVALID_REQUEST} naming every invalid member
     */
    public EventAction build() {
      return new EventAction(kind, reasonAdmin, reasonUser, initiatingEntity, credentialType, changeType, claims,
          namespace, attribute);
    }
  }
}
