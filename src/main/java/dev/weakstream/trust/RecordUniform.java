package dev.weakstream.trust;

import java.nio.charset.StandardCharsets;

/**
 * A deterministic uniform number in (0, 1] per record: a 64-bit FNV-1a hash of the record id's
 * UTF-8 bytes, mixed with a seed through the SplitMix64 finaliser, top 53 bits as a fraction.
 *
 * <p>Why not {@code java.util.Random}: the value must be a pure function of (record id, seed) so
 * that a record gets the same conformal set offline, in the stream, after a restart and on any
 * instance; a generator's sequence would depend on the order records arrive in. The hash is written
 * out here (rather than taken from {@code String.hashCode}) so its definition is stable and 64 bits
 * wide. Stateless.
 */
public final class RecordUniform {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private RecordUniform() {}

  /** The uniform of {@code recordId} under {@code seed}, in (0, 1]. */
  public static double of(String recordId, long seed) {
    long h = FNV_OFFSET;
    for (byte b : recordId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    long z = h ^ (seed * 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return ((z >>> 11) + 1) * 0x1.0p-53;
  }
}
