package dev.weakstream.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Computes the version of a labeling-function set: the first 12 hex characters of the SHA-256 of a
 * canonical form of the {@code labeling_functions} section plus the contents of the files it reads
 * (lexicons). Any change to a function, its order or a lexicon changes the version; comments,
 * quoting, indentation and key order do not.
 *
 * <p>Canonical form: mappings with keys sorted, sequences in order, scalars length-prefixed (so no
 * two different trees share a form). Not thread-safe; one instance per load.
 */
final class DefinitionFingerprint {

  /** Hex characters kept from the SHA-256. */
  static final int LENGTH = 12;

  private final MessageDigest digest = sha256();

  DefinitionFingerprint(Node labelingFunctions) {
    StringBuilder canonical = new StringBuilder();
    appendCanonical(labelingFunctions, canonical);
    update("labeling_functions", canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Adds the bytes of a resource a function reads, e.g. a lexicon file. */
  void addResource(String label, byte[] content) {
    update("resource:" + label, content);
  }

  /** The version; call once, after every resource was added. */
  String version() {
    return HexFormat.of().formatHex(digest.digest()).substring(0, LENGTH);
  }

  private void update(String label, byte[] content) {
    byte[] header = (label + ":" + content.length + ":").getBytes(StandardCharsets.UTF_8);
    digest.update(header);
    digest.update(content);
  }

  private static void appendCanonical(Node node, StringBuilder out) {
    if (node instanceof MappingNode mapping) {
      Map<String, Node> sorted = new TreeMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        StringBuilder key = new StringBuilder();
        appendCanonical(tuple.getKeyNode(), key);
        sorted.put(key.toString(), tuple.getValueNode());
      }
      out.append('{');
      sorted.forEach(
          (key, value) -> {
            out.append(key).append('=');
            appendCanonical(value, out);
            out.append(';');
          });
      out.append('}');
    } else if (node instanceof SequenceNode sequence) {
      out.append('[');
      for (Node item : sequence.getValue()) {
        appendCanonical(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (node instanceof ScalarNode scalar) {
      String value = YamlMapping.isNull(scalar) ? "" : scalar.getValue();
      out.append(YamlMapping.isNull(scalar) ? 'n' : 's')
          .append(value.length())
          .append(':')
          .append(value);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
