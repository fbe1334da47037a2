package dev.weakstream.student;

/**
 * Settings of the hashed n-gram featurizer. They travel with every model trained on them (in the
 * ONNX {@code metadata_props}), so serving featurizes exactly as training did.
 *
 * @param bits the feature space has 2^bits slots
 * @param minWordNgram shortest word n-gram (0 = no word n-grams)
 * @param maxWordNgram longest word n-gram
 * @param minCharNgram shortest character n-gram (0 = no character n-grams)
 * @param maxCharNgram longest character n-gram
 */
public record HashingConfig(
    int bits, int minWordNgram, int maxWordNgram, int minCharNgram, int maxCharNgram) {

  /**
   * The default: 2^18 slots, word 1-2-grams and character 2-5-grams (chosen on the WRENCH valid
   * splits, docs/students.md).
   */
  public static final HashingConfig DEFAULT = new HashingConfig(18, 1, 2, 2, 5);

  public HashingConfig {
    if (bits < 4 || bits > 24) {
      throw new IllegalArgumentException("bits must be in [4, 24], was " + bits);
    }
    if (minWordNgram < 0
        || maxWordNgram < minWordNgram
        || minCharNgram < 0
        || maxCharNgram < minCharNgram) {
      throw new IllegalArgumentException(
          "n-gram ranges must satisfy 0 <= min <= max, were words "
              + minWordNgram
              + "-"
              + maxWordNgram
              + ", chars "
              + minCharNgram
              + "-"
              + maxCharNgram);
    }
  }

  public int dimension() {
    return 1 << bits;
  }
}
