package dev.weakstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code weakstream models}: the pipeline's model registry (versions on its Kafka models topic).
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "The pipeline's model registry: model versions and their status (candidate, active, retired) on the "
          + "compacted <pipeline>-models topic, artifacts in chunks on <pipeline>-model-artifacts.",
      "Every running pipeline instance follows the topic and swaps in the active version.",
      "",
      "Examples:",
      "  weakstream models list topology/youtube-spam.yaml",
      "  weakstream models promote topology/youtube-spam.yaml 3 --margin 0.01",
      "  weakstream models rollback topology/youtube-spam.yaml",
      ""
    },
    subcommands = {
      ModelsListCommand.class,
      ModelsShowCommand.class,
      ModelsPromoteCommand.class,
      ModelsRollbackCommand.class,
      ModelsPublishCommand.class,
    })
final class ModelsCommand implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
