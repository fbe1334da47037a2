package dev.weakstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.core.lf.WordTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The derived views of a text against their definitions: the one-pass ASCII lower-casing and
 * white-space collapsing, and tokens taken from the normalized text, agree with lower-casing,
 * collapsing and tokenizing the original text — on edge cases and on every line of the bundled
 * YouTube corpus.
 */
class TextRecordTest {

  /** Each run of {@link Character#isWhitespace} characters replaced by one space. */
  private static String collapsed(String s) {
    StringBuilder out = new StringBuilder();
    boolean inRun = false;
    for (char c : s.toCharArray()) {
      if (Character.isWhitespace(c)) {
        if (!inRun) {
          out.append(' ');
        }
        inRun = true;
      } else {
        out.append(c);
        inRun = false;
      }
    }
    return out.toString();
  }

  private static List<String> texts() throws IOException {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "\t\n",
                "A",
                "Hello  World",
                " Leading\tand trailing \r\n",
                "MiXeD CaSe 123 ABC xyz",
                "tabs\t\tand\nnew\u000Blines\f\u001C",
                "don't STOP",
                "ÜBER Straße",
                "İstanbul",
                "emoji 🎸 GUITAR",
                "non\u00A0breaking\u2003em space",
                "a\u2028b",
                "ends with space ",
                "x\u0085y",
                "BOM at the end\uFEFF",
                "\uFEFFΣΑΣ final",
                "ǅ titlecase",
                "é É ß",
                "i\u0307 İ",
                "it's 'quoted' don\u2019t x'",
                "'lead",
                "a'b'c",
                "a' b",
                "ÉCOLE don't",
                "x\u2019\uFEFF",
                "tab\tOK",
                "two  spaces"));
    try (Stream<Path> files =
        Files.list(Path.of("src/main/resources/datasets/youtube-spam-collection"))) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        texts.addAll(Files.readAllLines(csv, StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  @Test
  void normalizedLowerCaseTextIsTheLowerCasedTextWithWhiteSpaceRunsCollapsed() throws IOException {
    List<String> texts = texts();
    assertThat(texts).hasSizeGreaterThan(1000);
    for (String text : texts) {
      String expected = collapsed(text.toLowerCase(Locale.ROOT));
      assertThat(TextRecord.of("id", text).normalizedLowerCaseText()).as(text).isEqualTo(expected);
      TextRecord lowerFirst = TextRecord.of("id", text);
      lowerFirst.lowerCaseText();
      assertThat(lowerFirst.normalizedLowerCaseText()).as(text).isEqualTo(expected);
    }
  }

  @Test
  void lowerCaseTextIsTheTextLowerCasedWhicheverViewCameFirst() throws IOException {
    for (String text : texts()) {
      String expected = text.toLowerCase(Locale.ROOT);
      assertThat(TextRecord.of("id", text).lowerCaseText()).as(text).isEqualTo(expected);
      TextRecord normalizedFirst = TextRecord.of("id", text);
      normalizedFirst.normalizedLowerCaseText();
      assertThat(normalizedFirst.lowerCaseText()).as(text).isEqualTo(expected);
    }
  }

  @Test
  void tokenCountIsTheNumberOfTokensWhicheverViewCameFirst() throws IOException {
    for (String text : texts()) {
      int expected = WordTokenizer.tokens(text.toLowerCase(Locale.ROOT)).size();
      assertThat(TextRecord.of("id", text).tokenCount()).as(text).isEqualTo(expected);
      TextRecord lowerFirst = TextRecord.of("id", text);
      lowerFirst.lowerCaseText();
      assertThat(lowerFirst.tokenCount()).as(text).isEqualTo(expected);
      TextRecord tokensFirst = TextRecord.of("id", text);
      tokensFirst.tokens();
      assertThat(tokensFirst.tokenCount()).as(text).isEqualTo(expected);
    }
  }

  @Test
  void tokensAreTheTokensOfTheLowerCasedText() throws IOException {
    for (String text : texts()) {
      assertThat(TextRecord.of("id", text).tokens())
          .as(text)
          .isEqualTo(WordTokenizer.tokens(text.toLowerCase(Locale.ROOT)));
    }
  }
}
