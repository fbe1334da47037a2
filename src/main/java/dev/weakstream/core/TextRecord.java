package dev.weakstream.core;

import dev.weakstream.core.lf.WordTokenizer;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The view of a record that labeling functions see: its id, its text and its string attributes,
 * plus derived views of the text — lower-cased, whitespace-normalised, tokenized — computed at most
 * once per record and shared by every labeling function, so a pipeline of many LFs tokenizes each
 * text once.
 *
 * <p>Immutable in meaning. The derived views are cached without synchronisation: a record is
 * labeled by one thread at a time; racing threads would only compute the same values twice.
 */
public final class TextRecord {

  private final String id;
  private final String text;
  private final Map<String, String> attributes;
  private String lowerCase;
  private String normalized;
  private String normalizedLowerCase;
  private List<String> tokens;
  private int tokenCount = -1;

  public TextRecord(String id, String text, Map<String, String> attributes) {
    this.id = Objects.requireNonNull(id, "id");
    this.text = Objects.requireNonNull(text, "text");
    // A read-only view, not a copy: built for every record on the hot path; callers do not mutate
    // it.
    this.attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
  }

  public static TextRecord of(String id, String text) {
    return new TextRecord(id, text, Map.of());
  }

  public String id() {
    return id;
  }

  public String text() {
    return text;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  /** The text lower-cased with {@link Locale#ROOT}. */
  public String lowerCaseText() {
    if (lowerCase == null) {
      if (normalizedLowerCase == null) {
        lowerCaseInOnePass(); // for most texts, the one pass yields this too
      }
      if (lowerCase == null) {
        lowerCase = text.toLowerCase(Locale.ROOT);
      }
    }
    return lowerCase;
  }

  /** The text with every run of white space replaced by one space. */
  public String normalizedText() {
    if (normalized == null) {
      normalized = collapseWhitespace(text);
    }
    return normalized;
  }

  /** {@link #normalizedText()} lower-cased with {@link Locale#ROOT}. */
  public String normalizedLowerCaseText() {
    if (normalizedLowerCase == null && (lowerCase != null || !lowerCaseInOnePass())) {
      if (lowerCase == null) {
        lowerCase = text.toLowerCase(Locale.ROOT);
      }
      normalizedLowerCase = collapseWhitespace(lowerCase);
    }
    return normalizedLowerCase;
  }

  /**
   * The normalized lower-cased text and its token count — and the lower-cased text, when no white
   * space was replaced — from one pass ({@link WordTokenizer#lowerCaseCollapsed}); false, leaving
   * them unset, for texts that pass cannot take. Tried at most once per record: only while neither
   * text is set.
   */
  private boolean lowerCaseInOnePass() {
    WordTokenizer.LowerCased onePass = WordTokenizer.lowerCaseCollapsed(text);
    if (onePass == null) {
      return false;
    }
    normalizedLowerCase = onePass.text();
    tokenCount = onePass.tokens();
    if (onePass.sameWhiteSpace()) {
      lowerCase = normalizedLowerCase;
    }
    return true;
  }

  /** The number of {@link #tokens()}, counted without building them when they are not built yet. */
  public int tokenCount() {
    if (tokens != null) {
      return tokens.size();
    }
    if (tokenCount < 0) {
      String normalizedLower =
          normalizedLowerCaseText(); // counts them in the same pass for most texts
      if (tokenCount < 0) {
        tokenCount = WordTokenizer.count(normalizedLower);
      }
    }
    return tokenCount;
  }

  /** The lower-cased word tokens of the text ({@link WordTokenizer}). */
  public List<String> tokens() {
    if (tokens == null) {
      // White space separates tokens and is never part of one, so collapsing it changes no token;
      // the
      // keyword LFs need the normalized text anyway.
      tokens = WordTokenizer.tokens(normalizedLowerCaseText());
    }
    return tokens;
  }

  private static String collapseWhitespace(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)
          && (c != ' ' || (i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))))) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        out.append(' ');
        while (i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))) {
          i++;
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextRecord other
        && id.equals(other.id)
        && text.equals(other.text)
        && attributes.equals(other.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, text, attributes);
  }

  @Override
  public String toString() {
    return "TextRecord[id=" + id + ", text=" + text + ", attributes=" + attributes + "]";
  }
}
