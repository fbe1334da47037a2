package dev.weakstream.pipeline;

import dev.weakstream.core.TextRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the YouTube Spam Collection CSVs shipped under {@code datasets/youtube-spam-collection/}
 * (public: the student-loop and CLI tests stream and train on the same corpus).
 */
public final class YoutubeSpamCorpus {

  public static final List<String> FILES =
      List.of(
          "Youtube01-Psy.csv",
          "Youtube02-KatyPerry.csv",
          "Youtube03-LMFAO.csv",
          "Youtube04-Eminem.csv",
          "Youtube05-Shakira.csv");

  /** One comment with its gold class (0 ham, 1 spam). */
  public record Comment(TextRecord record, int gold) {}

  private YoutubeSpamCorpus() {}

  public static List<Comment> readAll() {
    List<Comment> comments = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    for (String file : FILES) {
      String resource = "/datasets/youtube-spam-collection/" + file;
      try (InputStream in = YoutubeSpamCorpus.class.getResourceAsStream(resource);
          Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        for (CSVRecord row : format.parse(reader)) {
          TextRecord record =
              new TextRecord(
                  row.get("COMMENT_ID"), row.get("CONTENT"), Map.of("AUTHOR", row.get("AUTHOR")));
          comments.add(new Comment(record, Integer.parseInt(row.get("CLASS").trim())));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(resource, e);
      }
    }
    return comments;
  }
}
