package dev.reviewflow.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.Topic;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.kafka.CloudEventSerde;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka the reviewflow way: every topic of the architecture (and its dead-letter topic) declared, producers that
 * write CloudEvents or raw bytes, and one error handler that retries a failed record a bounded number of times and
 * then moves it to {@code <topic>.DLT} with the failure in its headers, so a partition never stalls.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ReviewflowKafkaProperties.class)
public class ReviewflowKafkaAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics reviewflowTopics(ReviewflowKafkaProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (Topic topic : Topics.ALL) {
			topics.add(TopicBuilder.name(topic.name())
				.partitions(Topics.PARTITIONS)
				.replicas(properties.replicationFactor())
				.config("cleanup.policy", topic.cleanup().policy())
				.build());
			topics.add(TopicBuilder.name(topic.deadLetterTopic())
				.partitions(Topics.PARTITIONS)
				.replicas(properties.replicationFactor())
				.build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	HealthIndicator kafka(KafkaAdmin admin) {
		return new KafkaHealth(admin);
	}

	/** Values are either CloudEvents or bytes that are already encoded (outbox payloads, dead letters). */
	@Bean
	DefaultKafkaProducerFactoryCustomizer cloudEventValueSerializer() {
		Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
		byType.put(byte[].class, new ByteArraySerializer());
		byType.put(CloudEvent.class, new CloudEventSerde());
		DelegatingByTypeSerializer serializer = new DelegatingByTypeSerializer(byType, true);
		return factory -> setValueSerializer(factory, serializer);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void setValueSerializer(org.springframework.kafka.core.DefaultKafkaProducerFactory<?, ?> factory,
			Serializer<?> serializer) {
		((org.springframework.kafka.core.DefaultKafkaProducerFactory) factory).setValueSerializerSupplier(() -> serializer);
	}

	/** Messages map to records as they are: no JSON type headers added to what other services read. */
	@Bean
	@ConditionalOnMissingBean
	RecordMessageConverter recordMessageConverter() {
		MessagingMessageConverter converter = new MessagingMessageConverter();
		converter.setHeaderMapper(new SimpleKafkaHeaderMapper());
		return converter;
	}

	@Bean
	@ConditionalOnMissingBean
	CommonErrorHandler deadLetteringErrorHandler(KafkaOperations<Object, Object> template,
			ReviewflowKafkaProperties properties, MeterRegistry meters) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, ex) -> {
			meters.counter("reviewflow.dead.lettered", "topic", record.topic()).increment();
			return new TopicPartition(record.topic() + ".DLT", record.partition());
		});
		return new DefaultErrorHandler(recoverer,
				new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
	}
}
