package dev.weakstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics an application needs if they do not exist yet, so startup is idempotent
 * against both the embedded broker and a production cluster.
 *
 * <p>Existing topics are left untouched (their partition count and configs are not checked or
 * altered), and a topic created concurrently by someone else ({@link TopicExistsException}) counts
 * as present. Stateless and thread-safe. The {@link Admin} passed in stays owned by the caller; the
 * overload taking {@link KafkaClients} creates and closes its own.
 */
public final class TopicCreator {

  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

  private TopicCreator() {}

  /**
   * Creates an Admin client from {@code clients}, ensures the topics, and closes the client.
   *
   * @return the names of the topics this call created
   */
  public static List<String> ensureTopics(
      KafkaClients clients, List<NewTopicSpec> topics, Duration timeout) {
    try (Admin admin = clients.admin()) {
      return ensureTopics(admin, topics, timeout);
    }
  }

  /**
   * Creates every topic in {@code topics} that the cluster does not have yet.
   *
   * @param admin a connected Admin client; not closed here
   * @param topics the topics the application needs
   * @param timeout how long to wait for listing and creation together
   * @return the names of the topics this call created (empty if all existed)
   * @throws IllegalStateException if the cluster does not answer within {@code timeout} or refuses
   *     a creation (e.g. missing CREATE permission, replication factor above the broker count)
   */
  public static List<String> ensureTopics(
      Admin admin, List<NewTopicSpec> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> existing =
        await(
            admin
                .listTopics(
                    new ListTopicsOptions().listInternal(false).timeoutMs(remainingMs(deadline)))
                .names(),
            deadline,
            "listing topics (timeout " + timeout.toMillis() + " ms)");
    List<NewTopicSpec> absent = topics.stream().filter(t -> !existing.contains(t.name())).toList();
    if (absent.isEmpty()) {
      return List.of();
    }
    CreateTopicsResult result =
        admin.createTopics(
            absent.stream().map(NewTopicSpec::toNewTopic).toList(),
            new CreateTopicsOptions().timeoutMs(remainingMs(deadline)));
    List<String> created = new ArrayList<>();
    for (NewTopicSpec spec : absent) {
      try {
        await(
            result.values().get(spec.name()),
            deadline,
            "creating topic " + spec.name() + " (timeout " + timeout.toMillis() + " ms)");
        created.add(spec.name());
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    if (!created.isEmpty()) {
      LOG.info("Created topics {}", created.stream().sorted().collect(Collectors.joining(", ")));
      awaitLeaders(admin, created, deadline);
    }
    return List.copyOf(created);
  }

  /**
   * Waits until the leader of every partition of {@code topics} serves requests: a ListOffsets
   * request only succeeds at a partition's leader, which the admin client retries until then. A
   * producer writing to a topic created a few milliseconds earlier could otherwise have its first
   * batch refused (NOT_LEADER_OR_FOLLOWER) while its next in-flight batches were accepted, and then
   * retry the first one out of sequence until its delivery timeout (seen once on the embedded
   * broker: "Out of order sequence number ... 0 (incoming seq. number), 154"). Failures here are
   * only logged: producers retry too.
   */
  private static void awaitLeaders(Admin admin, List<String> topics, long deadline) {
    try {
      Map<String, TopicDescription> descriptions =
          await(
              admin
                  .describeTopics(
                      topics, new DescribeTopicsOptions().timeoutMs(remainingMs(deadline)))
                  .allTopicNames(),
              deadline,
              "describing topics " + topics);
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      descriptions.forEach(
          (name, description) ->
              description
                  .partitions()
                  .forEach(
                      p ->
                          partitions.put(
                              new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      await(
          admin
              .listOffsets(partitions, new ListOffsetsOptions().timeoutMs(remainingMs(deadline)))
              .all(),
          deadline,
          "waiting for the partition leaders of " + topics);
    } catch (IllegalStateException e) {
      LOG.warn(
          "Could not confirm the partition leaders of new topics {}: {}", topics, e.getMessage());
    }
  }

  private static <T> T await(KafkaFuture<T> future, long deadlineNanos, String what) {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + what, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "timed out while "
              + what
              + "; is bootstrap.servers reachable and are the client security settings right?",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException("failed " + what + ": " + cause.getMessage(), cause);
    }
  }

  private static int remainingMs(long deadlineNanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }
}
