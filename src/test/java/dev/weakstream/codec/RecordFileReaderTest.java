package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileReaderTest {

  @TempDir Path dir;

  private List<RecordFileReader.Row> read(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    List<RecordFileReader.Row> rows = new ArrayList<>();
    RecordFileReader.read(file, RecordFileFormat.fromFileName(file), rows::add);
    return rows;
  }

  @Test
  void csvWithQuotedMultiLineFieldsReportsTheLineEachRowStartsOn() throws IOException {
    List<RecordFileReader.Row> rows =
        read("c.csv", "id,text\n1,\"hello, world\"\n2,\"two\nlines\"\n3,x,extra\n4,last\n");
    assertThat(rows).extracting(RecordFileReader.Row::line).containsExactly(2L, 3L, 5L, 6L);
    assertThat(rows.get(0).fields()).containsEntry("text", "hello, world");
    assertThat(rows.get(1).fields()).containsEntry("text", "two\nlines");
    assertThat(rows.get(2).ok()).isFalse();
    assertThat(rows.get(2).error()).contains("3 columns");
    assertThat(rows.get(3).fields()).containsEntry("id", "4");
  }

  @Test
  void tsvAndJsonLines() throws IOException {
    assertThat(read("t.tsv", "id\ttext\na\tb c\n").get(0).fields()).containsEntry("text", "b c");
    List<RecordFileReader.Row> rows =
        read("j.jsonl", "{\"id\":1,\"text\":\"x\"}\n\nnot json\n[1]\n");
    assertThat(rows).extracting(RecordFileReader.Row::line).containsExactly(1L, 3L, 4L);
    assertThat(rows.get(0).fields()).containsEntry("id", "1");
    assertThat(rows.get(1).error()).startsWith("malformed JSON");
    assertThat(rows.get(2).error()).contains("not a JSON object");
  }
}
