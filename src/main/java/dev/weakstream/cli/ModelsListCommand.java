package dev.weakstream.cli;

import dev.weakstream.avro.ModelRelease;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code weakstream models list}: every version with its status, metrics and creation time. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List model versions: status, parent, metrics, created.")
final class ModelsListCommand implements Callable<Integer> {

  @Mixin ModelsCommandOptions options;

  @Override
  public Integer call() {
    try (ModelsRegistryConnection connection = ModelsRegistryConnection.open(options)) {
      List<ModelRelease> releases =
          connection.registry.list().stream()
              .filter(r -> options.model == null || r.getName().equals(options.model))
              .toList();
      if (options.json) {
        System.out.println(
            ModelsRegistryConnection.json(
                releases.stream().map(ModelsRegistryConnection::toMap).toList()));
        return 0;
      }
      if (releases.isEmpty()) {
        System.out.println(
            "no model versions on " + connection.registry.settings().topics().models().name());
        return 0;
      }
      System.out.printf(
          "%-12s %7s  %-9s  %6s  %-24s  %s%n",
          "MODEL", "VERSION", "STATUS", "PARENT", "CREATED", "METRICS");
      for (ModelRelease r : releases) {
        System.out.printf(
            "%-12s %7d  %-9s  %6s  %-24s  %s%n",
            r.getName(),
            r.getVersion(),
            r.getStatus(),
            r.getParentVersion() == null ? "-" : r.getParentVersion(),
            r.getCreatedAt(),
            ModelsRegistryConnection.metrics(r));
      }
      return 0;
    }
  }
}
