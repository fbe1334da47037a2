package dev.weakstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV, TSV (both with a header row) or JSONL file as rows of named string fields, one at a
 * time, each with the line it starts on. Malformed rows are handed to the caller as {@link
 * Row#error} with their line number instead of ending the read. Commons CSV handles quoting and
 * multi-line fields.
 */
public final class RecordFileReader {

  /** One row: its fields, or an error describing why it could not be read. */
  public record Row(long line, Map<String, String> fields, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordFileReader() {}

  /** Reads every row of the file, in order. */
  public static void read(Path file, RecordFileFormat format, Consumer<Row> rows)
      throws IOException {
    switch (format) {
      case CSV -> readDelimited(file, CSVFormat.RFC4180, rows);
      case TSV -> readDelimited(file, CSVFormat.TDF, rows);
      case JSONL -> readJsonLines(file, rows);
    }
  }

  private static void readDelimited(Path file, CSVFormat base, Consumer<Row> rows)
      throws IOException {
    CSVFormat format = base.builder().setHeader().setSkipHeaderRecord(true).setTrim(false).get();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      var it = parser.iterator();
      long linesRead = parser.getCurrentLineNumber();
      while (true) {
        long startLine = linesRead + 1;
        CSVRecord record;
        try {
          if (!it.hasNext()) {
            break;
          }
          record = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          rows.accept(new Row(startLine, Map.of(), "unreadable row: " + e.getMessage()));
          break;
        }
        linesRead = parser.getCurrentLineNumber();
        if (!record.isConsistent()) {
          rows.accept(
              new Row(
                  startLine,
                  Map.of(),
                  "row has "
                      + record.size()
                      + " columns, header has "
                      + parser.getHeaderNames().size()));
          continue;
        }
        rows.accept(new Row(startLine, record.toMap(), null));
      }
    }
  }

  private static void readJsonLines(Path file, Consumer<Row> rows) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          rows.accept(
              new Row(
                  number,
                  Map.of(),
                  "malformed JSON: " + e.getMessage().lines().findFirst().orElse("")));
          continue;
        }
        if (node == null || !node.isObject()) {
          rows.accept(new Row(number, Map.of(), "line is not a JSON object"));
          continue;
        }
        Map<String, String> fields = new HashMap<>();
        node.properties()
            .forEach(
                e ->
                    fields.put(
                        e.getKey(),
                        e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
        rows.accept(new Row(number, fields, null));
      }
    }
  }
}
