package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequiredLiteralTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "\\bcheck\\s+(it\\s+)?(out|my|this|me)\\b # check",
        "\\b[a-z0-9-]+\\s?\\.\\s?(com|net)\\b # .",
        "subscribe+ to # subscribe",
        "colou?r # colo",
        "ab{0,3}cdef # cdef",
        "x{2}yz # yz",
        "a.b.cde # cde",
        "www\\.youtube\\.com # www.youtube.com",
        "[abc]+hello[^\\]x] # hello",
        "\\p{Lu}+money # money",
        "(?:free)+_gift # _gift"
      })
  void findsALiteralEveryMatchContains(String pattern, String literal) {
    assertThat(RequiredLiteral.of(pattern.strip())).contains(literal.strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"spam|eggs", "(?i)hello", "\\Qa.b\\E", "a*", "[a-z]+", "\\d+\\s\\w"})
  void givesUpWhenNoLiteralIsProvablyRequired(String pattern) {
    assertThat(RequiredLiteral.of(pattern)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        ".*\\b(official|tv|channel|records|productions?|studios?|media|promo)\\b.* # official,tv,channel,records,production,studio,media,promo",
        "\\bcheck\\s+(it\\s+)?(out|my|this|me)\\b # check",
        "spam|eggs # spam,eggs",
        "(?:ab|cd)+x? # ab,cd",
        "(?P<site>ab|cd)\\. # .",
        "(?<site>ab|cd)\\d # ab,cd",
        "((ab|cd)e|fg) # e,fg",
        "((ab|cd)[0-9]|fg) # ab,cd,fg",
        "(x|y)?(abc|de) # abc,de",
        "(a|b)(cde|fgh) # cde,fgh",
        "(?:free (gift|money)|paypal) # free ,paypal"
      })
  void findsLiteralsOneOfWhichEveryMatchContains(String pattern, String literals) {
    assertThat(RequiredLiteral.anyOf(pattern.strip()))
        .contains(List.of(literals.strip().split(",")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"(a|)b*", "spam|\\d+", "(?i)(a|b)", "(ab|cd)*", "(ab|cd){0,2}", "(a|b", "[(a|b)]"})
  void givesUpOnAlternativesWhenABranchHasNoLiteral(String pattern) {
    assertThat(RequiredLiteral.anyOf(pattern)).isEmpty();
  }

  @Test
  void neverRejectsATextTheRegexMatches() {
    List<String> patterns =
        List.of(
            "\\bcheck\\s+(it\\s+)?(out|my|this|me)\\b",
            "colou?r{1,2}s",
            "a(b|c)+d\\.e",
            "x[yz]*w+v",
            "\\bhttps?://\\S+");
    List<String> texts =
        List.of(
            "Check out my channel",
            "checkout",
            "colours",
            "colrrs",
            "abcbd.e",
            "a d.e",
            "xwv",
            "xyzzwwv",
            "see https://x.y now",
            "CHECK   this",
            "nothing");
    for (String p : patterns) {
      for (boolean ignoreCase : new boolean[] {false, true}) {
        Pattern regex = Pattern.compile(p, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        Optional<String> literal = RequiredLiteral.of(p);
        for (String t : texts) {
          if (regex.matcher(t).find()) {
            String haystack = ignoreCase ? t.toLowerCase(Locale.ROOT) : t;
            assertThat(
                    literal
                        .map(l -> haystack.contains(ignoreCase ? l.toLowerCase(Locale.ROOT) : l))
                        .orElse(true))
                .as("pattern %s text %s", p, t)
                .isTrue();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "\\bcheck\\s+(it\\s+)?(out|my|this|me)\\b # check",
        "\\.\\s?(com|net|org) # .",
        "colou?r # colo",
        "a+b # a",
        "www\\.youtube\\.com # www.youtube.com"
      })
  void findsALiteralEveryMatchStartsWith(String pattern, String literal) {
    assertThat(RequiredLiteral.prefixOf(pattern.strip())).contains(literal.strip());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a*b", "[a-z]+x", "^abc", "abc|def", "\\Aabc", "x\\Bx", "(?i)abc", "\\d+x", "\\b\\w"
      })
  void givesNoPrefixWhenMatchesNeedNotStartWithALiteral(String pattern) {
    assertThat(RequiredLiteral.prefixOf(pattern)).isEmpty();
  }
}
