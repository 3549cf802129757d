package dev.reviewflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
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
		write(topic, key, value);
	}

	/** Writes one record, waits for the broker to acknowledge it, and returns where it was written. */
	public RecordMetadata write(String topic, String key, byte[] value) {
		try {
			return producer.send(new ProducerRecord<>(topic, key, value)).get();
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
	 * Waits until the consumer group has consumed every committed record written to the topic so far: on each
	 * partition, nothing but transaction markers or aborted records lies between its committed offset and the
	 * partition's end (the high watermark, so records behind a transaction still open count too).
	 */
	public static void awaitConsumed(String groupId, String topic) {
		String bootstrapServers = SharedInfrastructure.kafkaBootstrapServers();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
				KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
						ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
				List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
					.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
				Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
				partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
				var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
					.partitionsToOffsetAndMetadata().get();
				for (TopicPartition partition : partitions) {
					OffsetAndMetadata offset = committed.get(partition);
					long from = offset == null ? 0 : offset.offset();
					long end = ends.get(partition).offset();
					if (from < end && unreadOrOpen(reader, partition, from, end)) {
						return false;
					}
				}
				return true;
			});
		}
	}

	/**
	 * Whether a committed record lies at or after {@code from} and before {@code end}, or a transaction still open
	 * keeps the range from being read to its end within a few seconds (asked again then).
	 */
	private static boolean unreadOrOpen(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long from,
			long end) {
		reader.assign(List.of(partition));
		reader.seek(partition, from);
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (reader.position(partition) < end) {
			if (!reader.poll(Duration.ofMillis(200)).isEmpty() || System.nanoTime() > deadline) {
				return true;
			}
		}
		return false;
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
