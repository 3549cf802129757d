package dev.reviewflow.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three Kafka nodes of {@code ./reviewflow up --cluster}, in this JVM on free ports: a topic declared without a
 * replication factor gets three replicas and {@code min.insync.replicas} 2, and with one node gone an
 * acknowledged ({@code acks=all}) write still succeeds.
 */
class ClusterNodesTests {

	@Test
	void everyTopicHasThreeReplicasAndSurvivesTheLossOfANode(@TempDir Path state) throws Exception {
		int first = BrokerOutageTests.freePort(23_000);
		List<Integer> ports = new ArrayList<>();
		int next = first;
		while (ports.size() < 6) {
			next = BrokerOutageTests.freePort(next);
			ports.add(next++);
		}
		String voters = IntStream.range(0, 3)
			.mapToObj(i -> (i + 1) + "@localhost:" + ports.get(3 + i))
			.collect(Collectors.joining(","));
		String clusterId = Uuid.randomUuid().toString();
		List<LocalKafka> nodes = new ArrayList<>();
		try {
			List<Thread> starting = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int node = i;
				nodes.add(null);
				// a node waits for a quorum of voters to start: the three start side by side
				starting.add(Thread.ofPlatform().start(() -> {
					try {
						LocalKafka started = LocalKafka.startClusterNode(state.resolve("kafka-" + (node + 1)),
								node + 1, ports.get(node), ports.get(3 + node), voters, clusterId);
						synchronized (nodes) {
							nodes.set(node, started);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			for (Thread thread : starting) {
				thread.join(TimeUnit.MINUTES.toMillis(2));
			}
			synchronized (nodes) {
				assertThat(nodes).doesNotContainNull();
			}
			String bootstrap = IntStream.range(0, 3).mapToObj(i -> "localhost:" + ports.get(i))
				.collect(Collectors.joining(","));
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				await().atMost(Duration.ofMinutes(1))
					.until(() -> admin.describeCluster().nodes().get().size() == 3);
				admin.createTopics(List.of(new NewTopic("reviews.votes", java.util.Optional.of(3),
						java.util.Optional.empty()))).all().get();
				TopicDescription topic = admin.describeTopics(List.of("reviews.votes")).allTopicNames().get()
					.get("reviews.votes");
				assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
				ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "reviews.votes");
				assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
					.get("min.insync.replicas").value()).isEqualTo("2");

				nodes.get(2).close();
				nodes.set(2, null);
				await().atMost(Duration.ofMinutes(1))
					.until(() -> admin.describeCluster().nodes().get().size() == 2);
			}
			Properties producer = new Properties();
			producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			producer.put(ProducerConfig.ACKS_CONFIG, "all");
			producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
			try (KafkaProducer<String, String> votes = new KafkaProducer<>(producer, new StringSerializer(),
					new StringSerializer())) {
				for (int partition = 0; partition < 3; partition++) {
					assertThat(votes.send(new ProducerRecord<>("reviews.votes", partition, "review", "vote"))
						.get(1, TimeUnit.MINUTES)
						.hasOffset()).isTrue();
				}
			}
		}
		finally {
			// side by side, as the cluster stops them: the last node stopping on its own would have no quorum to
			// approve its controlled shutdown, and would wait minutes for it
			List<Thread> stopping = new ArrayList<>();
			for (LocalKafka node : nodes) {
				if (node != null) {
					stopping.add(Thread.ofPlatform().start(node::close));
				}
			}
			for (Thread thread : stopping) {
				thread.join();
			}
		}
	}
}
