package dev.weakstream.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hashed n-gram featurizer's contract (models trained on it depend on every property here). */
class HashedFeaturizerTest {

  private static final HashedFeaturizer DEFAULT = new HashedFeaturizer(HashingConfig.DEFAULT);

  /**
   * Letters, digits, punctuation, every ASCII white space, and Unicode that {@code \s} does not
   * match.
   */
  private static final String[] ALPHABET = {
    "a", "b", "Z", "7", ".", "'", "é", "ß", "İ", " ", " ", "\t", "\n", "\r", "\f", "\u000B",
    "\u00A0", "\u2003", "\u0085", "\u001C", "\u3000", "日", "😀", "\r\n"
  };

  private static String randomText(Random random, int maxLength) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return s.toString();
  }

  private static void assertSameFeatures(SparseFeatures a, SparseFeatures b) {
    assertThat(a.indices()).containsExactly(b.indices());
    assertThat(a.values()).containsExactly(b.values());
  }

  @Test
  void deterministicAcrossInstancesAndCalls() {
    Random random = new Random(7);
    HashedFeaturizer other = new HashedFeaturizer(HashingConfig.DEFAULT);
    for (int i = 0; i < 200; i++) {
      String text = randomText(random, 80);
      assertSameFeatures(DEFAULT.featurize(text), DEFAULT.featurize(text));
      assertSameFeatures(DEFAULT.featurize(text), other.featurize(text));
    }
  }

  @Test
  void indicesStrictlyIncreaseWithinTheDimensionAndTheVectorHasUnitNorm() {
    Random random = new Random(11);
    for (HashingConfig config :
        new HashingConfig[] {
          HashingConfig.DEFAULT,
          new HashingConfig(4, 1, 3, 1, 4),
          new HashingConfig(10, 1, 1, 0, 0),
          new HashingConfig(12, 0, 0, 3, 3)
        }) {
      HashedFeaturizer featurizer = new HashedFeaturizer(config);
      for (int i = 0; i < 300; i++) {
        String text = "x" + randomText(random, 120); // at least one word and one character n-gram
        SparseFeatures f = featurizer.featurize(text);
        assertThat(f.size()).as("features of %s", text).isPositive();
        for (int k = 0; k < f.size(); k++) {
          assertThat(f.indices()[k]).isBetween(0, config.dimension() - 1);
          if (k > 0) {
            assertThat(f.indices()[k]).isGreaterThan(f.indices()[k - 1]);
          }
          assertThat(f.values()[k]).isPositive();
        }
        double norm = 0;
        for (float v : f.values()) {
          norm += v * v;
        }
        assertThat(Math.sqrt(norm))
            .as("L2 norm of %s with %s", text, config)
            .isCloseTo(1.0, within(1e-5));
      }
    }
  }

  @Test
  void whiteSpaceRunsAndCaseDoNotChangeTheFeatures() {
    assertSameFeatures(DEFAULT.featurize("Hello   World"), DEFAULT.featurize("hello world"));
    assertSameFeatures(
        DEFAULT.featurize("  HELLO\t\n world \r\n"), DEFAULT.featurize("hello world"));
    HashedFeaturizer charsOnly = new HashedFeaturizer(new HashingConfig(18, 0, 0, 2, 5));
    HashedFeaturizer wordsOnly = new HashedFeaturizer(new HashingConfig(18, 1, 2, 0, 0));
    for (HashedFeaturizer f : new HashedFeaturizer[] {charsOnly, wordsOnly}) {
      assertSameFeatures(f.featurize("Hello   World"), f.featurize("hello world"));
      assertSameFeatures(
          f.featurize("Check\tOUT my\n\nchannel"), f.featurize("check out my channel"));
    }
    // and the features do depend on the words: this is not a constant function
    assertThat(DEFAULT.featurize("hello world").indices())
        .isNotEqualTo(DEFAULT.featurize("hello there").indices());
    assertThat(charsOnly.featurize("helloworld").indices())
        .as("a space is a character")
        .isNotEqualTo(charsOnly.featurize("hello world").indices());
  }

  @Test
  void aRepeatedWordWeighsOnePlusTheLogOfItsCountBeforeNormalisation() {
    HashedFeaturizer unigrams = new HashedFeaturizer(new HashingConfig(18, 1, 1, 0, 0));
    int spam = unigrams.featurize("spam").indices()[0];
    int ham = unigrams.featurize("ham").indices()[0];
    assertThat(spam).isNotEqualTo(ham);
    SparseFeatures f = unigrams.featurize("spam ham Spam SPAM");
    assertThat(f.indices()).containsExactly(Math.min(spam, ham), Math.max(spam, ham));
    double repeated = 1 + Math.log(3);
    double norm = Math.sqrt(repeated * repeated + 1);
    assertThat(value(f, spam)).isCloseTo((float) (repeated / norm), within(1e-6f));
    assertThat(value(f, ham)).isCloseTo((float) (1 / norm), within(1e-6f));
  }

  @Test
  void aRepeatedCharacterNgramWeighsOnePlusTheLogOfItsCount() {
    HashedFeaturizer bigrams = new HashedFeaturizer(new HashingConfig(18, 0, 0, 2, 2));
    // " aaaa " has the bigrams " a", "aa" (3 times), "a "
    SparseFeatures f = bigrams.featurize("aaaa");
    int aa = bigrams.featurize("aa").indices().length; // " aa " = " a", "aa", "a ": 3 distinct
    assertThat(aa).isEqualTo(3);
    assertThat(f.size()).isEqualTo(3);
    double repeated = 1 + Math.log(3);
    double norm = Math.sqrt(repeated * repeated + 2);
    float[] sorted = f.values().clone();
    Arrays.sort(sorted);
    assertThat(sorted[0]).isCloseTo((float) (1 / norm), within(1e-6f));
    assertThat(sorted[1]).isCloseTo((float) (1 / norm), within(1e-6f));
    assertThat(sorted[2]).isCloseTo((float) (repeated / norm), within(1e-6f));
  }

  @Test
  void paddedCollapsesWhiteSpaceExactlyAsTheRegularExpressionDoes() {
    Random random = new Random(20260101);
    for (int i = 0; i < 20_000; i++) {
      String s = randomText(random, 40);
      assertThat(HashedFeaturizer.padded(s))
          .as("padded(%s)", escaped(s))
          .isEqualTo(" " + s.replaceAll("\\s+", " ") + " ");
    }
    assertThat(HashedFeaturizer.padded("")).isEqualTo("  ");
    assertThat(HashedFeaturizer.padded("a \t\u000B\f\r\nb")).isEqualTo(" a b ");
    assertThat(HashedFeaturizer.padded("a\u00A0\u2003b"))
        .as("not ASCII white space: kept")
        .isEqualTo(" a\u00A0\u2003b ");
  }

  private static float value(SparseFeatures f, int index) {
    for (int k = 0; k < f.size(); k++) {
      if (f.indices()[k] == index) {
        return f.values()[k];
      }
    }
    throw new AssertionError("no feature " + index);
  }

  private static String escaped(String s) {
    StringBuilder out = new StringBuilder();
    s.chars()
        .forEach(
            c ->
                out.append(
                    c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }
}
