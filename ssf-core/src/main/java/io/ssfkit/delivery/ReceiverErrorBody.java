package io.ssfkit.delivery;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of an RFC 8935 section 2.3 error response, {@code {"err":"...","description":"..."}}, read by a
 * small strict JSON parser: ssf-core has no JSON library, and the body is one flat object.
 *
 * <p>The parser accepts any valid JSON object (other members, nested values and numbers are skipped) and
 * refuses anything that is not valid JSON, duplicate member names, and nesting deeper than 32 levels.
 *
 * @param err the {@code err} member, never blank
 * @param description the {@code description} member when it is a string, otherwise null
 */
record ReceiverErrorBody(String err, @Nullable String description) {

  private static final int MAX_DEPTH = 32;
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /** Parses a body; empty if it is not a JSON object with a non-blank string {@code err}. */
  static Optional<ReceiverErrorBody> parse(String json) {
    Parser parser = new Parser(json);
    try {
      parser.skipWhitespace();
      if (parser.peek() != '{') {
        return Optional.empty();
      }
      parser.value(0);
      parser.skipWhitespace();
      if (parser.pos != json.length() || parser.err == null || parser.err.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new ReceiverErrorBody(parser.err, parser.description));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** One pass over the text; keeps the top-level string members {@code err} and {@code description}. */
  private static final class Parser {
    private final String s;
    private int pos;
    private @Nullable String err;
    private @Nullable String description;

    Parser(String s) {
      this.s = s;
    }

    void value(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("too deep");
      }
      char c = peek();
      if (c == '{' || c == '[') {
        elements(depth, c == '{');
      } else if (c == '"') {
        string();
      } else if (!literal("true") && !literal("false") && !literal("null")) {
        Matcher m = NUMBER.matcher(s).region(pos, s.length());
        if (!m.lookingAt()) {
          throw new IllegalArgumentException("unexpected character at " + pos);
        }
        pos = m.end();
      }
    }

    /** Reads an object (named members, unique names) or an array, from its opening bracket on. */
    void elements(int depth, boolean object) {
      char close = object ? '}' : ']';
      pos++;
      skipWhitespace();
      if (peek() == close) {
        pos++;
        return;
      }
      Set<String> names = new HashSet<>();
      do {
        skipWhitespace();
        String name = "";
        if (object) {
          name = string();
          if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate member " + name);
          }
          skipWhitespace();
          expect(':');
          skipWhitespace();
        }
        if (depth == 0 && peek() == '"' && name.equals("err")) {
          err = string();
        } else if (depth == 0 && peek() == '"' && name.equals("description")) {
          description = string();
        } else {
          value(depth + 1);
        }
        skipWhitespace();
      } while (next() == ',');
      pos--;
      expect(close);
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      for (char c = next(); c != '"'; c = next()) {
        if (c < 0x20) {
          throw new IllegalArgumentException("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            String hex = s.substring(pos, pos + 4);
            if (!hex.matches("[0-9a-fA-F]{4}")) {
              throw new IllegalArgumentException("bad unicode escape");
            }
            out.append((char) Integer.parseInt(hex, 16));
            pos += 4;
          }
          default -> throw new IllegalArgumentException("bad escape");
        }
      }
      return out.toString();
    }

    boolean literal(String word) {
      if (s.startsWith(word, pos)) {
        pos += word.length();
        return true;
      }
      return false;
    }

    void skipWhitespace() {
      while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    void expect(char c) {
      if (next() != c) {
        throw new IllegalArgumentException("expected " + c + " at " + (pos - 1));
      }
    }

    char peek() {
      return s.charAt(pos);
    }

    char next() {
      return s.charAt(pos++);
    }
  }
}
