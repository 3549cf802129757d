package dev.reviewflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.awaitility.Awaitility;

/**
 * Reads topics of the shared broker from their beginning and writes raw records to them, for tests that watch what a
 * service publishes or feed it input (well formed or not).
 */
public final class TopicProbe implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final KafkaProducer<String, byte[]> producer;

	private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

	private TopicProbe(String bootstrapServers, List<String> topics) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
				new ByteArrayDeserializer());
		this.consumer.subscribe(topics);
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
	}

	/** A probe on the shared broker. */
	public static TopicProbe on(String... topics) {
		return new TopicProbe(SharedInfrastructure.kafkaBootstrapServers(), List.of(topics));
	}

	/** Waits until a record matching the condition has been read, and returns it. */
	public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> condition) {
		return awaitAll(condition, 1).getFirst();
	}

	/** Waits until {@code count} records matching the condition have been read, and returns them. */
	public List<ConsumerRecord<String, byte[]>> awaitAll(Predicate<ConsumerRecord<String, byte[]>> condition,
			int count) {
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
			return seen.stream().filter(condition).count() >= count;
		});
		return seen.stream().filter(condition).toList();
	}

	/** Reads until it has reached the end of every partition of its topics, and returns every record read. */
	public List<ConsumerRecord<String, byte[]>> readToEnd() {
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
			consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
			var assignment = consumer.assignment();
			if (assignment.isEmpty()) {
				return false;
			}
			var ends = consumer.endOffsets(assignment);
			return assignment.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
		});
		return seen();
	}

	/** Every record read so far. */
	public List<ConsumerRecord<String, byte[]>> seen() {
		return List.copyOf(seen);
	}

	/** Writes one record and waits for the broker to acknowledge it. */
	public void send(String topic, String key, byte[] value) {
		try {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("Could not write to " + topic, ex.getCause());
		}
	}

	/**
	 * Waits until the consumer group has committed offsets up to the end of every partition of the topic, i.e. it
	 * has processed everything written there so far.
	 */
	public static void awaitConsumed(String groupId, String topic) {
		try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
				var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
				Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
				partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
						org.apache.kafka.clients.admin.OffsetSpec.latest()));
				var ends = admin.listOffsets(latest).all().get();
				var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
				return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
						|| (committed.get(end.getKey()) != null
								&& committed.get(end.getKey()).offset() >= end.getValue().offset()));
			});
		}
	}

	/** A record's header value as text, or null. */
	public static @org.jspecify.annotations.Nullable String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		consumer.close();
		producer.close();
	}
}
