package dev.weakstream.registry;

/**
 * Record keys on the registry topics: {@code <name>/<version>} and {@code
 * <name>/<version>/<chunk>}.
 */
final class ReleaseKeys {

  private ReleaseKeys() {}

  static String release(String name, int version) {
    return name + "/" + version;
  }

  static String chunk(String name, int version, int index) {
    return chunkPrefix(name, version) + index;
  }

  static String chunkPrefix(String name, int version) {
    return name + "/" + version + "/";
  }

  /** A model name usable in keys: non-blank, no '/', no whitespace or control characters. */
  static String checkName(String name) {
    if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "model name must be letters, digits, '.', '_' or '-', was '" + name + "'");
    }
    return name;
  }
}
