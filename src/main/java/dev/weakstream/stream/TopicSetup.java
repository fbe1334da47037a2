package dev.weakstream.stream;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates a pipeline's topics when they are absent. */
final class TopicSetup {

  private TopicSetup() {}

  static void ensure(StreamsSettings settings, List<String> topics, int partitions) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.putAll(settings.clientOverrides());
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .distinct()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, java.util.Optional.of(partitions), java.util.Optional.empty()))
              .toList();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at " + settings.bootstrapServers() + " to create topics " + topics + ": " + e, e);
    }
  }
}
