package dev.reviewflow.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;

/**
 * Which partitions are held by a record that keeps failing for a transient reason (the error handler retries it with
 * back-off until it succeeds): counted in {@code reviewflow.consumer.retries{topic}}, shown by the gauge
 * {@code reviewflow.consumer.retrying} and, once a partition has been held longer than {@code readinessAfter}, by
 * the readiness health group ({@code eventConsumers} OUT_OF_SERVICE, with the topic, partition, offset, attempts and
 * the last failure). The first success on the partition, the record going to its dead-letter topic, or the
 * partition moving to another consumer ends it.
 */
final class ConsumerRetries implements RetryListener, RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object>,
		ConsumerAwareRebalanceListener, HealthIndicator {

	/** A partition held by one failing record. */
	record Held(long offset, Instant since, int attempts, String failure) {
	}

	private final Map<TopicPartition, Held> held = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Duration readinessAfter;

	private final Clock clock;

	ConsumerRetries(MeterRegistry meters, Duration readinessAfter, Clock clock) {
		this.meters = meters;
		this.readinessAfter = readinessAfter;
		this.clock = clock;
		Gauge.builder("reviewflow.consumer.retrying", held, Map::size)
			.description("Partitions held by a record that is being retried after a transient failure")
			.register(meters);
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		meters.counter("reviewflow.consumer.retries", "topic", record.topic()).increment();
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		String failure = ex.getClass().getSimpleName() + ": " + rootMessage(ex);
		held.compute(partition, (key, before) -> before != null && before.offset() == record.offset()
				? new Held(record.offset(), before.since(), deliveryAttempt, failure)
				: new Held(record.offset(), clock.instant(), deliveryAttempt, failure));
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
		released(record);
	}

	/**
	 * A batch listener's batch failed as a whole: each of its partitions is held at its first record. A failure the
	 * listener pinned on one record ({@link BatchListenerFailedException}) is not one: that record is retried, or
	 * dead-lettered, on its own, and reported as such.
	 */
	@Override
	public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof BatchListenerFailedException) {
				return;
			}
		}
		for (TopicPartition partition : records.partitions()) {
			failedDelivery(records.records(partition).getFirst(), ex, deliveryAttempt);
		}
	}

	@Override
	public void recovered(ConsumerRecords<?, ?> records, Exception ex) {
		records.forEach(this::released);
	}

	@Override
	public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
			Consumer<Object, Object> consumer) {
		return records;
	}

	@Override
	public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
		if (!held.isEmpty()) {
			records.partitions().forEach(held::remove);
		}
	}

	@Override
	public @Nullable ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		return record;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		released(record);
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		partitions.forEach(held::remove);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		partitions.forEach(held::remove);
	}

	private void released(ConsumerRecord<?, ?> record) {
		if (!held.isEmpty()) {
			held.remove(new TopicPartition(record.topic(), record.partition()));
		}
	}

	@Override
	public Health health() {
		Instant now = clock.instant();
		Map<String, Object> stuck = new java.util.TreeMap<>();
		held.forEach((partition, state) -> {
			if (Duration.between(state.since(), now).compareTo(readinessAfter) >= 0) {
				stuck.put(partition.toString(), Map.of("offset", state.offset(), "since", state.since().toString(),
						"attempts", state.attempts(), "failure", state.failure()));
			}
		});
		return stuck.isEmpty() ? Health.up().build() : Health.outOfService().withDetail("retrying", stuck).build();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}
}
