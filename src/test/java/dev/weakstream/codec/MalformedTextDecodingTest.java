package dev.weakstream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.pipeline.InputDefinition;
import dev.weakstream.pipeline.PipelineDefinition;
import dev.weakstream.pipeline.PipelineLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that used to be labeled although it says nothing, or not what was sent, goes to the dead
 * letters with its own reason: one test per kind, through the production decoder.
 */
class MalformedTextDecodingTest {

  private final PipelineDefinition pipeline = PoisonPipeline.definition();
  private final RawRecordDecoder decoder = new RawRecordDecoder(pipeline);
  private final SingleObjectCodec<RawRecord> avro = SingleObjectCodec.of(new RawRecord());

  private DecodeOutcome json(String json) {
    return decoder.decode("k", json.getBytes(StandardCharsets.UTF_8), 0L);
  }

  private DecodeOutcome avroText(String text) {
    return decoder.decode(
        "k",
        avro.encode(
            RawRecord.newBuilder().setId("a").setEventTime(Instant.EPOCH).setText(text).build()),
        0L);
  }

  private static DecodeOutcome.Rejected rejected(DecodeOutcome outcome, DeadLetterReason reason) {
    assertThat(outcome).isInstanceOf(DecodeOutcome.Rejected.class);
    DecodeOutcome.Rejected r = (DecodeOutcome.Rejected) outcome;
    assertThat(r.reason()).as(r.message()).isEqualTo(reason);
    return r;
  }

  private static String text(DecodeOutcome outcome) {
    assertThat(outcome).isInstanceOf(DecodeOutcome.Decoded.class);
    return ((DecodeOutcome.Decoded) outcome).record().getText();
  }

  @Test
  void textOfOnlyControlCharactersOrNulHasNoVisibleText() {
    DecodeOutcome.Rejected nul =
        rejected(avroText("\u0000\u0000\u0000"), DeadLetterReason.NO_VISIBLE_TEXT);
    assertThat(nul.message()).contains("U+0000");
    rejected(
        json("{\"id\":\"a\",\"text\":\"\\u0001\\u0007\\u001b\\u007f\"}"),
        DeadLetterReason.NO_VISIBLE_TEXT);
    assertThat(text(avroText("ok\u0000"))).isEqualTo("ok\u0000"); // visible text with a NUL stays
  }

  @Test
  void textOfOnlyZeroWidthCharactersHasNoVisibleText() {
    rejected(avroText("\u200B\u200C\u200D\u2060\uFEFF"), DeadLetterReason.NO_VISIBLE_TEXT);
    rejected(
        json("{\"id\":\"a\",\"text\":\"\\u200b \\u3164\\u2800\\u0301\"}"),
        DeadLetterReason.NO_VISIBLE_TEXT);
    assertThat(text(avroText("\u200Bhi"))).isEqualTo("\u200Bhi");
  }

  @Test
  void aJsonTextFieldThatIsANumberOrBooleanIsNotAString() {
    DecodeOutcome.Rejected number =
        rejected(json("{\"id\":\"a\",\"text\":42}"), DeadLetterReason.TEXT_NOT_A_STRING);
    assertThat(number.message()).contains("'text' is a JSON number").contains("coerce_scalars");
    rejected(json("{\"id\":\"a\",\"text\":true}"), DeadLetterReason.TEXT_NOT_A_STRING);
  }

  @Test
  void aJsonTextFieldThatIsAnArrayOrObjectIsNotAString() {
    rejected(
        json("{\"id\":\"a\",\"text\":[\"love\",\"song\"]}"), DeadLetterReason.TEXT_NOT_A_STRING);
    DecodeOutcome.Rejected object =
        rejected(
            json("{\"id\":\"a\",\"text\":{\"subscribe\":\"http://x\"}}"),
            DeadLetterReason.TEXT_NOT_A_STRING);
    assertThat(object.message()).contains("JSON object");
  }

