package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small Avro messages whose length fields claim gigabytes ({@link PoisonMessages}) are rejected
 * without allocating what they claim: decoded in a JVM with a 256 MB heap, each one is a dead
 * letter (UNDECODABLE) that names the field and the offset, and the JVM does not run out of memory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoisonMessageSmallHeapTest {

  @TempDir Path dir;

  @Test
  void everyPoisonMessageIsUndecodableAtA256MbHeap() throws Exception {
    Path output = dir.resolve("child.txt");
    Process child =
        ChildJvm.start(
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), output, PoisonMessages.class);
    assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as("child exit code; it printed:%n%s", printed).isZero();
    Map<String, String[]> lines = new LinkedHashMap<>();
    for (String line : printed.lines().filter(l -> l.contains("\t")).toList()) {
      String[] parts = line.split("\t", 3);
      lines.put(parts[0], parts);
    }
    List<String> expected = new java.util.ArrayList<>(PoisonMessages.rawRecords().keySet());
    assertThat(lines.keySet())
        .as(printed)
        .containsAll(expected)
        .contains("dead-letter-bytes-length");
    for (String name : expected) {
      String[] line = lines.get(name);
      assertThat(line[1]).as("%s: %s", name, String.join(" ", line)).isEqualTo("UNDECODABLE");
      assertThat(line[2]).as(name).contains("offset").contains("bytes left");
    }
    assertThat(lines.get("text-length")[2]).contains("field 'text'");
    assertThat(lines.get("id-length")[2]).contains("field 'id'");
    assertThat(lines.get("attributes-map-count")[2]).contains("field 'attributes'");
    assertThat(lines.get("external-votes-array-count")[2]).contains("field 'external_votes'");
    assertThat(lines.get("probabilities-array-count")[2])
        .contains("field 'external_votes[0].probabilities'");
    String[] deadLetter = lines.get("dead-letter-bytes-length");
    assertThat(deadLetter[1]).as(String.join(" ", deadLetter)).isEqualTo("REJECTED");
    assertThat(deadLetter[2]).contains("field 'original_key'").contains("bytes left");
  }
}
