package dev.reviewflow.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The transactional outbox on Spring Modulith's JDBC event publication registry: {@link CloudEvent}s published in a
 * transaction are externalized to their topic, keyed by subject, as structured-mode JSON with
 * {@code content-type: application/cloudevents+json}. Publications Kafka has not acknowledged are resubmitted.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, ReviewflowSchedulingAutoConfiguration.class })
@ConditionalOnClass({ EventExternalizationConfiguration.class, JdbcClient.class })
@ConditionalOnBean(JdbcClient.class)
@EnableConfigurationProperties(ReviewflowOutboxProperties.class)
public class ReviewflowOutboxAutoConfiguration {

	private static final byte[] CONTENT_TYPE = CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

	@Bean
	EventExternalizationConfiguration cloudEventExternalization() {
		CloudEventCodec codec = new CloudEventCodec();
		return EventExternalizationConfiguration.externalizing()
			.select(event -> event instanceof CloudEvent<?>)
			.route(CloudEvent.class, event -> RoutingTarget.forTarget(event.topic().name()).andKey(event.subject()))
			.mapping(CloudEvent.class, event -> record(codec, event))
			.build();
	}

	/**
	 * The record of an event: its JSON, the content type, and the trace it was published in as the
	 * {@code traceparent} header too, where Kafka consumers' tracing looks for it. (Headers made here: Modulith asks
	 * for headers with the mapped payload, no longer the event.)
	 */
	static Message<byte[]> record(CloudEventCodec codec, CloudEvent<?> event) {
		MessageBuilder<byte[]> record = MessageBuilder.withPayload(codec.encode(event)).setHeader("content-type",
				CONTENT_TYPE);
		if (event.traceparent() != null) {
			record.setHeader("traceparent", event.traceparent().getBytes(StandardCharsets.US_ASCII));
		}
		return record.build();
	}

	/**
	 * Modulith's repository with the completion of publications batched ({@link BatchedCompletions}), in the default
	 * completion mode (UPDATE) Modulith's own repository has; its writer is closed when the repository is destroyed.
	 */
	@Bean
	static BeanPostProcessor batchedOutboxCompletions(ObjectProvider<JdbcClient> jdbc, Environment environment) {
		boolean update = environment.getProperty("spring.modulith.events.completion-mode", "update")
			.equalsIgnoreCase("update");
		Map<String, BatchedCompletions> wrapped = new ConcurrentHashMap<>();
		return new DestructionAwareBeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (update && bean instanceof EventPublicationRepository repository
						&& !(bean instanceof BatchedCompletions)) {
					return wrapped.computeIfAbsent(name, key -> new BatchedCompletions(repository, jdbc.getObject()));
				}
				return bean;
			}

			@Override
			public boolean requiresDestruction(Object bean) {
				return bean instanceof EventPublicationRepository;
			}

			@Override
			public void postProcessBeforeDestruction(Object bean, String name) {
				BatchedCompletions completions = wrapped.remove(name);
				if (completions != null) {
					completions.close();
				}
			}
		};
	}

	@Bean
	Outbox outbox(ApplicationEventPublisher publisher, Environment environment, ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator) {
		// looked up once: a lookup per event was 6 % of a vote request's CPU (the bean factory's candidate search)
		Tracer currentTracer = tracer.getIfUnique();
		Propagator currentPropagator = propagator.getIfUnique();
		return new Outbox(publisher, environment.getRequiredProperty("spring.application.name"),
				() -> traceparent(currentTracer, currentPropagator));
	}

	/** The W3C {@code traceparent} of the current span; null without tracing or outside any span. */
	static @Nullable String traceparent(@Nullable Tracer tracer, @Nullable Propagator propagator) {
		if (tracer == null || propagator == null) {
			return null;
		}
		TraceContext context = tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new java.util.HashMap<>();
		propagator.inject(context, carrier, Map::put);
		String traceparent = carrier.get("traceparent");
		return CloudEvent.isTraceparent(traceparent) ? traceparent : null;
	}

	@Bean
	ProcessedEvents processedEvents(JdbcClient jdbc) {
		return new ProcessedEvents(jdbc);
	}

	@Bean
	RateLimits rateLimits(JdbcClient jdbc) {
		return new RateLimits(jdbc);
	}

	/** Hourly, forgets rate-limit hits older than the longest window, so the table holds only the last day. */
	@Bean
	SchedulingConfigurer rateLimitExpiry(RateLimits rateLimits) {
		return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(() -> {
			try {
				rateLimits.forgetExpired();
			}
			catch (RuntimeException ex) {
				LoggerFactory.getLogger(RateLimits.class).warn("Could not forget old rate-limit hits: {}",
						ex.getMessage());
			}
		}, Duration.ofHours(1), Duration.ofMinutes(1)));
	}

	@Bean
	MeterBinder outboxMetrics(JdbcClient jdbc) {
		return new OutboxMetrics(jdbc);
	}

	@Bean
	OutboxResubmission outboxResubmission(IncompleteEventPublications publications,
			CompletedEventPublications completed, ReviewflowOutboxProperties properties) {
		return new OutboxResubmission(publications, completed, properties);
	}

	/**
	 * Sends again what Kafka has not acknowledged, e.g. after the broker was down, and forgets what it acknowledged
	 * longer ago than {@code keepCompleted}.
	 */
	static final class OutboxResubmission implements SchedulingConfigurer {

		private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);

		private final IncompleteEventPublications publications;

		private final CompletedEventPublications completed;

		private final ReviewflowOutboxProperties properties;

		OutboxResubmission(IncompleteEventPublications publications, CompletedEventPublications completed,
				ReviewflowOutboxProperties properties) {
			this.publications = publications;
			this.completed = completed;
			this.properties = properties;
		}

		/** Every {@code check-every}, the first time {@code check-every} after the start. */
		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			registrar.addFixedDelayTask(
					new FixedDelayTask(this::resubmit, properties.checkEvery(), properties.checkEvery()));
		}

		void resubmit() {
			try {
				publications.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter());
				completed.deletePublicationsOlderThan(properties.keepCompleted());
			}
			catch (RuntimeException ex) {
				log.warn("Could not resubmit outstanding event publications: {}", ex.getMessage());
			}
		}
	}
}
