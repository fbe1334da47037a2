package dev.weakstream.core.lf;

import static dev.weakstream.core.LabelingFunction.ABSTAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.re2j.PatternSyntaxException;
import dev.weakstream.core.TextRecord;
import java.util.Map;
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
    assertThat(AttributeFunction.equalTo("a", 1, "AUTHOR", "Spam Bot", true)
        .apply(withAuthor("spam bot"))).isEqualTo(1);
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
  void invalidPatternFails() {
    assertThrows(PatternSyntaxException.class,
        () -> AttributeFunction.matching("a", 1, "AUTHOR", "[a-", false));
  }
}
