package dev.reviewflow.platform;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared configuration reaches every service from the platform, below anything the service or its operator sets. */
class ReviewflowDefaultsTests {

	/** A service's start as Spring Boot does it: the post-processor comes from spring.factories. */
	static ConfigurableApplicationContext start(String... arguments) {
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(org.springframework.boot.Banner.Mode.OFF)
			.properties("spring.config.location=classpath:defaults/application.yml")
			.run(arguments);
	}

	@Test
	void aServiceGetsTheSharedSettingsWithoutListingThem() {
		try (ConfigurableApplicationContext context = start()) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
			assertThat(environment.getProperty("spring.kafka.consumer.isolation-level")).isEqualTo("read-committed");
			assertThat(environment.getProperty("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class"))
				.isEqualTo("dev.reviewflow.events.kafka.CloudEventSerde");
			// the trace travels in the event; a producer span would replace its traceparent header
			assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("false");
			assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
			assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
			assertThat(environment.getProperty("spring.modulith.events.republish-outstanding-events-on-restart"))
				.isEqualTo("true");
			assertThat(environment.getProperty("server.max-http-request-header-size")).isEqualTo("16KB");
			assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
				.isEqualTo("health,info,prometheus");
			assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
				.isEqualTo("readinessState,db,eventConsumers");
			// the tag follows the service's name
			assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("test-service");
			assertThat(environment.getProperty("management.observations.key-values.application"))
				.isEqualTo("test-service");
			// the defaults are the last source but Boot's own defaultProperties
			List<String> names = environment.getPropertySources().stream().map(PropertySource::getName).toList();
			assertThat(names).contains(ReviewflowDefaults.NAME);
			assertThat(names.get(names.size() - 1)).isIn(ReviewflowDefaults.NAME, DefaultPropertiesPropertySource.NAME);
		}
	}

	@Test
	void theServicesOwnFileTheEnvironmentAndTheCommandLineWin() {
		try (ConfigurableApplicationContext context = start("--management.endpoint.health.group.readiness.include=readinessState")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			// application.yml
			assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("latest");
			assertThat(environment.getProperty("server.port")).isEqualTo("8089");
			// command line
			assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
				.isEqualTo("readinessState");
		}
		System.setProperty("spring.kafka.producer.acks", "1");
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getEnvironment().getProperty("spring.kafka.producer.acks")).isEqualTo("1");
		}
		finally {
			System.clearProperty("spring.kafka.producer.acks");
		}
	}

	/** Boot's Kafka configuration binds what the defaults say, and a test's properties still win. */
	@Test
	void kafkaIsConfiguredFromTheDefaults() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withInitializer(context -> new ReviewflowDefaults().postProcessEnvironment(context.getEnvironment(),
					new SpringApplication()))
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class));
		runner.run(context -> {
			KafkaProperties kafka = context.getBean(KafkaProperties.class);
			assertThat(kafka.getProducer().getAcks()).isEqualTo("all");
			assertThat(kafka.getProducer().getProperties()).containsEntry("enable.idempotence", "true")
				.containsEntry("max.block.ms", "10000");
			assertThat(kafka.getConsumer().getAutoOffsetReset()).isEqualTo("earliest");
			assertThat(kafka.getConsumer().getKeyDeserializer().getName())
				.isEqualTo("org.apache.kafka.common.serialization.StringDeserializer");
			assertThat(kafka.getListener().isObservationEnabled()).isTrue();
		});
		runner.withPropertyValues("spring.kafka.consumer.auto-offset-reset=latest", "spring.kafka.producer.acks=1")
			.run(context -> {
				KafkaProperties kafka = context.getBean(KafkaProperties.class);
				assertThat(kafka.getConsumer().getAutoOffsetReset()).isEqualTo("latest");
				assertThat(kafka.getProducer().getAcks()).isEqualTo("1");
			});
	}

	/** Applied once, below everything already there. */
	@Test
	void theDefaultsGoBelowWhatIsThereAndAreAddedOnce() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("service", Map.of("server.port", "9999",
				"spring.threads.virtual.enabled", "false")));
		ReviewflowDefaults defaults = new ReviewflowDefaults();
		defaults.postProcessEnvironment(environment, new SpringApplication());
		defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
		assertThat(environment.getPropertySources().stream().filter(s -> s.getName().equals(ReviewflowDefaults.NAME)))
			.hasSize(1);
		assertThat(environment.getPropertySources().stream().toList().getLast().getName())
			.isEqualTo(ReviewflowDefaults.NAME);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {
	}
}
