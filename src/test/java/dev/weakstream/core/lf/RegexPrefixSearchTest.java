package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import dev.weakstream.core.LabelingFunction;
import dev.weakstream.core.TextRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A regex LF that rules texts out by the literals every match contains and starts its search at the
 * pattern's literal prefix votes exactly as RE2/J's unanchored find over the whole text: on the
 * YouTube corpus and on texts built from the edges (case folding that moves positions or maps
 * non-ASCII to ASCII, such as the Kelvin sign and the long s, word boundaries, repeated prefixes).
 */
class RegexPrefixSearchTest {

  private static final List<String> PATTERNS =
      List.of(
          "\\bcheck\\s+(it\\s+)?(out|my|this|me)\\b",
          "\\.\\s?(com|net|org|ly|tk|info|me)\\b",
          "ab+c",
          "k\\w*\\b",
          "\\bhi\\b",
          "\\.com$",
          "x(y|z)?\\.",
          "colou?r",
          "^abc",
          "\\b\\.net",
          // Literal alternatives (LiteralPrefilter), with an s that the long s folds to.
          "\\b(free|spam|kit)s?\\b",
          "spam|eggs",
          "(?:subscribe|sub) to",
          "(out|com)\\b",
          // A literal prefix with an s.
          "subs?cribe");

  private static void assertSameAsFind(String text) {
    for (String p : PATTERNS) {
      for (boolean ignoreCase : new boolean[] {true, false}) {
        RegexFunction lf = new RegexFunction("r", 1, p, ignoreCase);
        boolean expected =
            Pattern.compile(p, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(text).find();
        assertThat(lf.apply(TextRecord.of("x", text)))
            .as("/%s/%s on \"%s\"", p, ignoreCase ? "i" : "", text)
            .isEqualTo(expected ? 1 : LabelingFunction.ABSTAIN);
      }
    }
  }

  @Test
  void edgeTexts() {
    for (String text :
        List.of(
            "Check out my channel",
            "recheck out",
            "CHECK   THIS",
            "check-out",
            "go to x.COM",
            "x .net",
            "a.b. com",
            "\u0130 check out",
            "\u212Aey",
            "KEY",
            "abbbc ABC",
            "hi",
            "this",
            "hi!",
            "xz.",
            "colour COLOR",
            "abc",
            "zabc",
            ".com",
            "a.com\n",
            "_hi",
            "\u212A",
            "ſ.com",
            "..com",
            "check out\u212A",
            "ſpam",
            "SPAMS",
            "free\u017F",
            "\u212Ait",
            "eggſ",
            "ſub to",
            "SUB  TO",
            "Sub To",
            "cOm",
            "ſubscribe",
            "SUBſCRIBE",
            "x ſubcribe",
            "subſcribe")) {
      assertSameAsFind(text);
    }
  }

  @Test
  void randomTexts() {
    String[] parts = {
      "check", "CHECK", " ", "out", ".", "com", "COM", "\u0130", "\u212A", "k", "_", "hi", "a", "b",
      "c", "x", "z", "colo", "u", "r", "\n", "net", "me", "s", "\u017F", "pam", "free", "eggs",
      "sub", "to", "it", "cribe"
    };
    Random random = new Random(5);
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = random.nextInt(10); j > 0; j--) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      assertSameAsFind(text.toString());
    }
  }

  @Test
  void youtubeCorpus() throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> csvs =
        Files.list(Path.of("src/main/resources/datasets/youtube-spam-collection"))) {
      for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        RecordFileReader.read(
            csv, RecordFileFormat.CSV, row -> texts.add(row.fields().get("CONTENT")));
      }
    }
    assertThat(texts).hasSize(1956);
    texts.forEach(RegexPrefixSearchTest::assertSameAsFind);
  }
}
