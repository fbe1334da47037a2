package dev.weakstream.wrench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weakstream.core.VoteRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One WRENCH dataset folder: {@code train.json}, {@code valid.json}, {@code test.json} (objects
 * keyed "0", "1", … with {@code label}, {@code weak_labels} and {@code data.text}), {@code
 * label.json} (class id to name) and {@code labeled_ids.json} (the train keys of the small
 * hand-labelled dev set).
 *
 * <p>Rows keep the file order; {@link Row#index()} is the position in the split, which WRENCH uses
 * as the tie-break key. Immutable after loading.
 */
public record WrenchDataset(
    String name,
    List<String> classNames,
    int numSources,
    Split train,
    Split valid,
    Split test,
    Set<String> labeledIds) {

  /** The label of a train row without gold. */
  public static final int UNKNOWN_LABEL = -1;

  /** One row of a split; {@code label} is {@link #UNKNOWN_LABEL} for train rows without gold. */
  public record Row(int index, String id, String text, int label, int[] weakLabels) {

    /** The row's votes, keyed for WRENCH's tie-break by position in the split. */
    public VoteRow voteRow() {
      return VoteRow.hard(weakLabels, String.valueOf(index));
    }
  }

  /** One split, in file order. */
  public record Split(String name, List<Row> rows) {

    public int size() {
      return rows.size();
    }

    public List<VoteRow> voteRows() {
      return rows.stream().map(Row::voteRow).toList();
    }

    public int[] gold() {
      return rows.stream().mapToInt(Row::label).toArray();
    }
  }

  public int numClasses() {
    return classNames.size();
  }

  /** Loads a dataset folder; the dataset name is the folder name. */
  public static WrenchDataset load(Path dir) {
    ObjectMapper json = new ObjectMapper();
    JsonNode labels = read(json, dir.resolve("label.json"));
    Map<Integer, String> byId = new TreeMap<>();
    labels.properties().forEach(e -> byId.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
    List<String> classNames = List.copyOf(byId.values());
    for (int c = 0; c < classNames.size(); c++) {
      if (!byId.containsKey(c)) {
        throw new IllegalArgumentException(
            dir.resolve("label.json") + ": class ids must be 0.." + (classNames.size() - 1));
      }
    }
    Split train = split(json, dir, "train", classNames.size());
    Split valid = split(json, dir, "valid", classNames.size());
    Split test = split(json, dir, "test", classNames.size());
    int m = train.rows().get(0).weakLabels().length;
    for (Split s : List.of(train, valid, test)) {
      for (Row r : s.rows()) {
        if (r.weakLabels().length != m) {
          throw new IllegalArgumentException(
              dir
                  + "/"
                  + s.name()
                  + ".json row "
                  + r.id()
                  + " has "
                  + r.weakLabels().length
                  + " weak labels, expected "
                  + m);
        }
      }
    }
    Set<String> labeled = Set.of();
    Path labeledPath = dir.resolve("labeled_ids.json");
    if (Files.exists(labeledPath)) {
      List<String> ids = new ArrayList<>();
      read(json, labeledPath).path("labeled_ids").forEach(n -> ids.add(n.asText()));
      labeled = Set.copyOf(ids);
    }
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    return new WrenchDataset(name, classNames, m, train, valid, test, labeled);
  }

  private static Split split(ObjectMapper json, Path dir, String name, int numClasses) {
    Path file = dir.resolve(name + ".json");
    JsonNode root = read(json, file);
    List<Row> rows = new ArrayList<>(root.size());
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode node = e.getValue();
      JsonNode weak = node.path("weak_labels");
      int[] votes = new int[weak.size()];
      for (int j = 0; j < votes.length; j++) {
        votes[j] = weak.get(j).asInt();
        if (votes[j] < -1 || votes[j] >= numClasses) {
          throw new IllegalArgumentException(
              file
                  + " row "
                  + e.getKey()
                  + ": weak label "
                  + votes[j]
                  + " is neither -1 nor a class id");
        }
      }
      int label = node.path("label").asInt(UNKNOWN_LABEL);
      boolean unknownAllowed =
          name.equals("train"); // train gold is never used (WRENCH's spouse has none)
      if (label >= numClasses || label < 0 && !(unknownAllowed && label == UNKNOWN_LABEL)) {
        throw new IllegalArgumentException(
            file
                + " row "
                + e.getKey()
                + ": label "
                + label
                + " is not a class id"
                + (unknownAllowed ? " or -1" : " (valid and test need gold)"));
      }
      rows.add(
          new Row(
              rows.size(), e.getKey(), node.path("data").path("text").asText(""), label, votes));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " has no rows");
    }
    return new Split(name, List.copyOf(rows));
  }

  private static JsonNode read(ObjectMapper json, Path file) {
    try {
      return json.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
