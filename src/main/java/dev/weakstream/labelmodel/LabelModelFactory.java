package dev.weakstream.labelmodel;

import dev.weakstream.core.Labeler;
import dev.weakstream.core.MajorityVote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of shipped label models, by name.
 *
 * <ul>
 *   <li>{@code mv} — majority vote, the baseline (ignores the statistics).
 *   <li>{@code ds} — Dawid–Skene EM, abstains not evidence, uniform prior ({@link
 *       DawidSkeneConfig#DEFAULT}).
 *   <li>{@code ds-classic} — Dawid–Skene with abstain as an outcome and a learned prior, as in the
 *       original paper and WRENCH's DS baseline.
 *   <li>{@code onecoin} — one accuracy per source (abstains not evidence, uniform prior), sources
 *       assumed better than random.
 *   <li>{@code ds-select} — a Dawid–Skene configuration chosen on a gold dev set, with majority
 *       vote as the reference a candidate must clearly beat ({@link HyperparameterSelection}); the
 *       {@link #DEFAULT}: best mean valid score over WRENCH youtube, sms and trec (valid 88.33 acc,
 *       21.34 F1, 57.60 acc; ds: 84.17, 21.34, 57.40; mv: 82.50, 21.34, 51.80). Without a dev set
 *       it fits {@code ds}.
 * </ul>
 *
 * <p>Thread-safe (immutable).
 */
public final class LabelModelFactory {

  /** The default label model, chosen by measurement on WRENCH valid splits. */
  public static final String DEFAULT = "ds-select";

  private static final Map<String, LabelModelTrainer> TRAINERS = new LinkedHashMap<>();
  private static final Map<String, DawidSkeneConfig> FIXED_CONFIGS = new LinkedHashMap<>();

  static {
    register(
        new LabelModelTrainer() {
          @Override
          public String name() {
            return MajorityVote.NAME;
          }

          @Override
          public Labeler fit(VoteStatistics stats, DevSet dev) {
            return new MajorityVote(stats.numClasses());
          }
        });
    register(registerFixed("ds", DawidSkeneConfig.DEFAULT));
    register(
        registerFixed(
            "ds-classic",
            DawidSkeneConfig.DEFAULT.withAbstainWeight(1.0).withPrior(PriorMode.LEARNED, null)));
    register(
        registerFixed("onecoin", DawidSkeneConfig.DEFAULT.withConfusion(ConfusionModel.ONE_COIN)));
    register(new HyperparameterSelection("ds-select", DawidSkeneConfig.DEFAULT));
  }

  private LabelModelFactory() {}

  /** Names of all shipped label models, {@code mv} first. */
  public static List<String> names() {
    return List.copyOf(TRAINERS.keySet());
  }

  /** The trainer registered under {@code name}. */
  public static LabelModelTrainer trainer(String name) {
    LabelModelTrainer trainer = TRAINERS.get(name);
    if (trainer == null) {
      throw new IllegalArgumentException(
          "unknown label model '" + name + "'; known: " + String.join(", ", TRAINERS.keySet()));
    }
    return trainer;
  }

  /**
   * Names of the models with a fixed configuration, which accept a class prior given by the user.
   */
  public static List<String> namesAcceptingPrior() {
    return List.copyOf(FIXED_CONFIGS.keySet());
  }

  /**
   * The trainer registered under {@code name}, with its class prior fixed to {@code classPrior}
   * (one probability per class) — for models with a fixed configuration only; {@code ds-select}
   * chooses its prior among uniform, learned and the gold rows' balance itself.
   */
  public static LabelModelTrainer trainer(String name, double[] classPrior) {
    if (classPrior == null) {
      return trainer(name);
    }
    DawidSkeneConfig config = FIXED_CONFIGS.get(name);
    if (config == null) {
      throw new IllegalArgumentException(
          "a class prior can be given to "
              + String.join(", ", FIXED_CONFIGS.keySet())
              + ", not to '"
              + name
              + "'");
    }
    return fixed(name, config.withPrior(PriorMode.FIXED, classPrior.clone()));
  }

  private static LabelModelTrainer registerFixed(String name, DawidSkeneConfig config) {
    FIXED_CONFIGS.put(name, config);
    return fixed(name, config);
  }

  private static LabelModelTrainer fixed(String name, DawidSkeneConfig config) {
    DawidSkeneFitter fitter = new DawidSkeneFitter(name, config);
    return new LabelModelTrainer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Labeler fit(VoteStatistics stats, DevSet dev) {
        return fitter.fit(stats);
      }
    };
  }

  private static void register(LabelModelTrainer trainer) {
    TRAINERS.put(trainer.name(), trainer);
  }
}
