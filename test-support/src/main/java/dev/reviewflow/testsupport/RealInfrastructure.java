package dev.reviewflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reviewflow.events.Topic;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.SharedInfrastructure.ServiceRoles;
import dev.reviewflow.testsupport.SharedInfrastructure.Source;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Import into a Spring Boot test to connect it to the {@link SharedInfrastructure}: for Kafka, Testcontainers through
 * {@code @ServiceConnection} where Docker is present, connection details of the embedded broker where it is not, and
 * nothing (the application's own properties, fed by the environment) where the environment names an external broker;
 * for PostgreSQL, connection details with the service's two roles in the shared database, whichever its source.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealInfrastructure {

	RealInfrastructure() {
		SharedInfrastructure.springManaged();
	}

	/** Applications without a database (scoring) leave JDBC off their test class path and get no PostgreSQL. */
	static final String JDBC_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

	static final String FLYWAY_DETAILS = "org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails";

	/**
	 * A test starts one service, which declares only the topics it owns (those it publishes, the dead-letter topics of
	 * those it reads); the other services, which would declare the rest as they start, are not there. So every topic
	 * of the architecture and its dead-letter topic is declared here too, as the three services together would.
	 */
	@Bean
	KafkaAdmin.NewTopics architectureTopics() {
		return new KafkaAdmin.NewTopics(architectureTopicList().toArray(NewTopic[]::new));
	}

	/**
	 * Declares every topic of the architecture on the shared broker, for tests that start a service outside a test
	 * context (which gets them from {@link #architectureTopics()}).
	 */
	public static void createArchitectureTopics() {
		new KafkaAdmin(Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()))
			.createOrModifyTopics(architectureTopicList().toArray(NewTopic[]::new));
	}

	private static List<NewTopic> architectureTopicList() {
		List<NewTopic> topics = new ArrayList<>();
		for (Topic topic : Topics.ALL) {
			topics.add(TopicBuilder.name(topic.name())
				.partitions(Topics.PARTITIONS)
				.replicas(1)
				.config("cleanup.policy", topic.cleanup().policy())
				.build());
			topics.add(TopicBuilder.name(topic.deadLetterTopic()).partitions(Topics.PARTITIONS).replicas(1).build());
		}
		return topics;
	}

	@Configuration(proxyBeanMethods = false)
	@WhenSource(kafka = true, value = Source.CONTAINER)
	static class KafkaContainerConnection {

		@Bean(destroyMethod = "")
		@ServiceConnection
		KafkaContainer kafkaContainer() {
			return SharedInfrastructure.kafkaContainer();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@WhenSource(kafka = true, value = Source.EMBEDDED)
	static class EmbeddedKafkaConnection {

		@Bean
		KafkaConnectionDetails kafkaConnectionDetails() {
			return () -> List.of(SharedInfrastructure.kafkaBootstrapServers());
		}
	}

	/**
	 * The application connects as its service's runtime role, which owns nothing, and Flyway migrates as the owner of
	 * the service's schema ({@code spring.flyway.default-schema}), both in the shared database whatever its source:
	 * the roles the service has in compose. An application without a Flyway schema connects as the database's user.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = JDBC_DETAILS)
	static class DatabaseConnection {

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails(Environment environment) {
			return JdbcConnections.details(roles(environment).map(ServiceRoles::runtime)
				.orElseGet(SharedInfrastructure::database));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = FLYWAY_DETAILS)
		static class FlywayConnection {

			@Bean
			FlywayConnectionDetails flywayConnectionDetails(Environment environment) {
				SharedInfrastructure.Database owner = roles(environment).map(ServiceRoles::owner)
					.orElseGet(SharedInfrastructure::database);
				return new FlywayConnectionDetails() {

					@Override
					public String getUsername() {
						return owner.username();
					}

					@Override
					public String getPassword() {
						return owner.password();
					}

					@Override
					public String getJdbcUrl() {
						return owner.jdbcUrl();
					}
				};
			}
		}

		static Optional<ServiceRoles> roles(Environment environment) {
			return Optional.ofNullable(environment.getProperty("spring.flyway.default-schema"))
				.map(SharedInfrastructure::roles);
		}
	}

	/** Which piece of infrastructure a configuration is for, and from which source it must come. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@Conditional(SourceCondition.class)
	@interface WhenSource {

		boolean kafka();

		Source value();
	}

	static final class SourceCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			var attributes = metadata.getAnnotationAttributes(WhenSource.class.getName());
			Source wanted = (Source) attributes.get("value");
			boolean kafka = (Boolean) attributes.get("kafka");
			return (kafka ? SharedInfrastructure.kafkaSource() : SharedInfrastructure.postgresSource()) == wanted;
		}
	}
}
