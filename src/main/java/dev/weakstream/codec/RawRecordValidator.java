package dev.weakstream.codec;

import dev.weakstream.avro.DeadLetterReason;
import dev.weakstream.avro.ExternalVote;
import dev.weakstream.avro.RawRecord;
import dev.weakstream.pipeline.PipelineDefinition;
import java.util.HashSet;
import java.util.Set;

/**
 * The checks every raw record passes before it is labeled, whatever its wire format: non-empty id
 * and text, text with a visible character and no unpaired surrogate ({@link TextCharacters}), text
 * within the pipeline's size limit, gold label and external votes within the pipeline's classes.
 */
public final class RawRecordValidator {

  private RawRecordValidator() {}

  /** Returns {@code Decoded(record)} if it is valid, else the first problem found. */
  public static DecodeOutcome validate(RawRecord record, PipelineDefinition pipeline) {
    if (record.getId() == null || record.getId().isBlank()) {
      return rejected(DeadLetterReason.INVALID_FIELD, "record has an empty id");
    }
    String text = record.getText();
    if (text == null) {
      return rejected(DeadLetterReason.MISSING_TEXT, "record " + record.getId() + " has no text");
    }
    if (text.isBlank()) {
      return rejected(DeadLetterReason.EMPTY_TEXT, "record " + record.getId() + " has empty text");
    }
    if (!TextCharacters.hasVisible(text)) {
      return rejected(
          DeadLetterReason.NO_VISIBLE_TEXT,
          "record "
              + record.getId()
              + " has no visible character in its "
              + text.length()
              + " chars (only control, zero-width or other invisible ones, first U+"
              + String.format("%04X", text.codePointAt(firstNonWhitespace(text)))
              + ")");
    }
    int surrogate = TextCharacters.unpairedSurrogate(text);
    if (surrogate >= 0) {
      return rejected(
          DeadLetterReason.INVALID_UTF8,
          "record "
              + record.getId()
              + " has an unpaired UTF-16 surrogate U+"
              + String.format("%04X", (int) text.charAt(surrogate))
              + " at char "
              + surrogate
              + " of its text, which has no UTF-8 encoding");
    }
    int max = pipeline.input().maxTextChars();
    if (text.length() > max) {
      return rejected(
          DeadLetterReason.TEXT_TOO_LONG,
          "record "
              + record.getId()
              + " has "
              + text.length()
              + " characters; input.max_text_chars is "
              + max);
    }
    int numClasses = pipeline.numClasses();
    Integer gold = record.getGoldLabel();
    if (gold != null && (gold < 0 || gold >= numClasses)) {
      return rejected(
          DeadLetterReason.INVALID_FIELD,
          "record "
              + record.getId()
              + " has gold label "
              + gold
              + ", outside [0, "
              + numClasses
              + ")");
    }
    if (record.getExternalVotes() != null) {
      Set<String> seen = new HashSet<>();
      for (ExternalVote vote : record.getExternalVotes()) {
        if (!pipeline.externalSources().contains(vote.getSource())) {
          return rejected(
              DeadLetterReason.INVALID_FIELD,
              "record "
                  + record.getId()
                  + ": external vote of '"
                  + vote.getSource()
                  + "', which is not declared in the pipeline's external_sources "
                  + pipeline.externalSources());
        }
        if (!seen.add(vote.getSource())) {
          return rejected(
              DeadLetterReason.INVALID_FIELD,
              "record " + record.getId() + ": two external votes of '" + vote.getSource() + "'");
        }
        if (vote.getLabel() < -1 || vote.getLabel() >= numClasses) {
          return rejected(
              DeadLetterReason.INVALID_FIELD,
              "record "
                  + record.getId()
                  + ": external vote of '"
                  + vote.getSource()
                  + "' is class "
                  + vote.getLabel()
                  + ", outside [-1, "
                  + numClasses
                  + ")");
        }
        if (vote.getProbabilities() != null && vote.getProbabilities().size() != numClasses) {
          return rejected(
              DeadLetterReason.INVALID_FIELD,
              "record "
                  + record.getId()
                  + ": soft vote of '"
                  + vote.getSource()
                  + "' has "
                  + vote.getProbabilities().size()
                  + " probabilities for "
                  + numClasses
                  + " classes");
        }
      }
    }
    return new DecodeOutcome.Decoded(record);
  }

  private static int firstNonWhitespace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static DecodeOutcome rejected(DeadLetterReason reason, String message) {
    return new DecodeOutcome.Rejected(reason, message);
  }
}
