package dev.weakstream.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Texts to sentence embeddings with an embedding model ({@link TeacherManifest.Kind#EMBEDDING}):
 * tokenize, sort by length, pad each batch to its longest text, run ONNX Runtime, pool the token
 * vectors over the attention mask (mean or CLS), L2-normalise, restore input order. Embeddings are
 * cached by normalised text ({@link TeacherCache}).
 *
 * <p>Owns its tokenizer and session ({@link #close()} is idempotent). {@link #embed} is
 * thread-safe.
 */
public final class SentenceEncoder implements AutoCloseable {

  /** Default cache size: enough for a WRENCH dataset (all splits) or a day of distinct records. */
  public static final int DEFAULT_CACHE_CAPACITY = 100_000;

  private final TeacherManifest manifest;
  private final TextTokenizer tokenizer;
  private final OnnxTextSession session;
  private final TeacherCache cache;
  private boolean closed;

  private SentenceEncoder(
      TeacherManifest manifest,
      TextTokenizer tokenizer,
      OnnxTextSession session,
      TeacherCache cache) {
    this.manifest = manifest;
    this.tokenizer = tokenizer;
    this.session = session;
    this.cache = cache;
  }

  /** Opens the manifest's tokenizer and model; the caller owns the result. */
  public static SentenceEncoder open(TeacherManifest manifest, int cacheCapacity) {
    if (manifest.kind() != TeacherManifest.Kind.EMBEDDING) {
      throw new TeacherManifestException(
          manifest.origin(),
          "kind",
          "is " + manifest.kind() + ", a sentence encoder needs an embedding model",
          "use kind: embedding");
    }
    TextTokenizer tokenizer =
        TextTokenizer.load(manifest.tokenizer(), manifest.maxSequenceLength());
    try {
      OnnxTextSession session = OnnxTextSession.open(manifest, 0);
      return new SentenceEncoder(manifest, tokenizer, session, new TeacherCache(cacheCapacity));
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  public TeacherManifest manifest() {
    return manifest;
  }

  public Device device() {
    return session.device();
  }

  public TeacherCache cache() {
    return cache;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  public OnnxTextSession session() {
    return session;
  }

  /** Embeddings of {@code texts}, in order (cached ones are reused). */
  public float[][] embed(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<Integer> missing = new ArrayList<>();
    TeacherCache.Key[] keys = new TeacherCache.Key[texts.size()];
    for (int i = 0; i < out.length; i++) {
      keys[i] = TeacherCache.key(texts.get(i));
      out[i] = cache.get(keys[i]);
      if (out[i] == null) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      List<String> todo = new ArrayList<>(missing.size());
      missing.forEach(i -> todo.add(texts.get(i)));
      float[][] computed = embedUncached(todo);
      for (int r = 0; r < computed.length; r++) {
        int i = missing.get(r);
        out[i] = computed[r];
        cache.put(keys[i], computed[r]);
      }
    }
    return out;
  }

  /** Embeddings without the cache: tokenize, length-sorted padded batches, pool, normalise. */
  public float[][] embedUncached(List<String> texts) {
    TextTokenizer.Tokens[] tokens = tokenizer.encode(texts);
    int[] order = TokenBatch.sortedByLength(tokens);
    float[][] out = new float[texts.size()][];
    int batchSize = manifest.batchSize();
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      TokenBatch batch = TokenBatch.of(tokens, from, to, order);
      float[][] pooled = pool(session.run(batch), batch);
      for (int r = 0; r < pooled.length; r++) {
        out[order[from + r]] = pooled[r];
      }
    }
    return out;
  }

  /** Pools [n, seq, dim] (or passes [n, dim]) and L2-normalises if the manifest says so. */
  float[][] pool(OnnxTextSession.Output output, TokenBatch batch) {
    long[] shape = output.shape();
    float[] v = output.values();
    int n = batch.size();
    float[][] out = new float[n][];
    if (shape.length == 2) {
      int dim = (int) shape[1];
      for (int r = 0; r < n; r++) {
        out[r] = Arrays.copyOfRange(v, r * dim, (r + 1) * dim);
      }
    } else {
      int seq = (int) shape[1];
      int dim = (int) shape[2];
      for (int r = 0; r < n; r++) {
        float[] e = new float[dim];
        if (manifest.pooling() == TeacherManifest.Pooling.CLS) {
          System.arraycopy(v, r * seq * dim, e, 0, dim);
        } else {
          double[] sum = new double[dim];
          double count = 0;
          for (int t = 0; t < seq; t++) {
            if (batch.mask()[r * batch.width() + t] != 0) {
              int off = (r * seq + t) * dim;
              for (int d = 0; d < dim; d++) {
                sum[d] += v[off + d];
              }
              count++;
            }
          }
          for (int d = 0; d < dim; d++) {
            e[d] = (float) (sum[d] / Math.max(count, 1e-9));
          }
        }
        out[r] = e;
      }
    }
    if (manifest.normalize()) {
      for (float[] e : out) {
        double norm = 0;
        for (float x : e) {
          norm += (double) x * x;
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        for (int d = 0; d < e.length; d++) {
          e[d] = (float) (e[d] / norm);
        }
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        session.close();
      } finally {
        tokenizer.close();
      }
    }
  }
}
