package dev.weakstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build works on any clone: no file under {@code src/} or {@code .ci/} names a filesystem path
 * outside the repository, such as a machine's data folder by absolute path or a sibling folder by
 * {@code ../}. A test that read one would pass only on the machine that has it.
 *
 * <p>Two rules, chosen so that what the code legitimately contains does not trip them:
 *
 * <ul>
 *   <li><b>Absolute paths into the places a checkout's neighbours live</b>: {@code /work}, {@code
 *       /home}, {@code /root}, {@code /tmp}, {@code /Users}, {@code /mnt} and the like, as a whole
 *       path segment at the start of a path. A segment inside a URL ({@code https://host/home/}) or
 *       a relative path ({@code target/tmp}) is preceded by a word character and does not count;
 *       system paths a program may name on purpose ({@code /dev/null}, {@code /usr/bin/env}, {@code
 *       /proc}), HTTP routes ({@code /metrics}), classpath resources ({@code /pipelines/x.yaml}),
 *       JSON pointers and Avro namespaces (dotted, no slash) are not in the list. Comments and
 *       Javadoc are checked too: a comment that tells the reader to use a machine-local folder
 *       misleads as much as code that does.
 *   <li><b>Relative paths that climb out of the repository</b>: a path starting with {@code ../}
 *       that, resolved from the repository root (the working directory of the build, of {@code
 *       .ci/run} and of the documented CLI calls), or from the file's own folder for a Markdown
 *       link, leaves the repository. {@code ../shared} is the case this exists for.
 * </ul>
 *
 * <p>Binary files (any NUL byte) are skipped. This file is not scanned: its examples below must
 * spell the paths the rules forbid.
 */
class ProjectPathsTest {

  /** Maven runs the tests in the project's base directory. */
  private static final Path ROOT = Path.of("").toAbsolutePath().normalize();

  private static final List<String> SCANNED = List.of("src", ".ci");

  private static final Path THIS_FILE =
      Path.of("src/test/java/dev/weakstream/ProjectPathsTest.java");

  /**
   * A path that starts at one of these roots. Not preceded by a word character, dot, dash, tilde,
   * closing brace or bracket (which would make it a segment of a longer path, a URL or a shell
   * expansion), and the root name is a whole segment.
   */
  private static final Pattern OUTSIDE_ABSOLUTE =
      Pattern.compile(
          "(?<![\\w.~}\\])-])/(?:work|home|root|tmp|Users|mnt|opt|var|srv|scratch|media|private"
              + "|Volumes|nfs)(?![\\w.-])[^\\s\"'`)<>,;]*");

  /** A relative path whose first segment is {@code ..}, not part of a longer path. */
  private static final Pattern PARENT_RELATIVE =
      Pattern.compile("(?<![\\w.~}\\])/-])\\.\\./[^\\s\"'`)<>,;]*");

  @Test
  void noFileUnderSrcOrCiNamesAPathOutsideTheRepository() throws IOException {
    List<String> offences = new ArrayList<>();
    for (String top : SCANNED) {
      Path dir = ROOT.resolve(top);
      assertThat(dir).as("run from the repository root").isDirectory();
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .filter(Files::isRegularFile)
            .filter(file -> !ROOT.relativize(file).equals(THIS_FILE))
            .forEach(file -> offences.addAll(offences(file)));
      }
    }
    assertThat(offences)
        .as("paths outside the repository (use src/test/resources or src/main/resources)")
        .isEmpty();
  }

  @Test
  void theRulesCatchMachineLocalPaths() {
    assertThat(offencesIn("Path.of(\"/work/shared/data/wrench/youtube\")", "T.java"))
        .containsExactly("T.java:1: /work/shared/data/wrench/youtube");
    assertThat(offencesIn("load(\"/home/me/data.json\");", "T.java")).hasSize(1);
    assertThat(offencesIn("new File(\"/tmp/scratch\")", "T.java")).hasSize(1);
    assertThat(offencesIn("uri = file:/tmp/x", "t.yaml")).hasSize(1);
    assertThat(offencesIn("DATA=/root", "run")).hasSize(1);
    assertThat(offencesIn("Path.of(\"../shared/data\")", "T.java"))
        .containsExactly("T.java:1: ../shared/data");
    assertThat(offencesIn("see [x](../../../../README.md)", "src/a/b/c.md")).hasSize(1);
  }

  @Test
  void theRulesLeaveUrlsRoutesSystemPathsAndRepositoryPathsAlone() {
    for (String fine :
        List.of(
            "https://github.com/JieyuZ2/wrench/tree/main/home/",
            "http://www.4shared.com/web/preview/pdf/x",
            "server.route(\"/metrics\")",
            "exec > /dev/null",
            "#!/usr/bin/env bash",
            "getResource(\"/pipelines/valid.yaml\")",
            "at(\"/results/mv/f1\")",
            "Path.of(\"target/tmp/out\")",
            "\"$TMPDIR/tmp/x\" and ${dir}/work/y",
            "{\"namespace\": \"dev.weakstream.avro\"}",
            "/** Javadoc {@link dev.weakstream.core.TextRecord}. */",
            "cd \"$(dirname \"$0\")/..\"",
            "wait... ok",
            "/temporary /workers /opt-in")) {
      assertThat(offencesIn(fine, "T.java")).as(fine).isEmpty();
    }
    assertThat(offencesIn("see [x](../../README.md)", "src/test/resources/ATTRIBUTION.md"))
        .isEmpty();
  }

  private static List<String> offences(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (byte b : bytes) {
      if (b == 0) {
        return List.of();
      }
    }
    return offencesIn(new String(bytes, StandardCharsets.UTF_8), ROOT.relativize(file).toString());
  }

  /**
   * @param text a file's content
   * @param name its path relative to the repository root, as reported and as the base of a Markdown
   *     file's relative links
   */
  private static List<String> offencesIn(String text, String name) {
    List<String> offences = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Path base = name.endsWith(".md") ? ROOT.resolve(name).getParent() : ROOT;
    for (int i = 0; i < lines.length; i++) {
      Matcher absolute = OUTSIDE_ABSOLUTE.matcher(lines[i]);
      while (absolute.find()) {
        offences.add(name + ":" + (i + 1) + ": " + absolute.group());
      }
      Matcher parent = PARENT_RELATIVE.matcher(lines[i]);
      while (parent.find()) {
        if (!base.resolve(parent.group()).normalize().startsWith(ROOT)) {
          offences.add(name + ":" + (i + 1) + ": " + parent.group());
        }
      }
    }
    return offences;
  }
}
