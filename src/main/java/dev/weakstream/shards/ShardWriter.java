package dev.weakstream.shards;

import dev.weakstream.avro.ShardKind;
import dev.weakstream.avro.ShardManifest;
import dev.weakstream.avro.TrainingExample;
import dev.weakstream.codec.AvroTrust;
import dev.weakstream.pipeline.ShardPolicy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Accumulates the records of one kind from one labeled-topic partition into an open shard: a
 * deflate-compressed Avro object container file of {@link TrainingExample} (schema embedded) under
 * a temporary {@code .open} name in the store's staging directory. {@link #seal()} closes the file,
 * computes its SHA-256 and returns it with its {@link ShardManifest}; the store then renames it
 * atomically into place. After a seal (or {@link #discard()}) the next {@link #append} opens a new
 * file.
 *
 * <p>Shard ids are deterministic, {@code <pipeline>-<kind>-p<partition>-<firstOffset>-<lastOffset>}
 * (labeled-topic offsets): after a restart the same records give the same id, so a re-sealed shard
 * replaces itself instead of appearing twice, and the store can tell which offsets are already
 * sealed. A time+sequence id could not do either.
 *
 * <p>Seals are due ({@link #isDue}) at {@code seal_records} records or when the first record was
 * appended {@code seal_age} ago (by the given clock). Not thread-safe; owns its open file (closed
 * and deleted by {@link #close()} unless sealed).
 */
public final class ShardWriter implements Closeable {

  private static final int DEFLATE_LEVEL = 6;

  private final String pipeline;
  private final ShardKind kind;
  private final int partition;
  private final int numClasses;
  private final ShardPolicy policy;
  private final Path stagingDirectory;
  private final Clock clock;

  private DataFileWriter<TrainingExample> out;
  private Path openFile;
  private long[] histogram;
  private int count;
  private long firstOffset;
  private long lastOffset;
  private Instant openedAt;
  private long minEventTime;
  private long maxEventTime;
  private final TreeSet<String> lfSetVersions = new TreeSet<>();
  private final TreeSet<String> labelModels = new TreeSet<>();
  private final TreeSet<String> teachers = new TreeSet<>();

  /**
   * @param stagingDirectory where open files are written ({@link ShardStore#stagingDirectory()})
   * @param clock decides the age of an open shard and the manifest's {@code created_at}
   */
  public ShardWriter(
      String pipeline,
      ShardKind kind,
      int partition,
      int numClasses,
      ShardPolicy policy,
      Path stagingDirectory,
      Clock clock) {
    if (numClasses < 2) {
      throw new IllegalArgumentException("a pipeline has at least 2 classes, got " + numClasses);
    }
    if (policy.sealRecords() < 1) {
      throw new IllegalArgumentException(
          "shards.seal_records must be at least 1, was " + policy.sealRecords());
    }
    AvroTrust.install();
    this.pipeline = pipeline;
    this.kind = kind;
    this.partition = partition;
    this.numClasses = numClasses;
    this.policy = policy;
    this.stagingDirectory = stagingDirectory;
    this.clock = clock;
    reset();
  }

  /** The id a shard of these records gets. */
  public static String shardId(
      String pipeline, ShardKind kind, int partition, long firstOffset, long lastOffset) {
    return pipeline
        + "-"
        + kind.name().toLowerCase(Locale.ROOT)
        + "-p"
        + partition
        + "-"
        + firstOffset
        + "-"
        + lastOffset;
  }

  /**
   * Appends one record read at {@code offset} (offsets must increase), opening a shard file if none
   * is open.
   *
   * @throws IllegalArgumentException if the offset does not increase or the record's class is out
   *     of range
   */
  public void append(TrainingExample example, long offset) throws IOException {
    int classId = kind == ShardKind.EVALUATION ? example.getGoldLabel() : example.getLabel();
    if (classId < 0 || classId >= numClasses) {
      throw new IllegalArgumentException(
          "record "
              + example.getId()
              + " has class "
              + classId
              + ", outside [0, "
              + numClasses
              + ")");
    }
    if (count > 0 && offset <= lastOffset) {
      throw new IllegalArgumentException(
          "offset " + offset + " does not follow " + lastOffset + " in shard of p" + partition);
    }
    if (out == null) {
      open(offset);
    }
    out.append(example);
    count++;
    lastOffset = offset;
    histogram[classId]++;
    long eventTime = example.getEventTime().toEpochMilli();
    minEventTime = Math.min(minEventTime, eventTime);
    maxEventTime = Math.max(maxEventTime, eventTime);
    lfSetVersions.add(example.getLfSetVersion());
    labelModels.add(example.getCombinerName() + ":" + example.getCombinerVersion());
    if (example.getTeacherName() != null) {
      teachers.add(example.getTeacherName() + ":" + example.getTeacherVersion());
    }
  }

  public ShardKind kind() {
    return kind;
  }

  public int partition() {
    return partition;
  }

  /** Records in the open shard (0 when none is open). */
  public int recordCount() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Records per class id in the open shard (a copy). */
  public long[] histogram() {
    return histogram.clone();
  }

  /** Offset of the open shard's first record, if a shard is open. */
  public OptionalLong firstOffset() {
    return count == 0 ? OptionalLong.empty() : OptionalLong.of(firstOffset);
  }

  /**
   * True when the open shard holds {@code seal_records} records or its first record is {@code
   * seal_age} old.
   */
  public boolean isDue(Instant now) {
    if (count == 0) {
      return false;
    }
    if (count >= policy.sealRecords()) {
      return true;
    }
    Duration age = policy.sealAge();
    return age != null && !now.isBefore(openedAt.plus(age));
  }

  /**
   * Closes the open shard file, computes its SHA-256 and describes it.
   *
   * @throws IllegalStateException if no shard is open
   */
  public SealedShard seal() throws IOException {
    if (count == 0) {
      throw new IllegalStateException("no open shard to seal (" + kind + " p" + partition + ")");
    }
    out.close();
    out = null;
    String id = shardId(pipeline, kind, partition, firstOffset, lastOffset);
    List<Long> classes = new ArrayList<>(numClasses);
    for (long n : histogram) {
      classes.add(n);
    }
    ShardManifest manifest =
        ShardManifest.newBuilder()
            .setShardId(id)
            .setPipeline(pipeline)
            .setKind(kind)
            .setLocation(openFile.toUri().toString())
            .setRecordCount(count)
            .setClassHistogram(classes)
            .setMinEventTime(Instant.ofEpochMilli(minEventTime))
            .setMaxEventTime(Instant.ofEpochMilli(maxEventTime))
            .setCreatedAt(Instant.ofEpochMilli(clock.millis()))
            .setSha256(sha256(openFile))
            .setPartition(partition)
            .setFirstOffset(firstOffset)
            .setLastOffset(lastOffset)
            .setLfSetVersions(List.copyOf(lfSetVersions))
            .setLabelModelVersions(List.copyOf(labelModels))
            .setTeacherVersions(List.copyOf(teachers))
            .build();
    SealedShard sealed = new SealedShard(openFile, manifest);
    reset();
    return sealed;
  }

  /** Closes and deletes the open shard file, if any; its records are in no shard. Idempotent. */
  public void discard() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
    if (openFile != null) {
      Files.deleteIfExists(openFile);
    }
    reset();
  }

  /** Discards the open shard (see {@link #discard()}). */
  @Override
  public void close() throws IOException {
    discard();
  }

  /** SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private void open(long offset) throws IOException {
    Files.createDirectories(stagingDirectory);
    openFile =
        stagingDirectory.resolve(
            pipeline
                + "-"
                + kind.name().toLowerCase(Locale.ROOT)
                + "-p"
                + partition
                + "-"
                + offset
                + ".avro.open");
    DataFileWriter<TrainingExample> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(TrainingExample.class));
    writer.setCodec(CodecFactory.deflateCodec(DEFLATE_LEVEL));
    writer.setMeta("weakstream.pipeline", pipeline);
    writer.setMeta("weakstream.kind", kind.name());
    writer.setMeta("weakstream.partition", String.valueOf(partition));
    try {
      writer.create(TrainingExample.getClassSchema(), openFile.toFile());
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
    out = writer;
    firstOffset = offset;
    openedAt = clock.instant();
  }

  private void reset() {
    histogram = new long[numClasses];
    count = 0;
    firstOffset = -1;
    lastOffset = -1;
    openedAt = null;
    openFile = null;
    minEventTime = Long.MAX_VALUE;
    maxEventTime = Long.MIN_VALUE;
    lfSetVersions.clear();
    labelModels.clear();
    teachers.clear();
  }
}
