package dev.reviewflow.platform;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.MalformedEventException;
import dev.reviewflow.events.Topic;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.kafka.CloudEventSerde;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka the reviewflow way: the topics this service publishes and the dead-letter topics of those it reads declared
 * ({@code reviewflow.kafka.publishes}/{@code consumes}), producers that
 * write CloudEvents or raw bytes, and one error handler that tells transient failures from poison: a record that
 * failed because the database or the broker was unavailable or timed out is tried again, with exponential back-off,
 * until it succeeds (holding its partition, so events of one key stay in order); a record that can never succeed
 * (undeserializable, invalid, of an unknown type, or failing for any other reason) moves at once to
 * {@code <topic>.DLT} with the failure in its headers, and the partition goes on.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ReviewflowKafkaProperties.class)
public class ReviewflowKafkaAutoConfiguration {

	/**
	 * The topics this service owns: those it publishes ({@code reviewflow.kafka.publishes}), with their partitions and
	 * cleanup policy, kept without time limit, and the dead-letter topics of those it reads
	 * ({@code reviewflow.kafka.consumes}).
	 */
	@Bean
	KafkaAdmin.NewTopics reviewflowTopics(ReviewflowKafkaProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (Topic topic : properties.publishedTopics()) {
			topics.add(TopicBuilder.name(topic.name())
				.partitions(Topics.PARTITIONS)
				.replicas(properties.replicationFactor())
				.config("cleanup.policy", topic.cleanup().policy())
				// the events are the source of every figure, and a replay rebuilds the scores from all of them:
				// none expires, whatever the broker's default retention
				.config("retention.ms", "-1")
				.build());
		}
		for (Topic topic : properties.consumedTopics()) {
			topics.add(TopicBuilder.name(topic.deadLetterTopic())
				.partitions(Topics.PARTITIONS)
				.replicas(properties.replicationFactor())
				.build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	/**
	 * Listener containers on platform threads, whatever {@code spring.threads.virtual.enabled} says (Boot then gives
	 * them virtual ones). A consumer is a long-lived loop that parks on every poll and on every JDBC round trip; as a
	 * virtual thread it went back to the end of the carriers' queue each time, behind every request's virtual thread,
	 * so under request load the pipeline got a small share of the cores and fell tens of seconds behind the writes it
	 * follows (moderation screened about 30 reviews/s while review-intake accepted 170/s). As platform threads the
	 * kernel's scheduler gives the few consumer threads their share.
	 */
	@Bean
	@ConditionalOnMissingBean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> platformThreadListeners() {
		return container -> {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(container.getListenerId() + "-");
			executor.setVirtualThreads(false);
			container.getContainerProperties().setListenerTaskExecutor(executor);
		};
	}

	/** Before the first listener starts: every listener's topic is listed as consumed. */
	@Bean
	@ConditionalOnMissingBean
	ConsumedTopics consumedTopics(ReviewflowKafkaProperties properties, Environment environment,
			ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
		KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
		return new ConsumedTopics(properties, environment.getProperty("spring.application.name", "this service"),
				registry, null, (registry == null ? Integer.MAX_VALUE : registry.getPhase()) - 1);
	}

	/**
	 * With a Kafka Streams application, which stops for good when a source topic is missing: before it starts, it also
	 * waits for the topics it reads and writes.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.kafka.streams.KafkaStreams")
	@ConditionalOnBean(StreamsBuilderFactoryBean.class)
	static class StreamsTopics {

		@Bean
		ConsumedTopics consumedTopics(ReviewflowKafkaProperties properties, Environment environment,
				ObjectProvider<KafkaListenerEndpointRegistry> listeners, KafkaAdmin admin,
				StreamsBuilderFactoryBean streams) {
			KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
			int phase = Math.min(registry == null ? Integer.MAX_VALUE : registry.getPhase(), streams.getPhase()) - 1;
			return new ConsumedTopics(properties, environment.getProperty("spring.application.name", "this service"),
					registry, admin, phase);
		}
	}

	@Bean
	BatchSpans batchSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new BatchSpans(tracer.getIfUnique(), propagator.getIfUnique());
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

	/**
	 * Where a poison record goes: the same partition of its topic's dead-letter topic
	 * ({@link Topic#deadLetterTopicOf}), counted in {@code reviewflow.dead.lettered} by source topic.
	 */
	static BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> deadLetterDestination(MeterRegistry meters) {
		return (record, ex) -> {
			meters.counter("reviewflow.dead.lettered", "topic", record.topic()).increment();
			return new TopicPartition(Topic.deadLetterTopicOf(record.topic()), record.partition());
		};
	}

	/** Failures that pass: the database, the broker or a lock was not available in time. */
	static final List<Class<? extends Exception>> TRANSIENT = List.of(TransientDataAccessException.class,
			RecoverableDataAccessException.class, DataAccessResourceFailureException.class,
			CannotCreateTransactionException.class, TransactionSystemException.class, RetriableException.class,
			SQLTransientException.class, SQLRecoverableException.class, java.util.concurrent.TimeoutException.class);

	/** Also the {@code eventConsumers} health indicator of the readiness group. */
	@Bean
	ConsumerRetries eventConsumers(MeterRegistry meters, ReviewflowKafkaProperties properties) {
		return new ConsumerRetries(meters, properties.retryingUnreadyAfter(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	CommonErrorHandler deadLetteringErrorHandler(KafkaOperations<Object, Object> template,
			ReviewflowKafkaProperties properties, MeterRegistry meters, ConsumerRetries retries) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				deadLetterDestination(meters));
		ExponentialBackOff untilItSucceeds = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2);
		untilItSucceeds.setMaxInterval(properties.retryMaxInterval().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, untilItSucceeds);
		// not retryable unless listed; the built-in fatal ones (deserialization, conversion) stay fatal
		handler.defaultFalse(true);
		handler.addRetryableExceptions(TRANSIENT.toArray(Class[]::new));
		// poison whatever it wraps: an invalid event stays invalid
		handler.addNotRetryableExceptions(MalformedEventException.class, IllegalArgumentException.class);
		handler.setRetryListeners(retries);
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}
}