  @Test
  void withCoerceScalarsNumbersAndBooleansBecomeTheirJsonTextAndSaySo() {
    InputDefinition in = pipeline.input();
    PipelineDefinition coercing =
        new PipelineDefinition(
            pipeline.source(),
            pipeline.name(),
            pipeline.classes(),
            new InputDefinition(in.topic(), in.format(), in.fields(), in.maxTextChars(), true),
            pipeline.output(),
            pipeline.labelingFunctions(),
            pipeline.externalSources(),
            pipeline.labelModel());
    RawRecordDecoder coercingDecoder = new RawRecordDecoder(coercing);
    DecodeOutcome number =
        coercingDecoder.decode(
            "k", "{\"id\":\"a\",\"text\":4.5}".getBytes(StandardCharsets.UTF_8), 0L);
    assertThat(text(number)).isEqualTo("4.5");
    assertThat(((DecodeOutcome.Decoded) number).coercion()).isEqualTo(ScalarCoercion.NUMBER);
    DecodeOutcome bool =
        coercingDecoder.decode(
            "k", "{\"id\":\"a\",\"text\":false}".getBytes(StandardCharsets.UTF_8), 0L);
    assertThat(text(bool)).isEqualTo("false");
    assertThat(((DecodeOutcome.Decoded) bool).coercion()).isEqualTo(ScalarCoercion.BOOLEAN);
    rejected(
        coercingDecoder.decode(
            "k", "{\"id\":\"a\",\"text\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8), 0L),
        DeadLetterReason.TEXT_NOT_A_STRING);
    DecodeOutcome plain = json("{\"id\":\"a\",\"text\":\"42\"}");
    assertThat(((DecodeOutcome.Decoded) plain).coercion()).isEqualTo(ScalarCoercion.NONE);
  }

  @Test
  void garbageAfterTheJsonObjectIsTrailingData() {
    DecodeOutcome.Rejected garbage =
        rejected(json("{\"id\":\"a\",\"text\":\"love\"} xyz"), DeadLetterReason.TRAILING_DATA);
    assertThat(garbage.message()).contains("ends at byte offset 24");
    rejected(
        json("{\"id\":\"a\",\"text\":\"love\"}{\"id\":\"b\",\"text\":\"x\"}"),
        DeadLetterReason.TRAILING_DATA);
    assertThat(text(json("{\"id\":\"a\",\"text\":\"love\"}  \n"))).isEqualTo("love");
  }

  @Test
  void aDuplicateKeyIsRejectedNotResolvedByTheLastValue() {
    DecodeOutcome.Rejected dup =
        rejected(
            json("{\"id\":\"a\",\"text\":\"love this song\",\"text\":\"subscribe\"}"),
            DeadLetterReason.DUPLICATE_KEY);
    assertThat(dup.message()).contains("'text'").contains("byte offset");
  }

  @Test
  void invalidUtf8InAnAvroStringIsNamedWithItsOffset() {
    byte[] bytes =
        PoisonMessages.withHeader(
            SchemaNormalization.parsingFingerprint64(RawRecord.getClassSchema()),
            new PoisonMessages.Bytes()
                .string("a")
                .varint(0)
                .string("")
                .varint(1)
                .varint(4)
                .raw((byte) 'h', (byte) 0xC3, (byte) 0x28, (byte) 'i')
                .varint(0)
                .varint(0)
                .varint(0)
                .bytes());
    DecodeOutcome.Rejected r =
        rejected(decoder.decode("k", bytes, 0L), DeadLetterReason.INVALID_UTF8);
    assertThat(r.message()).contains("field 'text' at byte offset 17").contains("0xC3 0x28");
    // A U+FFFD that was sent as such is text like any other.
    assertThat(text(avroText("caf\uFFFD"))).isEqualTo("caf\uFFFD");
  }

  @Test
  void invalidUtf8InAJsonMessageOrAnUnpairedSurrogateEscapeIsRejected() {
    byte[] latin1 = "{\"id\":\"a\",\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    DecodeOutcome.Rejected r =
        rejected(decoder.decode("k", latin1, 0L), DeadLetterReason.INVALID_UTF8);
    assertThat(r.message()).contains("byte offset 21");
    rejected(json("{\"id\":\"a\",\"text\":\"hi \\ud800 there\"}"), DeadLetterReason.INVALID_UTF8);
    assertThat(text(json("{\"id\":\"a\",\"text\":\"\\ud83d\\ude00\"}"))).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void jsonWithRawNulBytesIsNotReadAsUtf16() {
    byte[] utf16 = "{\"id\":\"a\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_16LE);
    DecodeOutcome.Rejected r =
        rejected(decoder.decode("k", utf16, 0L), DeadLetterReason.UNDECODABLE);
    assertThat(r.message()).contains("NUL byte at byte offset 1");
  }

  @Test
  void externalVotesMustBeWellTyped() {
    rejected(
        json("{\"id\":\"a\",\"text\":\"t\",\"external_votes\":{\"source\":\"moderation-api\"}}"),
        DeadLetterReason.INVALID_FIELD);
    rejected(
        json(
            "{\"id\":\"a\",\"text\":\"t\",\"external_votes\":[{\"source\":\"moderation-api\","
                + "\"label\":\"spam\"}]}"),
        DeadLetterReason.INVALID_FIELD);
    rejected(
        json(
            "{\"id\":\"a\",\"text\":\"t\",\"external_votes\":[{\"source\":\"moderation-api\","
                + "\"label\":1,\"probabilities\":[\"a\",\"b\"]}]}"),
        DeadLetterReason.INVALID_FIELD);
    DecodeOutcome ok =
        json(
            "{\"id\":\"a\",\"text\":\"t\",\"external_votes\":[{\"source\":\"moderation-api\","
                + "\"label\":1,\"probabilities\":[0.25,0.75]}]}");
    assertThat(((DecodeOutcome.Decoded) ok).record().getExternalVotes()).hasSize(1);
  }

  @Test
  void coerceScalarsIsReadFromThePipelineInputSection(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(PoisonPipeline.file());
    Path file = dir.resolve("coercing.yaml");
    Files.writeString(
        file, yaml.replace("  format: json\n", "  format: json\n  coerce_scalars: true\n"));
    assertThat(PipelineLoader.load(file).input().coerceScalars()).isTrue();
    assertThat(pipeline.input().coerceScalars()).isFalse();
  }
}
