package dev.weakstream.teacher;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX Runtime session for a text model declared by a {@link TeacherManifest}: created on the
 * manifest's device (CUDA falls back to CPU with a WARN when the CUDA provider is unavailable),
 * validated at load ({@link ModelValidation}), run on padded {@link TokenBatch}es. The raw output
 * is copied into Java arrays inside one try-with-resources per inference.
 *
 * <p>Owns the session and the session options it was created with: ONNX Runtime requires the
 * options to stay open while a session made with them lives, so {@link #close()} closes the session
 * first, then the options. {@link #close()} is idempotent and must not race with {@link #run} (the
 * owner closes it only after its in-flight calls finished). The shared {@link OrtEnvironment} is
 * never closed. {@link #run} is thread-safe (ONNX Runtime sessions are).
 */
public final class OnnxTextSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxTextSession.class);

  /** Raw output of one batch: a flat row-major float array and its shape. */
  public record Output(float[] values, long[] shape) {}

  private final TeacherManifest manifest;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final Device device;
  private final long outputDim;
  private boolean closed;

  private OnnxTextSession(
      TeacherManifest manifest,
      OrtEnvironment env,
      OrtSession.SessionOptions options,
      OrtSession session,
      Device device,
      long outputDim) {
    this.manifest = manifest;
    this.env = env;
    this.options = options;
    this.session = session;
    this.device = device;
    this.outputDim = outputDim;
  }

  /**
   * Loads and validates the manifest's model.
   *
   * @param expectedClasses for a classifier, the pipeline's class count (0 if unknown)
   */
  public static OnnxTextSession open(TeacherManifest manifest, int expectedClasses) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Device device = manifest.device();
    // Kept open for the session's life (ONNX Runtime's rule) and closed after it, by close().
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    OrtSession session;
    try {
      options.setIntraOpNumThreads(manifest.effectiveThreads());
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (device == Device.CUDA && !addCuda(options, manifest)) {
        device = Device.CPU;
      }
      // a file is mapped by ONNX Runtime itself (large models); a classpath resource is read into
      // memory
      session =
          manifest.model().file() != null
              ? env.createSession(manifest.model().file().toString(), options)
              : env.createSession(manifest.model().readAllBytes(), options);
    } catch (OrtException e) {
      options.close();
      throw new TeacherManifestException(
          manifest.origin(),
          "model",
          "ONNX Runtime cannot load '" + manifest.model() + "': " + e.getMessage(),
          "point 'model' to a valid ONNX file",
          e);
    } catch (RuntimeException e) {
      options.close();
      throw e;
    }
    try {
      long dim = ModelValidation.validate(session, manifest, expectedClasses);
      return new OnnxTextSession(manifest, env, options, session, device, dim);
    } catch (RuntimeException e) {
      closeQuietly(session);
      options.close();
      throw e;
    }
  }

  private static boolean addCuda(OrtSession.SessionOptions options, TeacherManifest manifest) {
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      LOG.warn(
          "{}: device cuda requested but this ONNX Runtime build has no CUDA provider (build"
              + " with -Pgpu on a CUDA host); running on cpu",
          manifest.origin());
      return false;
    }
    try {
      options.addCUDA(0);
      return true;
    } catch (OrtException | RuntimeException e) {
      LOG.warn(
          "{}: device cuda requested but CUDA is unavailable ({}); running on cpu",
          manifest.origin(),
          e.getMessage());
      return false;
    }
  }

  public TeacherManifest manifest() {
    return manifest;
  }

  /** The device the session actually runs on. */
  public Device device() {
    return device;
  }

  /** The output's static last dimension, or -1 when dynamic. */
  public long outputDim() {
    return outputDim;
  }

  /** Runs one padded batch; returns a copy of the declared output. */
  public Output run(TokenBatch batch) {
    long[] shape = batch.shape();
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape);
        OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.mask()), shape);
        OnnxTensor types =
            manifest.tokenTypeIdsInput() == null
                ? null
                : OnnxTensor.createTensor(env, LongBuffer.wrap(batch.types()), shape)) {
      inputs.put(manifest.inputIdsInput(), ids);
      inputs.put(manifest.attentionMaskInput(), mask);
      if (types != null) {
        inputs.put(manifest.tokenTypeIdsInput(), types);
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(manifest.output()))) {
        OnnxTensor out = (OnnxTensor) result.get(manifest.output()).orElseThrow();
        long[] outShape = out.getInfo().getShape();
        FloatBuffer buffer = out.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return new Output(values, outShape);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(manifest.name() + ": inference failed: " + e.getMessage(), e);
    }
  }

  /** The options the session was created with; open until {@link #close()} (for tests). */
  OrtSession.SessionOptions sessionOptions() {
    return options;
  }

  /** Closes the session, then its options. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(session);
      options.close();
    }
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
    }
  }
}
