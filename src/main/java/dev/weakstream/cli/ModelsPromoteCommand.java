package dev.weakstream.cli;

import dev.weakstream.avro.ModelStatus;
import dev.weakstream.registry.PromotionDecision;
import dev.weakstream.registry.PromotionGate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weakstream models promote}: make a version active if it passes the promotion gate. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Make a version ACTIVE if its gold metric beats the active version's by more than the margin (or "
          + "nothing is active); the previous active version becomes RETIRED.",
      "Exit code 0 when promoted, 3 when the gate refused."
    })
final class ModelsPromoteCommand implements Callable<Integer> {

  /** Exit code when the gate refuses the candidate. */
  static final int REFUSED = 3;

  @Mixin ModelsCommandOptions options;

  @Parameters(index = "1", paramLabel = "VERSION", description = "Version number to promote.")
  int version;

  @Option(
      names = "--margin",
      paramLabel = "M",
      description =
          "How much the candidate must beat the active version by (default: the pipeline's "
              + "student.promotion_margin, or 0.005).")
  Double margin;

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      description = "Metric to compare (default: the version's own gate metric).")
  String metric;

  @Option(names = "--force", description = "Skip the gate (an operator's decision).")
  boolean force;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "operator override",
      description = "Why the gate is skipped, recorded with --force (default: ${DEFAULT-VALUE}).")
  String reason;

  @Override
  public Integer call() {
    try (ModelsRegistryConnection connection = ModelsRegistryConnection.open(options)) {
      String model = connection.model(options.model);
      PromotionDecision decision =
          force
              ? connection.registry.forcePromote(model, version, reason)
              : connection.registry.promote(
                  model,
                  version,
                  new PromotionGate(metric, margin != null ? margin : connection.defaultMargin()));
      if (options.json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("promoted", decision.promoted());
        out.put("reason", decision.reason());
        out.put("release", ModelsRegistryConnection.toMap(decision.release()));
        out.put("retired_version", decision.retired().map(r -> r.getVersion()).orElse(null));
        System.out.println(ModelsRegistryConnection.json(out));
      } else {
        System.out.println(
            (decision.promoted() ? "promoted " : "not promoted ")
                + model
                + " v"
                + version
                + ": "
                + decision.reason());
      }
      return decision.promoted() || decision.release().getStatus() == ModelStatus.ACTIVE
          ? 0
          : REFUSED;
    }
  }
}
