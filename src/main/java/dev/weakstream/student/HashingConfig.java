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
public record HashingConfig(int bits, int minWordNgram, int maxWordNgram, int minCharNgram, int maxCharNgram) {

  public HashingConfig {
    if (bits < 4 || bits > 24) {
      throw new IllegalArgumentException("bits must be in [4, 24], was " + bits);
    }
  }

  public int dimension() {
    return 1 << bits;
  }
}
