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
}
