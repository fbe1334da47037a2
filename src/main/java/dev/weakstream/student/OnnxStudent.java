package dev.weakstream.student;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.weakstream.core.TextRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A student exported to ONNX, served with ONNX Runtime on the CPU: featurizes texts with the {@link
 * HashedFeaturizer} settings read from the model's {@code metadata_props}, pads each batch to its
 * longest feature list (pad slot 2^bits, value 0) and returns the {@code probabilities} output.
 *
 * <p>The model is validated at load — the metadata, input and output names, element types, ranks,
 * embedding width and class count — so a bad model fails the load (and the swap), never a record.
 *
 * <p>{@link #predict} is thread-safe (ONNX Runtime sessions are). Owns its session and the session
 * options it was created with: ONNX Runtime requires the options to stay open while a session made
 * with them lives, so {@link #close()} closes the session first, then the options. {@link #close()}
 * is idempotent but must not race with {@link #predict}; in the stream, {@link StudentSlots} closes
 * it only after the last lease is released. The shared {@link OrtEnvironment} is never closed.
 */
public final class OnnxStudent implements StudentModel {

  /** Input: int64 [batch, k] slot indices, padded with 2^bits. */
  public static final String INDICES = "indices";

  /** Input: float [batch, k] feature values, padded with 0. */
  public static final String VALUES = "values";

  /** Input: float [batch, d] teacher embeddings (students with a dense part only). */
  public static final String EMBEDDING = "embedding";

  /** Output: float [batch, C] class probabilities. */
  public static final String PROBABILITIES = "probabilities";

  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final StudentMetadata metadata;
  private final HashedFeaturizer featurizer;
  private boolean closed;

  private OnnxStudent(
      OrtEnvironment env,
      OrtSession.SessionOptions options,
      OrtSession session,
      StudentMetadata metadata) {
    this.env = env;
    this.options = options;
    this.session = session;
    this.metadata = metadata;
    this.featurizer = metadata.hashing() == null ? null : new HashedFeaturizer(metadata.hashing());
  }

  /** Opens an exported student with {@value #DEFAULT_INTRA_OP_THREADS} intra-op thread. */
  public static OnnxStudent open(byte[] onnx) {
    return open(onnx, DEFAULT_INTRA_OP_THREADS, 0);
  }

  /**
   * Opens and validates an exported student; the caller owns the result.
   *
   * @param intraOpThreads ONNX Runtime intra-op threads (1 suits a stream thread per core)
   * @param expectedClasses the pipeline's class count, or 0 to accept the model's
   * @throws IllegalArgumentException naming what is wrong when the bytes are not a valid student
   */
  public static OnnxStudent open(byte[] onnx, int intraOpThreads, int expectedClasses) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, was " + intraOpThreads);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    // Kept open for the session's life (ONNX Runtime's rule) and closed after it, by close().
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    OrtSession session;
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(onnx, options);
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw new IllegalArgumentException(
          "ONNX Runtime cannot load the student model: " + e.getMessage(), e);
    }
    try {
      StudentMetadata metadata =
          StudentMetadata.fromProperties(session.getMetadata().getCustomMetadata());
      validate(session, metadata, expectedClasses);
      return new OnnxStudent(env, options, session, metadata);
    } catch (OrtException | RuntimeException e) {
      try {
        session.close();
      } catch (OrtException ignored) {
        // the load already failed; its cause is the error worth reporting
      } finally {
        options.close();
      }
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("student model cannot be read: " + e.getMessage(), e);
    }
  }

  private static void validate(OrtSession session, StudentMetadata metadata, int expectedClasses)
      throws OrtException {
    String model = "student " + metadata.name() + " " + metadata.version();
    int c = metadata.classNames().size();
    if (c < 2) {
      throw new IllegalArgumentException(
          model + ": metadata names " + c + " classes, at least 2 needed");
    }
    if (expectedClasses > 0 && c != expectedClasses) {
      throw new IllegalArgumentException(
          model
              + " has "
              + c
              + " classes "
              + metadata.classNames()
              + " but the pipeline has "
              + expectedClasses
              + "; train the student on this pipeline's shards");
    }
    if (metadata.hashing() == null && metadata.embeddingDim() == 0) {
      throw new IllegalArgumentException(
          model + ": metadata declare neither hashing nor an embedding input");
    }
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Set<String> expected = new TreeSet<>();
    if (metadata.hashing() != null) {
      expected.add(INDICES);
      expected.add(VALUES);
    }
    if (metadata.embeddingDim() > 0) {
      expected.add(EMBEDDING);
    }
    if (!inputs.keySet().equals(expected)) {
      throw new IllegalArgumentException(
          model
              + " has inputs "
              + new TreeSet<>(inputs.keySet())
              + ", expected "
              + expected
              + " for its metadata (hashing "
              + (metadata.hashing() != null)
              + ", embedding_dim "
              + metadata.embeddingDim()
              + ")");
    }
    if (metadata.hashing() != null) {
      tensor(model, "input", INDICES, inputs.get(INDICES), OnnxJavaType.INT64, -1);
      tensor(model, "input", VALUES, inputs.get(VALUES), OnnxJavaType.FLOAT, -1);
    }
    if (metadata.embeddingDim() > 0) {
      tensor(
          model,
          "input",
          EMBEDDING,
          inputs.get(EMBEDDING),
          OnnxJavaType.FLOAT,
          metadata.embeddingDim());
    }
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (!outputs.containsKey(PROBABILITIES) || outputs.size() != 1) {
      throw new IllegalArgumentException(
          model + " has outputs " + outputs.keySet() + ", expected [" + PROBABILITIES + "]");
    }
    tensor(model, "output", PROBABILITIES, outputs.get(PROBABILITIES), OnnxJavaType.FLOAT, c);
  }

  /** Checks a [batch, width] tensor of {@code type}; width -1 accepts any. */
  private static void tensor(
      String model, String role, String name, NodeInfo node, OnnxJavaType type, long width) {
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw new IllegalArgumentException(model + ": " + role + " '" + name + "' is not a tensor");
    }
    if (info.type != type) {
      throw new IllegalArgumentException(
          model
              + ": "
              + role
              + " '"
              + name
              + "' has element type "
              + info.type
              + ", expected "
              + type);
    }
    long[] shape = info.getShape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          model
              + ": "
              + role
              + " '"
              + name
              + "' has rank "
              + shape.length
              + ", expected 2 ([batch, n])");
    }
    if (width > 0 && shape[1] != width) {
      throw new IllegalArgumentException(
          model + ": " + role + " '" + name + "' has width " + shape[1] + ", expected " + width);
    }
  }

  public StudentMetadata metadata() {
    return metadata;
  }

  @Override
  public String name() {
    return metadata.name();
  }

  @Override
  public String version() {
    return metadata.version();
  }

  @Override
  public int numClasses() {
    return metadata.classNames().size();
  }

  /** Width of the embedding input, 0 for a student that reads texts only. */
  public int embeddingDim() {
    return metadata.embeddingDim();
  }

  /**
   * @throws IllegalStateException for a student with a dense part, which needs teacher embeddings:
   *     call {@link #predict(List, float[][])}
   */
  @Override
  public double[][] predict(List<TextRecord> records) {
    if (metadata.embeddingDim() > 0) {
      throw new IllegalStateException(
          "student "
              + name()
              + " "
              + version()
              + " reads teacher embeddings of width "
              + metadata.embeddingDim()
              + "; texts alone cannot be scored");
    }
    List<SparseFeatures> features = new ArrayList<>(records.size());
    for (TextRecord record : records) {
      features.add(featurizer.featurize(record.text()));
    }
    return predict(features, null);
  }

  /**
   * Probabilities for featurized records.
   *
   * @param features one per record (ignored, may be null, without a sparse part)
   * @param embeddings one row of width {@link #embeddingDim()} per record, or null without a dense
   *     part
   */
  public double[][] predict(List<SparseFeatures> features, float[][] embeddings) {
    if (embeddings == null && features != null && features.size() > LENGTH_GROUP) {
      return predictByLength(features);
    }
    return run(features, embeddings);
  }

  /** Records per ONNX Runtime call when a batch is regrouped by feature count. */
  static final int LENGTH_GROUP = 8;

  /**
   * A batch is padded to its longest feature list, and a text's feature count varies tenfold, so
   * the records are run in groups of similar length (measured: per-record time grew with the batch
   * size when random texts were padded together).
   */
  private double[][] predictByLength(List<SparseFeatures> features) {
    Integer[] order = new Integer[features.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> features.get(i).size()));
    double[][] probabilities = new double[order.length][];
    for (int from = 0; from < order.length; from += LENGTH_GROUP) {
      int to = Math.min(order.length, from + LENGTH_GROUP);
      List<SparseFeatures> group = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        group.add(features.get(order[k]));
      }
      double[][] out = run(group, null);
      for (int k = from; k < to; k++) {
        probabilities[order[k]] = out[k - from];
      }
    }
    return probabilities;
  }

  private double[][] run(List<SparseFeatures> features, float[][] embeddings) {
    int batch = features != null ? features.size() : embeddings.length;
    if (batch == 0) {
      return new double[0][];
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      if (metadata.hashing() != null) {
        addSparse(inputs, features);
      }
      if (metadata.embeddingDim() > 0) {
        addDense(inputs, embeddings, batch);
      }
      try (OrtSession.Result result = session.run(inputs)) {
        FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
        int c = out.remaining() / batch;
        double[][] probabilities = new double[batch][c];
        for (int i = 0; i < batch; i++) {
          for (int j = 0; j < c; j++) {
            probabilities[i][j] = out.get();
          }
        }
        return probabilities;
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          "student " + name() + " " + version() + " failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** One thread's direct input buffers, grown as batches need. */
  private static final class InputBuffers {
    LongBuffer indices = LongBuffer.allocate(0);
    FloatBuffer values = FloatBuffer.allocate(0);

    InputBuffers ensure(int size) {
      if (indices.capacity() < size) {
        int capacity = Math.max(size, 2 * indices.capacity());
        indices =
            ByteBuffer.allocateDirect(capacity * Long.BYTES)
                .order(ByteOrder.nativeOrder())
                .asLongBuffer();
        values =
            ByteBuffer.allocateDirect(capacity * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
      }
      indices.clear().limit(size);
      values.clear().limit(size);
      return this;
    }
  }

  private static final ThreadLocal<InputBuffers> INPUT_BUFFERS =
      ThreadLocal.withInitial(InputBuffers::new);

  private void addSparse(Map<String, OnnxTensor> inputs, List<SparseFeatures> features)
      throws OrtException {
    int batch = features.size();
    int k = 1;
    for (SparseFeatures f : features) {
      k = Math.max(k, f.size());
    }
    long pad = metadata.hashing().dimension();
    // Direct buffers, reused per thread: ONNX Runtime reads them in place, where heap buffers would
    // be
    // copied into a fresh direct buffer on every call.
    InputBuffers buffers = INPUT_BUFFERS.get().ensure(batch * k);
    LongBuffer indices = buffers.indices;
    FloatBuffer values = buffers.values;
    for (SparseFeatures f : features) {
      int[] idx = f.indices();
      float[] val = f.values();
      for (int j = 0; j < idx.length; j++) {
        indices.put(idx[j]);
        values.put(val[j]);
      }
      for (int j = idx.length; j < k; j++) {
        indices.put(pad);
        values.put(0f);
      }
    }
    indices.flip();
    values.flip();
    long[] shape = {batch, k};
    inputs.put(INDICES, OnnxTensor.createTensor(env, indices, shape));
    inputs.put(VALUES, OnnxTensor.createTensor(env, values, shape));
  }

  private void addDense(Map<String, OnnxTensor> inputs, float[][] embeddings, int batch)
      throws OrtException {
    int d = metadata.embeddingDim();
    if (embeddings == null || embeddings.length != batch) {
      throw new IllegalArgumentException("student " + name() + " needs one embedding per record");
    }
    FloatBuffer buffer = FloatBuffer.allocate(batch * d);
    for (float[] e : embeddings) {
      if (e.length != d) {
        throw new IllegalArgumentException(
            "embedding of width " + e.length + ", student needs " + d);
      }
      buffer.put(e);
    }
    buffer.flip();
    inputs.put(EMBEDDING, OnnxTensor.createTensor(env, buffer, new long[] {batch, d}));
  }

  /** The options the session was created with; open until {@link #close()} (for tests). */
  OrtSession.SessionOptions sessionOptions() {
    return options;
  }

  /** Closes the session, then its options (also when closing the session fails). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(
          "closing student " + name() + " " + version() + ": " + e.getMessage(), e);
    } finally {
      options.close();
    }
  }
}
