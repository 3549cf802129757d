package dev.reviewflow.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.reviewflow.events.Topic;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Each service declares the topics it publishes and the dead-letter topics of those it reads, as its
 * {@code application.yml} lists them; together the three own every topic of the architecture exactly once.
 */
class TopicOwnershipTests {

	static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReviewflowKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.listener.auto-startup=false")
		.withBean(io.micrometer.core.instrument.MeterRegistry.class,
				io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);

	/** The service's own application.yml, read from its module. */
	static PropertySource<?> serviceConfiguration(String module) throws IOException {
		return new YamlPropertySourceLoader()
			.load(module, new FileSystemResource(REPOSITORY.resolve(module).resolve("src/main/resources/application.yml")))
			.getFirst();
	}

	/** What KafkaAdmin creates for a service, as its application.yml configures it. */
	List<NewTopic> newTopics(String module) throws IOException {
		PropertySource<?> configuration = serviceConfiguration(module);
		List<NewTopic> topics = new ArrayList<>();
		runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(configuration))
			.run(context -> {
				assertThat(context).hasNotFailed();
				// NewTopics keeps its list to the package
				Collection<NewTopic> declared = ReflectionTestUtils
					.invokeMethod(context.getBean("reviewflowTopics", KafkaAdmin.NewTopics.class), "getNewTopics");
				topics.addAll(declared);
			});
		return topics;
	}

	/** The topics a service declares, by name, each with its cleanup policy ("" for a dead-letter topic). */
	Map<String, String> declared(String module) throws IOException {
		Map<String, String> declared = new HashMap<>();
		for (NewTopic topic : newTopics(module)) {
			assertThat(topic.numPartitions()).isEqualTo(Topics.PARTITIONS);
			assertThat(declared.put(topic.name(),
					topic.configs() == null ? "" : topic.configs().getOrDefault("cleanup.policy", "")))
				.as(module + " declares " + topic.name() + " once")
				.isNull();
		}
		return declared;
	}

	@Test
	void eachServiceDeclaresWhatItPublishesAndTheDeadLetterTopicsOfWhatItReads() throws IOException {
		assertThat(declared("review-intake")).containsOnly(Map.entry("reviews.review-events", "delete"),
				Map.entry("reviews.ratings", "delete"), Map.entry("reviews.moderation-decisions.DLT", ""),
				Map.entry("reviews.review-scores.DLT", ""), Map.entry("reviews.moderation-policy.DLT", ""));
		assertThat(declared("moderation")).containsOnly(Map.entry("reviews.votes", "delete"),
				Map.entry("reviews.reports", "delete"), Map.entry("reviews.moderation-decisions", "delete"),
				Map.entry("reviews.moderation-policy", "compact"), Map.entry("reviews.review-events.DLT", ""));
		// moderation no longer creates scoring's topics, nor anyone another's
		assertThat(declared("scoring")).containsOnly(Map.entry("reviews.title-scores", "compact"),
				Map.entry("reviews.review-scores", "compact"), Map.entry("reviews.ratings.DLT", ""),
				Map.entry("reviews.review-events.DLT", ""), Map.entry("reviews.votes.DLT", ""),
				Map.entry("reviews.moderation-decisions.DLT", ""), Map.entry("reviews.title-scores.DLT", ""),
				Map.entry("reviews.review-scores.DLT", ""));
	}

	/**
	 * The events are the source of every figure and a replay rebuilds the scores from all of them: every topic a
	 * service publishes is kept without time limit by its own configuration, whatever the broker's default.
	 */
	@Test
	void everyTopicAServicePublishesIsKeptWithoutTimeLimit() throws IOException {
		Set<String> published = new java.util.HashSet<>();
		for (String module : List.of("review-intake", "moderation", "scoring")) {
			for (NewTopic topic : newTopics(module)) {
				if (!topic.name().endsWith(".DLT")) {
					assertThat(topic.configs()).as(topic.name()).containsEntry("retention.ms", "-1");
					published.add(topic.name());
				}
			}
		}
		assertThat(published).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
	}

	/** Every topic has exactly one publisher, and every topic someone reads is published by someone. */
	@Test
	void togetherTheServicesOwnEveryTopicOnce() throws IOException {
		Map<String, String> publisher = new HashMap<>();
		Set<String> read = new java.util.HashSet<>();
		for (String module : List.of("review-intake", "moderation", "scoring")) {
			PropertySource<?> configuration = serviceConfiguration(module);
			runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(configuration))
				.run(context -> {
					ReviewflowKafkaProperties properties = context.getBean(ReviewflowKafkaProperties.class);
					for (Topic topic : properties.publishedTopics()) {
						assertThat(publisher.put(topic.name(), module)).as(topic.name() + " has one publisher").isNull();
					}
					properties.consumedTopics().forEach(topic -> read.add(topic.name()));
				});
		}
		assertThat(publisher.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
		assertThat(publisher).containsEntry("reviews.title-scores", "scoring")
			.containsEntry("reviews.review-events", "review-intake")
			.containsEntry("reviews.moderation-decisions", "moderation");
		assertThat(publisher.keySet()).containsAll(read);
	}

	@Test
	void aTopicThatIsNoneOfTheArchitecturesStopsTheService() {
		runner.withPropertyValues("reviewflow.kafka.publishes=reviews.review-event").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reviewflow.kafka.publishes names 'reviews.review-event', which is no topic");
		});
		runner.withPropertyValues("reviewflow.kafka.consumes=reviews.votes,reviews.votes")
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("lists a topic twice"));
	}

	@Test
	void aListenerOnATopicTheServiceDoesNotListAsConsumedStopsIt() {
		runner.withUserConfiguration(VotesListener.class)
			.withPropertyValues("spring.application.name=test-service", "reviewflow.kafka.consumes=reviews.ratings")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("test-service's listener test.votes reads reviews.votes, which "
							+ "reviewflow.kafka.consumes [reviews.ratings] does not list")
					.hasMessageContaining("reviews.votes.DLT");
			});
		runner.withUserConfiguration(VotesListener.class)
			.withPropertyValues("reviewflow.kafka.consumes=reviews.ratings,reviews.votes")
			.run(context -> assertThat(context).hasNotFailed());
	}

	/** A listener service does not wait; a Kafka Streams application waits just before its topology starts. */
	@Test
	void onlyAKafkaStreamsApplicationWaitsForItsTopics() {
		runner.run(context -> assertThat(context.getBean(ConsumedTopics.class)).hasFieldOrPropertyWithValue("awaitWith",
				null));
		runner.withUserConfiguration(Streams.class).run(context -> {
			ConsumedTopics topics = context.getBean(ConsumedTopics.class);
			assertThat(topics).extracting("awaitWith").isInstanceOf(KafkaAdmin.class);
			assertThat(topics.getPhase()).isEqualTo(context.getBean(StreamsBuilderFactoryBean.class).getPhase() - 1);
		});
	}

	@Test
	void theStreamsApplicationStartsOnceTheTopicsItReadsAndWritesExist() throws Exception {
		String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
		ReviewflowKafkaProperties properties = properties(List.of("reviews.reports"), List.of("reviews.votes"),
				Duration.ofMinutes(1));
		ConsumedTopics topics = new ConsumedTopics(properties, "scoring", null,
				new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)), 0);
		assertThat(topics.needed()).containsExactly("reviews.votes", "reviews.reports");
		CompletableFuture<Void> starting = CompletableFuture.runAsync(topics::start);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !starting.isDone());
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic("reviews.votes", 1, (short) 1))).all().get();
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !starting.isDone());
			admin.createTopics(List.of(new NewTopic("reviews.reports", 1, (short) 1))).all().get();
		}
		await().atMost(Duration.ofSeconds(10)).until(starting::isDone);
		assertThat(starting).isCompleted();
		assertThat(topics.isRunning()).isTrue();
	}

	@Test
	void theStreamsApplicationGivesUpAfterTheWaitNamingWhatIsMissing() {
		ReviewflowKafkaProperties properties = properties(List.of(), List.of("reviews.title-scores"),
				Duration.ofSeconds(1));
		ConsumedTopics topics = new ConsumedTopics(properties, "scoring", null, new KafkaAdmin(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers())), 0);
		assertThatIllegalStateException().isThrownBy(topics::start)
			.withMessageContaining("scoring cannot start its Kafka Streams application: after 1 s the topics "
					+ "[reviews.title-scores] still do not exist");
		assertThat(topics.isRunning()).isFalse();
	}

	static ReviewflowKafkaProperties properties(List<String> publishes, List<String> consumes, Duration wait) {
		return new ReviewflowKafkaProperties(publishes, consumes, wait, (short) 1, Duration.ofMillis(500),
				Duration.ofSeconds(30), Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	static class VotesListener {

		@Bean
		Object votesListener() {
			return new Object() {

				@KafkaListener(id = "test.votes", topics = "reviews.votes")
				void on(String value) {
				}
			};
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Streams {

		@Bean
		StreamsBuilderFactoryBean streamsBuilder() {
			StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(
					Map.of("application.id", "topic-ownership-test", "bootstrap.servers", "localhost:1")));
			factory.setAutoStartup(false);
			return factory;
		}
	}

}
