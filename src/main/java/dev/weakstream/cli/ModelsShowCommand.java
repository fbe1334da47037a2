package dev.weakstream.cli;

import dev.weakstream.avro.ModelRelease;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code weakstream models show}: one version in full, provenance included. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one model version: status and why, metrics, artifact, provenance.")
final class ModelsShowCommand implements Callable<Integer> {

  @Mixin ModelsCommandOptions options;

  @Parameters(index = "1", paramLabel = "VERSION", description = "Version number.")
  int version;

  @Override
  public Integer call() {
    try (ModelsRegistryConnection connection = ModelsRegistryConnection.open(options)) {
      String model = connection.model(options.model);
      ModelRelease release =
          connection
              .registry
              .show(model, version)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "model " + model + " has no version " + version));
      System.out.println(
          options.json
              ? ModelsRegistryConnection.json(ModelsRegistryConnection.toMap(release))
              : ModelsRegistryConnection.details(release));
      return 0;
    }
  }
}
