package dev.weakstream.teacher;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A HuggingFace {@code tokenizer.json} tokenizer (DJL's Rust binding), truncating to a maximum
 * sequence length and never padding (batches are padded by {@link TokenBatch}). Loading is refused
 * unless DJL is kept offline ({@link OfflineGuard}).
 *
 * <p>Owns the native tokenizer; {@link #close()} is idempotent. {@link #encode} is thread-safe (the
 * native tokenizer is immutable once loaded).
 */
public final class TextTokenizer implements AutoCloseable {

  /** Token ids, attention mask and token type ids of one text. */
  public record Tokens(long[] ids, long[] mask, long[] types) {
    public int length() {
      return ids.length;
    }
  }

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;
  private boolean closed;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxLength) {
    this.tokenizer = tokenizer;
    this.maxLength = maxLength;
  }

  /**
   * Loads a tokenizer.json. Checks {@link OfflineGuard} first, before any DJL class loads.
   *
   * @throws IllegalStateException when DJL is not kept offline
   */
  public static TextTokenizer load(ModelSource source, int maxLength) {
    OfflineGuard.check();
    return Loader.load(source, maxLength);
  }

  /** Kept in a nested class so that DJL classes load only after the guard passed. */
  private static final class Loader {
    static TextTokenizer load(ModelSource source, int maxLength) {
      Map<String, String> options =
          Map.of(
              "addSpecialTokens", "true",
              "truncation", "true",
              "padding", "false",
              "maxLength", Integer.toString(maxLength));
      try (InputStream in = source.open()) {
        return new TextTokenizer(HuggingFaceTokenizer.newInstance(in, options), maxLength);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load tokenizer " + source, e);
      }
    }
  }

  public int maxLength() {
    return maxLength;
  }

  /** Tokenizes one text (truncated to {@link #maxLength()} tokens, special tokens included). */
  public Tokens encode(String text) {
    Encoding e = tokenizer.encode(text == null ? "" : text);
    return new Tokens(e.getIds(), e.getAttentionMask(), e.getTypeIds());
  }

  /** Tokenizes texts, in order. */
  public Tokens[] encode(List<String> texts) {
    Tokens[] out = new Tokens[texts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = encode(texts.get(i));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      tokenizer.close();
    }
  }
}
