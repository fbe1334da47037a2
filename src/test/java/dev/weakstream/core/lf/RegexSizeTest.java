package dev.weakstream.core.lf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSizeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\\b0(8|9)\\d{8,9}\\b",
        "\\b(text|txt|send|reply)\\b[^.]{0,30}\\b\\d{5}\\b",
        "(£|\\$|€)\\s?\\d",
        "\\bcheck\\s+(it\\s+)?(out|my|this|me)\\b",
        ".*\\b(official|tv|channel|records|productions?|studios?|media|promo)\\b.*",
        "(\\d{1,3}\\.){3}\\d{1,3}",
        "[a-z]{2,63}",
        "x{1000}",
        "(?i)free\\s+gift",
        "\\Qa{1000}{1000}\\E",
        "[{}]{5}",
        "a{,5}"
      })
  void everydayPatternsAreWithinTheLimits(String pattern) {
    RegexSize.Estimate estimate = RegexSize.check(pattern);
    assertThat(estimate.problem()).isNull();
    Pattern.compile(pattern); // and RE2/J agrees they are patterns
  }

  @Test
  void nestedCountsMultiply() {
    assertThat(RegexSize.estimate("((a{1000}){1000}){1000}").repetitionProduct())
        .isEqualTo(1_000_000_000L);
    assertThat(RegexSize.estimate("((a{100}){100}){100}").repetitionProduct())
        .isEqualTo(1_000_000L);
    assertThat(RegexSize.estimate("(a{10}b{20}){30}").repetitionProduct()).isEqualTo(600);
    assertThat(RegexSize.estimate("(a{10})(b{20}){30}").repetitionProduct()).isEqualTo(600);
    assertThat(RegexSize.estimate("(?:a{10}|b{40}){30}").repetitionProduct()).isEqualTo(1200);
    // Counts inside a class or \Q...\E are literals, not repetitions.
    assertThat(RegexSize.estimate("[a{1000}]{5}").repetitionProduct()).isEqualTo(5);
    assertThat(RegexSize.estimate("\\Q(a{1000}){1000}\\E").repetitionProduct()).isEqualTo(1);
  }

  @Test
  void theProgramSizeUnrollsCountsAndGrowsWithLiterals() {
    long unrolled = RegexSize.estimate("[a-z]{1000}").programSize();
    assertThat(unrolled).isBetween(1000L, 2100L);
    long flat = RegexSize.estimate("x".repeat(25_000)).programSize();
    assertThat(flat).isGreaterThanOrEqualTo(25_000);
    RegexSize.TooLargeException e =
        assertThrows(
            RegexSize.TooLargeException.class, () -> RegexSize.check("[a-w]{1000}x".repeat(21)));
    assertThat(e.getMessage()).contains("instructions").contains("at most 20000");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "(".repeat(150) + "a" + ")".repeat(150);
    RegexSize.TooLargeException e =
        assertThrows(RegexSize.TooLargeException.class, () -> RegexSize.check(deep));
    assertThat(e.getMessage()).contains("nest 150 deep");
  }

  @Test
  void malformedPatternsAreLeftToRe2j() {
    for (String bad : new String[] {"(a", "a)", "[a", "\\", "a{2", "(?", "(?P<x"}) {
      assertThat(RegexSize.estimate(bad).programSize()).as(bad).isNotNegative();
    }
  }

  @Test
  void aBombIsRefusedBeforeRe2jCompilesIt() {
    long start = System.nanoTime();
    assertThrows(
        RegexSize.TooLargeException.class,
        () -> new RegexFunction("r", 1, "((a{1000}){1000}){1000}", false));
    assertThrows(
        RegexSize.TooLargeException.class,
        () -> AttributeFunction.matching("a", 1, "AUTHOR", "((a{100}){100}){100}", false));
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }
}
