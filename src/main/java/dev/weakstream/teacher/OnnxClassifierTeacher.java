package dev.weakstream.teacher;

import java.util.ArrayList;
import java.util.List;

/**
 * A user-brought text classifier (e.g. a fine-tuned BERT exported to ONNX with its tokenizer.json),
 * configured entirely by its manifest ({@link TeacherManifest.Kind#CLASSIFIER}): inputs, the logits
 * output [batch, classes], softmax or not. Validated at load against the manifest and the
 * pipeline's class count. Outputs are cached by normalised text.
 *
 * <p>Owns its tokenizer and session; {@link #close()} is idempotent. Thread-safe.
 */
public final class OnnxClassifierTeacher implements TeacherModel {

  private final TeacherManifest manifest;
  private final TextTokenizer tokenizer;
  private final OnnxTextSession session;
  private final int numClasses;
  private final TeacherCache cache;
  private boolean closed;

  private OnnxClassifierTeacher(
      TeacherManifest manifest,
      TextTokenizer tokenizer,
      OnnxTextSession session,
      int numClasses,
      TeacherCache cache) {
    this.manifest = manifest;
    this.tokenizer = tokenizer;
    this.session = session;
    this.numClasses = numClasses;
    this.cache = cache;
  }

  /**
   * Opens and validates the manifest's classifier.
   *
   * @param pipelineClasses the pipeline's class count (checked against the model), or 0 if unknown
   */
  public static OnnxClassifierTeacher open(
      TeacherManifest manifest, int pipelineClasses, int cacheCapacity) {
    if (manifest.kind() != TeacherManifest.Kind.CLASSIFIER) {
      throw new TeacherManifestException(
          manifest.origin(),
          "kind",
          "is " + manifest.kind() + ", expected classifier",
          "use kind: classifier for a model that outputs logits");
    }
    if (manifest.numClasses() > 0
        && pipelineClasses > 0
        && manifest.numClasses() != pipelineClasses) {
      throw new TeacherManifestException(
          manifest.origin(),
          "num_classes",
          "declares " + manifest.numClasses() + " classes but the pipeline has " + pipelineClasses,
          "use a model trained on the pipeline's classes, in its order");
    }
    TextTokenizer tokenizer =
        TextTokenizer.load(manifest.tokenizer(), manifest.maxSequenceLength());
    try {
      OnnxTextSession session = OnnxTextSession.open(manifest, pipelineClasses);
      int k =
          session.outputDim() > 0
              ? (int) session.outputDim()
              : manifest.numClasses() > 0 ? manifest.numClasses() : pipelineClasses;
      if (k < 2) {
        session.close();
        throw new TeacherManifestException(
            manifest.origin(),
            "num_classes",
            "the model's class count is dynamic and not declared",
            "add num_classes: N");
      }
      return new OnnxClassifierTeacher(
          manifest, tokenizer, session, k, new TeacherCache(cacheCapacity));
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  public TeacherCache cache() {
    return cache;
  }

  @Override
  public String name() {
    return manifest.name();
  }

  @Override
  public String version() {
    return manifest.version();
  }

  @Override
  public Device device() {
    return session.device();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public double[][] predict(List<String> texts) {
    double[][] out = new double[texts.size()][];
    TeacherCache.Key[] keys = new TeacherCache.Key[out.length];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      keys[i] = TeacherCache.key(texts.get(i));
      float[] cached = cache.get(keys[i]);
      if (cached == null) {
        missing.add(i);
      } else {
        out[i] = toDouble(cached);
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    TextTokenizer.Tokens[] tokens = new TextTokenizer.Tokens[missing.size()];
    for (int r = 0; r < tokens.length; r++) {
      tokens[r] = tokenizer.encode(texts.get(missing.get(r)));
    }
    int[] order = TokenBatch.sortedByLength(tokens);
    for (int from = 0; from < order.length; from += manifest.batchSize()) {
      int to = Math.min(order.length, from + manifest.batchSize());
      TokenBatch batch = TokenBatch.of(tokens, from, to, order);
      OnnxTextSession.Output output = session.run(batch);
      float[] v = output.values();
      for (int r = 0; r < batch.size(); r++) {
        double[] logits = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
          logits[c] = v[r * numClasses + c];
        }
        double[] p = manifest.softmax() ? Softmax.of(logits, 1.0) : normalised(logits);
        int i = missing.get(order[from + r]);
        out[i] = p;
        float[] stored = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
          stored[c] = (float) p[c];
        }
        cache.put(keys[i], stored);
      }
    }
    return out;
  }

  private static double[] normalised(double[] p) {
    double sum = 0;
    for (double v : p) {
      sum += Math.max(v, 0);
    }
    double[] out = new double[p.length];
    for (int c = 0; c < p.length; c++) {
      out[c] = sum > 0 ? Math.max(p[c], 0) / sum : 1.0 / p.length;
    }
    return out;
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
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
