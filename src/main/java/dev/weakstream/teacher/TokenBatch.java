package dev.weakstream.teacher;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Tokenized texts padded to the longest sequence of the batch (not to the maximum length), as flat
 * row-major {@code [size, width]} arrays ready for ONNX Runtime tensors. Immutable after
 * construction.
 *
 * <p>{@link #sortedByLength} groups texts of similar length so that each sub-batch pads little; the
 * callers restore the input order with the returned permutation.
 */
public record TokenBatch(int size, int width, long[] ids, long[] mask, long[] types) {

  /** Pads {@code tokens} (all of them) into one batch. */
  public static TokenBatch of(TextTokenizer.Tokens[] tokens, int from, int to, int[] order) {
    int n = to - from;
    int width = 1;
    for (int i = from; i < to; i++) {
      width = Math.max(width, tokens[order[i]].length());
    }
    long[] ids = new long[n * width];
    long[] mask = new long[n * width];
    long[] types = new long[n * width];
    for (int r = 0; r < n; r++) {
      TextTokenizer.Tokens t = tokens[order[from + r]];
      System.arraycopy(t.ids(), 0, ids, r * width, t.length());
      System.arraycopy(t.mask(), 0, mask, r * width, t.length());
      System.arraycopy(t.types(), 0, types, r * width, t.length());
    }
    return new TokenBatch(n, width, ids, mask, types);
  }

  /** The permutation that sorts texts by token count (stable), so batches pad little. */
  public static int[] sortedByLength(TextTokenizer.Tokens[] tokens) {
    Integer[] order = new Integer[tokens.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> tokens[i].length()));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /** The shape ONNX Runtime gets. */
  public long[] shape() {
    return new long[] {size, width};
  }
}
