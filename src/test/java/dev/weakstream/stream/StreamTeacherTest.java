package dev.weakstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weakstream.pipeline.TeacherDefinition;
import dev.weakstream.pipeline.TeacherReference;
import dev.weakstream.teacher.EmbeddingTeacher;
import dev.weakstream.teacher.FewShotHead;
import dev.weakstream.teacher.SentenceEncoder;
import dev.weakstream.teacher.TeacherManifests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The few-shot teacher in the stream, with the real MiniLM encoder: gold never refits on the
 * calling (stream) thread — the head changes only when a stream thread adopts a finished refit —
 * and the gold it keeps is bounded.
 */
class StreamTeacherTest {

  private static final List<String> SPAM =
      List.of(
          "Subscribe to my channel for free gift cards",
          "Check out my website and win a prize now",
          "Click this link to get free followers",
          "Visit my page for cheap deals today");
  private static final List<String> HAM =
      List.of(
          "This song brings back so many memories",
          "Her voice is beautiful in this performance",
          "I have listened to this track a hundred times",
          "The guitar solo at the end is amazing");

  private static StreamTeacher fewShot(int minGold, int goldPerClass) {
    TeacherDefinition definition =
        new TeacherDefinition(
            "minilm",
            TeacherReference.Mode.FEWSHOT,
            TeacherDefinition.Query.UNCOVERED,
            0.8,
            4,
            Duration.ofSeconds(1),
            0,
            100,
            minGold);
    SentenceEncoder encoder = SentenceEncoder.open(TeacherManifests.byName("minilm"), 1_000);
    EmbeddingTeacher model =
        new EmbeddingTeacher("minilm-fewshot", encoder, true, null, FewShotHead.DEFAULT_SEED);
    return new StreamTeacher(definition, model, 2, goldPerClass);
  }

  /** Adopts a finished refit, polling as a stream thread does between records. */
  private static void adoptWithin(StreamTeacher teacher, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!teacher.adoptRefittedHead()) {
      assertThat(System.nanoTime()).as("a refit finished in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  @Timeout(120)
  void goldRefitsOnTheBackgroundThreadAndOnlyAnAdoptSwapsTheHead() throws Exception {
    try (StreamTeacher teacher = fewShot(8, 100)) {
      StreamTeacher.Head before = teacher.head();
      for (int i = 0; i < 4; i++) {
        teacher.gold(SPAM.get(i), 1);
        teacher.gold(HAM.get(i), 0);
      }
      // the eighth gold made the first fit due: it was handed off, not run here
      assertThat(teacher.ready()).isFalse();
      assertThat(teacher.head()).isSameAs(before);
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .contains("weakstream-teacher-refit-minilm");

      adoptWithin(teacher, Duration.ofSeconds(60));
      assertThat(teacher.ready()).isTrue();
      StreamTeacher.Head fitted = teacher.head();
      assertThat(fitted).isNotSameAs(before);
      assertThat(fitted.cache()).isNotSameAs(before.cache());
      assertThat(fitted.version()).isEqualTo(teacher.model().version());
      StreamTeacher.Predictions p =
          teacher.predict(
              List.of(
                  "Win free gift cards, visit my website",
                  "What a lovely melody, I adore this singer"));
      assertThat(p.head()).isSameAs(fitted);
      assertThat(p.probabilities()[0][1]).isGreaterThan(0.5);
      assertThat(p.probabilities()[1][0]).isGreaterThan(0.5);
      assertThat(teacher.adoptRefittedHead()).as("nothing more to adopt").isFalse();
    }
  }

  @Test
  @Timeout(120)
  void theGoldKeptForRefitsIsBoundedPerClass() throws Exception {
    try (StreamTeacher teacher = fewShot(8, 3)) {
      for (int round = 0; round < 25; round++) {
        for (int i = 0; i < 4; i++) {
          teacher.gold(SPAM.get(i) + " " + round, 1);
          teacher.gold(HAM.get(i) + " " + round, 0);
        }
        teacher.adoptRefittedHead();
      }
      assertThat(teacher.goldHeld()).isEqualTo(6);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!teacher.ready()) { // refits on the sample still work
        assertThat(System.nanoTime()).as("a refit finished in time").isLessThan(deadline);
        teacher.adoptRefittedHead();
        Thread.sleep(20);
      }
    }
  }
}
