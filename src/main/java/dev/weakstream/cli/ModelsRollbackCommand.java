package dev.weakstream.cli;

import dev.weakstream.registry.RollbackResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code weakstream models rollback}: retire the active version and restore the one it replaced.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Retire the active version and make the version it replaced (or else its parent) ACTIVE again.")
final class ModelsRollbackCommand implements Callable<Integer> {

  @Mixin ModelsCommandOptions options;

  @Override
  public Integer call() {
    try (ModelsRegistryConnection connection = ModelsRegistryConnection.open(options)) {
      String model = connection.model(options.model);
      RollbackResult result = connection.registry.rollback(model);
      if (options.json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("retired", ModelsRegistryConnection.toMap(result.retired()));
        out.put("restored", ModelsRegistryConnection.toMap(result.restored()));
        System.out.println(ModelsRegistryConnection.json(out));
      } else {
        System.out.println(
            "rolled back "
                + model
                + ": v"
                + result.retired().getVersion()
                + " retired, v"
                + result.restored().getVersion()
                + " active");
      }
      return 0;
    }
  }
}
