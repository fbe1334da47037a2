package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.core.VoteRow;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The vote-row format: rows written by the first release (version 0, no prefix) still decode, rows
 * written now carry the {@code 'v', 1} prefix and round-trip, and a newer version is refused with
 * the store's name.
 *
 * <p>The version-0 hex fixtures were generated once with the first release's encoder (main at
 * e863b22, {@code VoteRowBytes.encode}) on the rows the tests name, and printed as hex.
 */
class VoteRowBytesTest {

  /** encode(new VoteRow({1, -1, 0}, {null, null, {0.25, 0.75}}, "r-7"), gold 1), version 0. */
  private static final String V0_SOFT_GOLD_1 =
      "000000010003722d37000000030000000100ffffffff000000000001000000023fd00000000000003fe8000000000000";

  /** encode(VoteRow.hard({-1, 0, 1, -1}, "hé"), no gold), version 0. */
  private static final String V0_HARD_NO_GOLD =
      "ffffffff000368c3a900000004ffffffff0000000000000000000100ffffffff00";

  /** encode(VoteRow.hard({-1, 0, 1, -1}, "hé"), gold 0, sequence 42), version 0. */
  private static final String V0_HARD_GOLD_0_SEQUENCE_42 =
      "000000000000002a00000000000368c3a900000004ffffffff0000000000000000000100ffffffff00";

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static final VoteRow SOFT =
      new VoteRow(new int[] {1, -1, 0}, new double[][] {null, null, {0.25, 0.75}}, "r-7");
  private static final VoteRow HARD = VoteRow.hard(new int[] {-1, 0, 1, -1}, "h\u00e9");

  @Test
  void rowsOfTheFirstReleaseStillDecode() {
    assertThat(VoteRowBytes.decode(hex(V0_SOFT_GOLD_1), 0, "stats"))
        .isEqualTo(new VoteRowBytes.Entry(SOFT, 1));
    assertThat(VoteRowBytes.decode(hex(V0_HARD_NO_GOLD), 0, "stats"))
        .isEqualTo(new VoteRowBytes.Entry(HARD, null));
    byte[] sequenced = hex(V0_HARD_GOLD_0_SEQUENCE_42);
    assertThat(ByteBuffer.wrap(sequenced).getLong()).isEqualTo(42);
    assertThat(VoteRowBytes.decode(sequenced, Long.BYTES, "stats"))
        .isEqualTo(new VoteRowBytes.Entry(HARD, 0));
  }

  @Test
  void rowsWrittenNowCarryTheVersionAndRoundTrip() {
    byte[] soft = VoteRowBytes.encode(SOFT, 1);
    assertThat(soft[0]).isEqualTo((byte) 'v');
    assertThat(soft[1]).isEqualTo((byte) VoteRowBytes.VERSION);
    // version 1 is version 0's body after the prefix
    assertThat(HexFormat.of().formatHex(soft)).isEqualTo("7601" + V0_SOFT_GOLD_1);
    assertThat(VoteRowBytes.decode(soft, 0, "stats")).isEqualTo(new VoteRowBytes.Entry(SOFT, 1));
    byte[] sequenced = VoteRowBytes.encode(HARD, null, 7);
    assertThat(ByteBuffer.wrap(sequenced).getLong()).isEqualTo(7);
    assertThat(VoteRowBytes.decode(sequenced, Long.BYTES, "stats"))
        .isEqualTo(new VoteRowBytes.Entry(HARD, null));
  }

  @Test
  void aNewerVersionIsRefusedNamingTheStore() {
    byte[] future = VoteRowBytes.encode(HARD, null);
    future[1] = 9;
    assertThatThrownBy(() -> VoteRowBytes.decode(future, 0, "pipeline-stats-store"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'pipeline-stats-store'")
        .hasMessageContaining("vote row of format version 9")
        .hasMessageContaining("versions 0 to 1");
  }
}
