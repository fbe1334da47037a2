package dev.weakstream.teacher;

/**
 * A teacher's declaration, read from {@code models/NAME.yaml} by {@link TeacherManifests}: where
 * model and tokenizer come from, the model's input and output names, how its output becomes a
 * vector, the maximum sequence length and the device. Immutable; validated by {@link
 * TeacherManifests}.
 *
 * @param origin where the manifest was read from (for error messages)
 * @param kind {@link Kind#EMBEDDING} (output [batch, seq, dim] pooled to an embedding, or [batch,
 *     dim]) or {@link Kind#CLASSIFIER} (output [batch, classes] logits or probabilities)
 * @param tokenTypeIdsInput the name of the token type ids input, or null when the model has none
 * @param softmax classifier only: apply a softmax to the output (false when it already is
 *     probabilities)
 * @param numClasses classifier only: declared class count, or 0 to take it from the model/pipeline
 * @param intraOpThreads ONNX Runtime intra-op threads; 0 = one per available core
 */
public record TeacherManifest(
    String origin,
    String name,
    String version,
    Kind kind,
    ModelSource model,
    ModelSource tokenizer,
    String inputIdsInput,
    String attentionMaskInput,
    String tokenTypeIdsInput,
    String output,
    Pooling pooling,
    boolean normalize,
    boolean softmax,
    int numClasses,
    int maxSequenceLength,
    int batchSize,
    Device device,
    int intraOpThreads) {

  /** What the model computes. */
  public enum Kind {
    EMBEDDING,
    CLASSIFIER
  }

  /** How token vectors [batch, seq, dim] become one vector per text. */
  public enum Pooling {
    /** Mean over the tokens the attention mask keeps (sentence-transformers' default). */
    MEAN,
    /** The first token's vector ([CLS]). */
    CLS
  }

  /** The same manifest on another device. */
  public TeacherManifest withDevice(Device newDevice) {
    return new TeacherManifest(
        origin,
        name,
        version,
        kind,
        model,
        tokenizer,
        inputIdsInput,
        attentionMaskInput,
        tokenTypeIdsInput,
        output,
        pooling,
        normalize,
        softmax,
        numClasses,
        maxSequenceLength,
        batchSize,
        newDevice,
        intraOpThreads);
  }

  /** The same manifest with another batch size. */
  public TeacherManifest withBatchSize(int size) {
    return new TeacherManifest(
        origin,
        name,
        version,
        kind,
        model,
        tokenizer,
        inputIdsInput,
        attentionMaskInput,
        tokenTypeIdsInput,
        output,
        pooling,
        normalize,
        softmax,
        numClasses,
        maxSequenceLength,
        size,
        device,
        intraOpThreads);
  }

  /** The same manifest with another thread count. */
  public TeacherManifest withIntraOpThreads(int threads) {
    return new TeacherManifest(
        origin,
        name,
        version,
        kind,
        model,
        tokenizer,
        inputIdsInput,
        attentionMaskInput,
        tokenTypeIdsInput,
        output,
        pooling,
        normalize,
        softmax,
        numClasses,
        maxSequenceLength,
        batchSize,
        device,
        threads);
  }

  /** Threads ONNX Runtime uses for one inference. */
  public int effectiveThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
  }
}
