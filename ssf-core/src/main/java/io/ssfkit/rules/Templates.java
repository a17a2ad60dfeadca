package io.ssfkit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ${...}} placeholders of reason templates. Known placeholders: {@code identity.id},
 * {@code identity.profile}, {@code lifecycle.before}, {@code lifecycle.after}, {@code rule.name},
 * {@code org.id}, {@code event.id}, {@code attribute.NAME} (the value after the change) and
 * {@code old.NAME} (the value before, from the changes). An unknown placeholder is an error when the rule is
 * built, so a typo never reaches a receiver; a known one without a value expands to {@code unknown}. A value
 * longer than {@link #MAX_VALUE_LENGTH} characters is cut there and ends with an ellipsis: a reason is a sentence
 * for people (CAEP-2), and an attribute value, which the identity's source may let anyone set, must not make a
 * SET as large as it likes.
 */
final class Templates {

  static final String UNKNOWN = "unknown";
  /** The most characters one placeholder expands to, the ellipsis included. */
  static final int MAX_VALUE_LENGTH = 256;
  private static final Set<String> FIXED = Set.of(
      "identity.id", "identity.profile", "lifecycle.before", "lifecycle.after", "rule.name", "org.id", "event.id");

  private Templates() {}

  /** Returns a problem for each unknown or unterminated placeholder; empty when the template is fine. */
  static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = template.indexOf("${", from);
      if (start < 0) {
        return problems;
      }
      int end = template.indexOf('}', start);
      if (end < 0) {
        problems.add("unterminated placeholder at index " + start);
        return problems;
      }
      String name = template.substring(start + 2, end);
      if (!known(name)) {
        problems.add("unknown placeholder ${" + name + "}");
      }
      from = end + 1;
    }
  }

  private static boolean known(String name) {
    return FIXED.contains(name)
        || (name.startsWith("attribute.") && name.length() > "attribute.".length())
        || (name.startsWith("old.") && name.length() > "old.".length());
  }

  /** Expands a validated template. */
  static String expand(String template, IdentityChange change, String ruleName) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (true) {
      int start = template.indexOf("${", from);
      int end = start < 0 ? -1 : template.indexOf('}', start);
      if (end < 0) {
        out.append(template, from, template.length());
        return out.toString();
      }
      out.append(template, from, start);
      String value = value(template.substring(start + 2, end), change, ruleName);
      out.append(value == null ? UNKNOWN : capped(value));
      from = end + 1;
    }
  }

  private static String capped(String value) {
    if (value.length() <= MAX_VALUE_LENGTH) {
      return value;
    }
    int end = MAX_VALUE_LENGTH - 1;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--; // Never half a character: a lone surrogate is not valid text in a SET.
    }
    return value.substring(0, end) + "\u2026";
  }

  private static @Nullable String value(String name, IdentityChange change, String ruleName) {
    switch (name) {
      case "identity.id": return change.identityId();
      case "identity.profile": return change.profile();
      case "lifecycle.before": return change.lifecycleBefore();
      case "lifecycle.after": return change.lifecycleAfter();
      case "rule.name": return ruleName;
      case "org.id": return change.orgId();
      case "event.id": return change.sourceEventId();
      default: break;
    }
    if (name.startsWith("attribute.")) {
      return change.attribute(name.substring("attribute.".length())).map(Object::toString).orElse(null);
    }
    return change.change(name.substring("old.".length())).map(AttributeChange::oldText).orElse(null);
  }
}
