package dev.weakstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.codec.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weakstream bench lfs --pipeline bomb.yaml} in its own JVM with a 512 MB heap, on a
 * pipeline whose regex is {@code ((a{1000}){1000}){1000}}: it fails within seconds with the
 * loader's {@code bomb.yaml:LINE:} error, instead of compiling for 85 s and dying of
 * OutOfMemoryError (the acceptance check of issue "Hardening").
 */
class RegexBombBenchTest {

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void benchLfsRefusesTheRegexBombQuickly(@TempDir Path dir) throws Exception {
    Path bomb = dir.resolve("bomb.yaml");
    Files.writeString(
        bomb,
        String.join(
            "\n",
            "name: bomb",
            "classes: [{id: 0, name: A}, {id: 1, name: B}]",
            "input: {topic: bomb-in, format: json, fields: {id: COMMENT_ID, text: CONTENT}}",
            "output: {labeled_topic: bomb-out, dead_letter_topic: bomb-dlq}",
            "labeling_functions:",
            "  - {name: r, kind: regex, pattern: '((a{1000}){1000}){1000}', label: A}",
            ""));
    Path log = dir.resolve("bench.log");
    long start = System.nanoTime();
    Process bench =
        ChildJvm.start(
            List.of("-Xmx512m"),
            log,
            Weakstream.class,
            "bench",
            "lfs",
            "--pipeline",
            bomb.toString());
    assertThat(bench.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(bench.exitValue()).as(printed).isNotZero();
    assertThat(printed)
        .contains("bomb.yaml:6:")
        .contains("labeling_functions[0].pattern: regular expression too large")
        .doesNotContain("OutOfMemoryError");
    assertThat(seconds).isLessThan(60);
  }
}
