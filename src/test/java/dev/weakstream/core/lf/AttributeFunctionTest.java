package dev.weakstream.core.lf;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.weakstream.codec.RecordFileFormat;
import dev.weakstream.codec.RecordFileReader;
import dev.weakstream.core.TextRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AttributeFunctionTest {

  private static TextRecord withAuthor(String author) {
    return new TextRecord("id", "text", Map.of("AUTHOR", author));
  }

  @Test
  void equalsComparesTheWholeValue() {
    AttributeFunction lf = AttributeFunction.equalTo("a", 1, "AUTHOR", "Spam Bot", false);
    assertThat(lf.apply(withAuthor("Spam Bot"))).isEqualTo(1);
    assertThat(lf.apply(withAuthor("spam bot"))).isEqualTo(ABSTAIN);
    assertThat(lf.apply(withAuthor("Spam Bot 2"))).isEqualTo(ABSTAIN);
    assertThat(
            AttributeFunction.equalTo("a", 1, "AUTHOR", "Spam Bot", true)
                .apply(withAuthor("spam bot")))
        .isEqualTo(1);
  }

  @Test
  void matchesNeedsTheWholeValueToMatch() {
    AttributeFunction lf = AttributeFunction.matching("a", 1, "AUTHOR", "official|.*\\bTV", true);
    assertThat(lf.apply(withAuthor("Official"))).isEqualTo(1);
    assertThat(lf.apply(withAuthor("Music tv"))).isEqualTo(1);
    assertThat(lf.apply(withAuthor("unofficial fan"))).isEqualTo(ABSTAIN);
    assertThat(lf.apply(withAuthor(""))).isEqualTo(ABSTAIN);
  }

  @Test
  void abstainsWhenTheAttributeIsMissing() {
    AttributeFunction lf = AttributeFunction.matching("a", 1, "AUTHOR", ".*", false);
    assertThat(lf.apply(TextRecord.of("id", "text"))).isEqualTo(ABSTAIN);
    assertThat(lf.apply(new TextRecord("id", "t", Map.of("author", "x")))).isEqualTo(ABSTAIN);
  }

  @Test
  void rulingValuesOutByTheirLiteralsVotesExactlyAsAFullMatch() throws Exception {
    List<String> values =
        new ArrayList<>(
            List.of(
                "",
                "Official",
                "OFFICIAL TV",
                "Pototo TV Official",
                "Jenny Crowley Records",
                "RECORDſ",
                "record\u017F x",
                "\u212Aanal",
                "tv",
                "t v",
                "mediaX",
                "x media",
                "studios",
                "Studio 54",
                "promo\n",
                "a\npromo",
                "PRODUCTIONS",
                "productionſ",
                "unofficial"));
    try (Stream<Path> csvs =
        Files.list(Path.of("src/main/resources/datasets/youtube-spam-collection"))) {
      for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        RecordFileReader.read(
            csv, RecordFileFormat.CSV, row -> values.add(row.fields().get("AUTHOR")));
      }
    }
    List<String> patterns =
        List.of(
            ".*\\b(official|tv|channel|records|productions?|studios?|media|promo)\\b.*",
            "official|.*\\bTV",
            ".*(records|kanal).*",
            "(?s).*(records|kanal).*",
            "[a-z ]*(studio|media)s?",
            "x|media");
    for (String pattern : patterns) {
      for (boolean ignoreCase : new boolean[] {true, false}) {
        AttributeFunction lf = AttributeFunction.matching("a", 1, "AUTHOR", pattern, ignoreCase);
        Pattern regex = Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        for (String value : values) {
          assertThat(lf.apply(withAuthor(value)))
              .as("/%s/%s on \"%s\"", pattern, ignoreCase ? "i" : "", value)
              .isEqualTo(regex.matcher(value).matches() ? 1 : ABSTAIN);
        }
      }
    }
  }

  @Test
  void invalidPatternFails() {
    assertThrows(
        PatternSyntaxException.class,
        () -> AttributeFunction.matching("a", 1, "AUTHOR", "[a-", false));
  }
}
