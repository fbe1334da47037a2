package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;
import dev.weakstream.student.StudentScore;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pending-teacher store format: values written by the first release (version 0, no prefix)
 * still decode, so a batch pending at an upgrade is not lost; values written now carry the {@code
 * 'p', 1} prefix and round-trip; a newer version is refused with the store's name.
 *
 * <p>The version-0 hex fixtures were generated once with the first release's encoder (main at
 * e863b22, QueryTeacher's private {@code encode(Pending)}, called by reflection) on the records
 * {@link #withStudent()} and {@link #plain()} build, and printed as hex.
 */
class PendingTeacherRecordTest {

  /** Sequence 5, key "key-1", {@link #withStudent()}, enqueued at ...500, timestamp ...400. */
  private static final String V0_WITH_STUDENT =
      "0000018bcfe569f40000018bcfe569900000000300000000000004d2000000056b65792d31000000"
          + "41c301eb5a6073760c2ad606702d3180a0abfef9620e796f75747562650228436865636b206f7574"
          + "206d79206368616e6e656c020c617574686f7206616e6e00000000000017ffffffff0003702d3100"
          + "000002ffffffff00ffffffff000000000973747564656e742d61000000027637000000023fc00000"
          + "000000003fec000000000000";

  /** Sequence 6, key "key-2", {@link #plain()}, enqueued at ...1500, timestamp ...1400. */
  static final String V0_PLAIN =
      "0000018bcfe56ddc0000018bcfe56d78ffffffffffffffffffffffff000000056b65792d32000000"
          + "24c301eb5a6073760c2ad606702d32d0afabfef9620002126e69636520736f6e6700020000000000"
          + "17ffffffff0003702d3200000002ffffffff00ffffffff00";

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** From the raw topic's partition 3, offset 1234, scored by a student. */
  static VotedRecord withStudent() {
    RawRecord raw =
        RawRecord.newBuilder()
            .setId("p-1")
            .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
            .setSource("youtube")
            .setText("Check out my channel")
            .setAttributes(Map.of("author", "ann"))
            .setGoldLabel(null)
            .build();
    return new VotedRecord(
        raw,
        VoteRow.hard(new int[] {-1, -1}, "p-1"),
        3,
        1234L,
        StudentScore.of("student-a", "v7", new double[] {0.125, 0.875}),
        null);
  }

  /** Without a position or a student, with a gold label. */
  static VotedRecord plain() {
    RawRecord raw =
        RawRecord.newBuilder()
            .setId("p-2")
            .setEventTime(Instant.ofEpochMilli(1_700_000_001_000L))
            .setText("nice song")
            .setAttributes(Map.of())
            .setGoldLabel(0)
            .build();
    return new VotedRecord(raw, VoteRow.hard(new int[] {-1, -1}, "p-2"));
  }

  /** Field by field: StudentScore holds an array, so records are not compared with equals. */
  private static void assertSame(PendingTeacherRecord actual, PendingTeacherRecord expected) {
    assertThat(actual.sequence()).isEqualTo(expected.sequence());
    assertThat(actual.key()).isEqualTo(expected.key());
    assertThat(actual.enqueuedAt()).isEqualTo(expected.enqueuedAt());
    assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
    VotedRecord a = actual.record();
    VotedRecord e = expected.record();
    assertThat(a.raw()).isEqualTo(e.raw());
    assertThat(a.row()).isEqualTo(e.row());
    assertThat(a.sourcePartition()).isEqualTo(e.sourcePartition());
    assertThat(a.sourceOffset()).isEqualTo(e.sourceOffset());
    if (e.student() == null) {
      assertThat(a.student()).isNull();
    } else {
      assertThat(a.student().name()).isEqualTo(e.student().name());
      assertThat(a.student().version()).isEqualTo(e.student().version());
      assertThat(a.student().probabilities()).containsExactly(e.student().probabilities());
      assertThat(a.student().label()).isEqualTo(e.student().label());
    }
    assertThat(a.candidate()).isNull(); // not stored: the shadow score is not kept for a batch
    assertThat(a.teacher()).isNull(); // not voted yet
  }

  private static final PendingTeacherRecord WITH_STUDENT =
      new PendingTeacherRecord(5, "key-1", withStudent(), 1_700_000_000_500L, 1_700_000_000_400L);
  private static final PendingTeacherRecord PLAIN =
      new PendingTeacherRecord(6, "key-2", plain(), 1_700_000_001_500L, 1_700_000_001_400L);

  @Test
  void valuesOfTheFirstReleaseStillDecode() {
    assertSame(PendingTeacherRecord.decode(5, hex(V0_WITH_STUDENT), "pending"), WITH_STUDENT);
    assertSame(PendingTeacherRecord.decode(6, hex(V0_PLAIN), "pending"), PLAIN);
  }

  @Test
  void valuesWrittenNowCarryTheVersionAndRoundTrip() {
    for (PendingTeacherRecord record : new PendingTeacherRecord[] {WITH_STUDENT, PLAIN}) {
      byte[] bytes = record.encode();
      assertThat(bytes[0]).isEqualTo((byte) 'p');
      assertThat(bytes[1]).isEqualTo((byte) PendingTeacherRecord.VERSION);
      assertSame(PendingTeacherRecord.decode(record.sequence(), bytes, "pending"), record);
    }
  }

  @Test
  void aNewerVersionIsRefusedNamingTheStore() {
    byte[] future = PLAIN.encode();
    future[1] = 2;
    assertThatThrownBy(() -> PendingTeacherRecord.decode(6, future, "teacher-pending-store"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'teacher-pending-store'")
        .hasMessageContaining("pending teacher record of format version 2");
  }
}
