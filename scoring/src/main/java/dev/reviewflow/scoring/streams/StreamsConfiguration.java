package dev.reviewflow.scoring.streams;

import java.util.List;
import java.util.Properties;

import dev.reviewflow.events.Topic;
import dev.reviewflow.platform.ReviewflowKafkaProperties;
import dev.reviewflow.scoring.topology.Outputs;
import dev.reviewflow.scoring.topology.ScoringSettings;
import dev.reviewflow.scoring.topology.ScoringTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.internals.GlobalStreamThread;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.streams.KafkaStreamsDeadLetterDestinationResolver;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.kafka.streams.RecoveringProcessingExceptionHandler;

/**
 * Runs the {@link ScoringTopology} in the application's Kafka Streams instance. A record that cannot be read or
 * processed goes to {@code <topic>.DLT} through Kafka Streams' own dead-letter queue, inside the exactly-once
 * transaction, and processing continues.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

	@Bean
	Outputs outputs(KafkaProperties kafka) {
		return Outputs.live(kafka.getStreams().getApplicationId());
	}

	@Bean
	Object scoringTopology(StreamsBuilder builder, ScoringSettings settings, MeterRegistry meters, Outputs outputs) {
		return ScoringTopology.build(builder, settings, meters, outputs);
	}

	/** Entries in each state store (approximate, as RocksDB estimates them); NaN while the stores cannot answer. */
	@Bean
	MeterBinder stateStoreSizes(KafkaStreamsInteractiveQueryService queries) {
		return registry -> {
			for (String store : List.of(ScoringTopology.USER_RATINGS, ScoringTopology.TITLE_TALLIES,
					ScoringTopology.REVIEW_STATES, ScoringTopology.TITLE_REVIEWS, ScoringTopology.VOTER_VOTES, ScoringTopology.REVIEW_TALLIES)) {
				Gauge.builder("reviewflow.scoring.store.entries", queries, q -> {
					try {
						return q.retrieveQueryableStore(store, QueryableStoreTypes.keyValueStore())
							.approximateNumEntries();
					}
					catch (RuntimeException ex) {
						return Double.NaN;
					}
				}).tag("store", store).register(registry);
			}
		};
	}

	/** Where the topology keeps C of the weighted rating, for every instance to read. */
	@Bean
	NewTopic globalRatingsTopic(ReviewflowKafkaProperties kafka, Outputs outputs) {
		return TopicBuilder.name(outputs.globalRatings())
			.partitions(1)
			.replicas(kafka.replicationFactor())
			.compact()
			.build();
	}

	@Bean
	StreamsBuilderFactoryBeanConfigurer deadLetters(MeterRegistry meters) {
		KafkaStreamsDeadLetterDestinationResolver toDeadLetterTopic = (context, record, exception) -> {
			meters.counter("reviewflow.dead.lettered", "topic", context.topic()).increment();
			return new TopicPartition(Topic.deadLetterTopicOf(context.topic()), context.partition());
		};
		return factory -> {
			Properties properties = factory.getStreamsConfiguration();
			properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
					RecoveringDeserializationExceptionHandler.class);
			properties.put(RecoveringDeserializationExceptionHandler.DLQ_DESTINATION_RESOLVER, toDeadLetterTopic);
			properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
					RecoveringProcessingExceptionHandler.class);
			properties.put(RecoveringProcessingExceptionHandler.DLQ_DESTINATION_RESOLVER, toDeadLetterTopic);
			factory.setStreamsConfiguration(properties);
			// hand partitions over at once on shutdown instead of after the session timeout
			factory.setLeaveGroupOnClose(true);
		};
	}

	/**
	 * A stream thread that dies of an exception no handler takes is replaced, instead of Kafka's default of stopping
	 * the whole client for good (scoring would then answer 503 until restarted). Seen after a crash of the broker: its
	 * group coordinator reloaded a group from its log and fenced the static member that had just rejoined. The
	 * replacement joins as a new member (its thread index is part of its {@code group.instance.id}); the dead thread's
	 * tasks come back to work once its static membership times out ({@code session.timeout.ms}), and its open
	 * transaction is aborted (exactly-once), so no input is counted twice or lost. Kafka cannot replace the global
	 * thread: its death stops the client, as before.
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer replaceDeadStreamThreads(MeterRegistry meters) {
		Counter replaced = Counter.builder("reviewflow.streams.threads.replaced")
			.description("Stream threads that died of an unhandled exception and were replaced")
			.register(meters);
		return factory -> factory.setStreamsUncaughtExceptionHandler(exception -> {
			// Kafka Streams logs the exception with the response
			if (Thread.currentThread() instanceof GlobalStreamThread) {
				return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
			}
			replaced.increment();
			return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
		});
	}

	/** Ready only while the topology is RUNNING: before that, its stores cannot answer queries. */
	@Bean
	HealthIndicator kafkaStreams(StreamsBuilderFactoryBean factory) {
		return () -> {
			KafkaStreams streams = factory.getKafkaStreams();
			KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
			return (state == KafkaStreams.State.RUNNING ? Health.up() : Health.outOfService())
				.withDetail("state", state.name())
				.build();
		};
	}

	@Bean
	KafkaStreamsInteractiveQueryService interactiveQueries(StreamsBuilderFactoryBean factory) {
		return new KafkaStreamsInteractiveQueryService(factory);
	}
}
