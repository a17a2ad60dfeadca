package io.ssfkit.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The compiled expressions of {@link Condition.AttributeMatches}, shared by regex string. A record cannot hold a
 * compiled {@link Pattern} beside its components without making it part of equality, so the cache lives here and
 * the record stays equal by its regex string. A {@link Pattern} is immutable and thread-safe.
 *
 * <p>Bounded: when {@link #CAPACITY} expressions are cached, the cache is emptied before the next one is added, so
 * expressions of replaced rule sets cannot pile up.
 */
final class Patterns {

  /** The most expressions kept. */
  static final int CAPACITY = 4096;

  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Patterns() {}

  /**
   * Returns the compiled expression.
   *
   * @param regex the expression
   * @return its pattern, compiled at most once while it stays cached
   * @throws java.util.regex.PatternSyntaxException if it does not compile
   */
  static Pattern of(String regex) {
    Pattern pattern = CACHE.get(regex);
    if (pattern == null) {
      pattern = Pattern.compile(regex);
      if (CACHE.size() >= CAPACITY) {
        CACHE.clear();
      }
      CACHE.putIfAbsent(regex, pattern);
    }
    return pattern;
  }

  /**
   * Returns a literal text every value the expression matches as a whole starts with: its leading characters up
   * to the first one that is not plainly literal. Conservative: only ASCII letters, digits and a few punctuation
   * characters count as literal, a character followed by a quantifier ({@code ?}, {@code *}, <code>{</code>) is
   * optional and does not count, and an expression with an alternation ({@code |}) anywhere has no prefix. So
   * {@code Site-[A-Z]+} gives {@code Site-}, {@code ab?c} gives {@code a}, and {@code ^x}, {@code (?i)x} and
   * {@code a|b} give the empty text.
   *
   * @param regex the expression, compiled without flags and matched against the whole value
   * @return the prefix, possibly empty
   */
  static String literalPrefix(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    int end = 0;
    while (end < regex.length() && isLiteral(regex.charAt(end))) {
      end++;
    }
    if (end < regex.length() && end > 0 && "?*{".indexOf(regex.charAt(end)) >= 0) {
      end--; // The quantifier makes the last literal optional.
    }
    return regex.substring(0, end);
  }

  private static boolean isLiteral(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-_@:/,=!~;'\"%&<> ".indexOf(c) >= 0;
  }
}
