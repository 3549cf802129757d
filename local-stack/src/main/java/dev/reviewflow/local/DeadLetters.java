package dev.reviewflow.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.reviewflow.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./reviewflow dlt}: the records in every dead-letter topic ({@code <topic>.DLT}, written by Spring Kafka's
 * {@code DeadLetterPublishingRecoverer} for the listeners and for Kafka Streams alike) with the failure their headers
 * carry, and sending chosen ones back to the topic and partition they came from. A record sent back keeps its key,
 * value and headers (the {@code kafka_dlt-*} ones dropped) and gains {@value #RESENT_FROM} naming the dead letter;
 * consumers skip an event id they have processed, so sending one back twice counts it once.
 */
final class DeadLetters implements AutoCloseable {

	static final String RESENT_FROM = "reviewflow-resent-from";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Admin admin;

	private final Map<String, Object> consumerSettings;

	private final KafkaProducer<byte[], byte[]> producer;

	/** One dead-lettered record and what its headers say about the failure. */
	record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, @Nullable String key,
			String originalTopic, int originalPartition, long originalOffset, @Nullable String consumerGroup,
			@Nullable String exception, @Nullable String message, @Nullable String rootCause, @Nullable String eventType,
			@Nullable String eventId, @Nullable String resentFrom, ConsumerRecord<byte[], byte[]> record) {

		/** When the record was first written to its source topic (the header), else when it was dead-lettered. */
		long originalTimestamp() {
			Header header = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
			return header != null && header.value().length == Long.BYTES ? ByteBuffer.wrap(header.value()).getLong()
					: record.timestamp();
		}

		/** {@code topic:partition:offset}, how the command line names it. */
		String coordinates() {
			return topic + ":" + partition + ":" + offset;
		}

		/** A few lines for a person: where it came from, what it is, why it failed. */
		String describe() {
			StringBuilder text = new StringBuilder();
			text.append("  ").append(partition).append(':').append(offset).append("  ").append(deadLetteredAt)
				.append("  key=").append(key).append('\n');
			text.append("      from ").append(originalTopic).append(' ').append(originalPartition).append(':')
				.append(originalOffset);
			if (consumerGroup != null) {
				text.append(" (consumer ").append(consumerGroup).append(')');
			}
			text.append('\n');
			text.append("      event ").append(eventType == null ? "(not a readable CloudEvent)" : eventType);
			if (eventId != null) {
				text.append(" id=").append(eventId);
			}
			text.append('\n');
			if (resentFrom != null) {
				text.append("      was sent back from ").append(resentFrom).append(" and failed again\n");
			}
			text.append("      failed: ").append(exception);
			if (message != null) {
				text.append(": ").append(message.lines().findFirst().orElse(""));
			}
			text.append('\n');
			if (rootCause != null) {
				text.append("      root cause: ").append(rootCause).append('\n');
			}
			return text.toString();
		}
	}

	/** Where a record sent back landed. */
	record Resent(DeadLetter deadLetter, String topic, int partition, long offset) {
	}

	DeadLetters(String bootstrapServers) {
		// a stack that is not up answers within seconds, not after the clients' default minute
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5_000));
		this.consumerSettings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	/** Every dead-letter topic with what it holds now, by topic name; empty topics included. */
	Map<String, List<DeadLetter>> list() throws ExecutionException, InterruptedException, TimeoutException {
		Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS);
		Map<String, List<DeadLetter>> byTopic = new TreeMap<>();
		topics.stream().filter(Topic::isDeadLetterTopic).forEach(topic -> byTopic.put(topic, new ArrayList<>()));
		for (DeadLetter deadLetter : read(byTopic.keySet())) {
			byTopic.get(deadLetter.topic()).add(deadLetter);
		}
		return byTopic;
	}

	/**
	 * Sends the dead letters of one topic that match back to where they came from, waiting until the broker has
	 * them; in the dead-letter topic's order, so records of one key keep their order.
	 */
	List<Resent> resend(String deadLetterTopic, Predicate<DeadLetter> chosen)
			throws ExecutionException, InterruptedException, TimeoutException {
		Topic.sourceOfDeadLetterTopic(deadLetterTopic); // refuses a name that is none
		List<Resent> resent = new ArrayList<>();
		for (DeadLetter deadLetter : read(Set.of(deadLetterTopic))) {
			if (!chosen.test(deadLetter)) {
				continue;
			}
			RecordHeaders headers = new RecordHeaders();
			for (Header header : deadLetter.record().headers()) {
				if (!header.key().startsWith("kafka_dlt-") && !header.key().equals(RESENT_FROM)) {
					headers.add(header);
				}
			}
			headers.add(RESENT_FROM, deadLetter.coordinates().getBytes(StandardCharsets.UTF_8));
			RecordMetadata metadata = producer
				.send(new ProducerRecord<>(deadLetter.originalTopic(), deadLetter.originalPartition(),
						deadLetter.originalTimestamp(), deadLetter.record().key(), deadLetter.record().value(), headers))
				.get();
			resent.add(new Resent(deadLetter, metadata.topic(), metadata.partition(), metadata.offset()));
		}
		return resent;
	}

	/** Reads the topics from their beginning to their current end (committed records only). */
	private List<DeadLetter> read(Collection<String> topics)
			throws ExecutionException, InterruptedException, TimeoutException {
		List<TopicPartition> partitions = new ArrayList<>();
		admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS).values().forEach(description -> description.partitions()
			.forEach(partition -> partitions.add(new TopicPartition(description.name(), partition.partition()))));
		List<DeadLetter> read = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings,
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("could not read the dead-letter topics to their end within 60 s");
				}
				consumer.poll(Duration.ofMillis(500)).forEach(record -> read.add(deadLetter(record)));
			}
		}
		return read;
	}

	private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
		String originalTopic = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		byte[] partition = bytes(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
		byte[] offset = bytes(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
		String eventType = null;
		String eventId = null;
		try {
			JsonNode event = record.value() == null ? null : JSON.readTree(record.value());
			if (event != null && event.isObject() && event.path("type").isString()) {
				eventType = event.path("type").asString();
				eventId = event.path("id").isString() ? event.path("id").asString() : null;
			}
		}
		catch (RuntimeException notJson) {
			// shown as not a readable CloudEvent
		}
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()),
				record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
				originalTopic != null ? originalTopic
						: Topic.sourceOfDeadLetterTopic(record.topic()),
				partition != null && partition.length == Integer.BYTES ? ByteBuffer.wrap(partition).getInt()
						: record.partition(),
				offset != null && offset.length == Long.BYTES ? ByteBuffer.wrap(offset).getLong() : -1,
				text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP), text(record, KafkaHeaders.DLT_EXCEPTION_FQCN),
				text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE), rootCause(text(record, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)),
				eventType, eventId, text(record, RESENT_FROM), record);
	}

	/** The innermost "Caused by:" of a stack trace, without the prefix; null when there is none. */
	private static @Nullable String rootCause(@Nullable String stackTrace) {
		if (stackTrace == null) {
			return null;
		}
		return stackTrace.lines()
			.filter(line -> line.startsWith("Caused by: "))
			.reduce((first, second) -> second)
			.map(line -> line.substring("Caused by: ".length()))
			.orElse(null);
	}

	private static byte @Nullable [] bytes(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : header.value();
	}

	private static @Nullable String text(ConsumerRecord<byte[], byte[]> record, String name) {
		byte[] value = bytes(record, name);
		return value == null ? null : new String(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		producer.close(Duration.ofSeconds(5));
		admin.close();
	}
}
