package io.ssfkit.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /**
   * The most characters one match may read, backtracking included, before it is given up: a few milliseconds of
   * work, and thousands of times what a sane expression reads of an attribute value. Without it an expression with
   * nested quantifiers, such as {@code (a+)+b}, would hold the thread for years on a value of 40 characters.
   */
  static final int STEP_BUDGET = 1_000_000;

  /** How matching an expression against a value came out. */
  enum Match {
    /** The whole value matches. */
    MATCHES,
    /** It does not. */
    DOES_NOT_MATCH,
    /** The expression read more than {@link #STEP_BUDGET} characters and was given up. */
    BUDGET_EXCEEDED
  }

  private static final Logger LOG = LoggerFactory.getLogger(Patterns.class);
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final BudgetExceeded EXCEEDED = new BudgetExceeded();

  private Patterns() {}

  /**
   * Matches an expression against a whole value within {@link #STEP_BUDGET}.
   *
   * @param regex the expression
   * @param value the value
   * @return whether it matched, or that it was given up
   */
  static Match match(String regex, String value) {
    try {
      return of(regex).matcher(new Budgeted(value)).matches() ? Match.MATCHES : Match.DOES_NOT_MATCH;
    } catch (BudgetExceeded e) {
      // The value is not logged: attribute values may be personal data.
      LOG.warn("matching {} against a value of {} characters was given up after {} steps; it counts as not"
          + " matching: rewrite the expression without nested quantifiers", regex, value.length(), STEP_BUDGET);
      return Match.BUDGET_EXCEEDED;
    }
  }

  /** A value whose characters can be read {@link #STEP_BUDGET} times in all. Not thread-safe: one per match. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private int steps;

    Budgeted(String text) {
      this.text = text;
    }

    @Override
    public char charAt(int index) {
      if (++steps > STEP_BUDGET) {
        throw EXCEEDED;
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end); // Only read for groups, after the match.
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Thrown, shared and without a stack trace, to leave a match that ran out of budget. */
  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super("step budget exceeded", null, false, false);
    }
  }

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
