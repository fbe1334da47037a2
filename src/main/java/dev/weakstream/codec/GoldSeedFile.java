package dev.weakstream.codec;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a few-shot teacher's seed file: gold-labeled records in CSV, TSV or JSONL (by extension),
 * mapped with the pipeline's input field names like {@code weakstream produce} maps them. Every row
 * must map to a valid record with a gold label; the first bad row fails the read with its line
 * number, because a teacher fitted on a silently shortened seed set would be a different teacher.
 */
public final class GoldSeedFile {

  /** One seed: a text and its gold class id. */
  public record Seed(String text, int label) {}

  private GoldSeedFile() {}

  public static List<Seed> read(Path file, PipelineDefinition pipeline) throws IOException {
    RawRecordMapper mapper = new RawRecordMapper(pipeline);
    List<Seed> seeds = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    RecordFileReader.read(
        file,
        RecordFileFormat.fromFileName(file),
        row -> {
          if (!errors.isEmpty()) {
            return;
          }
          if (!row.ok()) {
            errors.add(file + ":" + row.line() + ": " + row.error());
            return;
          }
          DecodeOutcome outcome = mapper.map(row.fields()::get, "seed-" + row.line(), 0L);
          if (outcome instanceof DecodeOutcome.Decoded decoded
              && decoded.record().getGoldLabel() != null) {
            RawRecord record = decoded.record();
            seeds.add(new Seed(record.getText(), record.getGoldLabel()));
          } else if (outcome instanceof DecodeOutcome.Rejected rejected) {
            errors.add(file + ":" + row.line() + ": " + rejected.message());
          } else {
            errors.add(
                file
                    + ":"
                    + row.line()
                    + ": no gold label in field '"
                    + pipeline.input().fields().goldLabel()
                    + "'");
          }
        });
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("seed file: " + errors.get(0));
    }
    return List.copyOf(seeds);
  }
}
