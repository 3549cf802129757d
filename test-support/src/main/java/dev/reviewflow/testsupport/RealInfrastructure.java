package dev.reviewflow.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import dev.reviewflow.testsupport.SharedInfrastructure.Source;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

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
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Import into a Spring Boot test to connect it to the {@link SharedInfrastructure}: Testcontainers through
 * {@code @ServiceConnection} where Docker is present, connection details of the embedded broker and database where
 * it is not, and nothing (the application's own properties, fed by the environment) where the environment names an
 * external broker or database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealInfrastructure {

	RealInfrastructure() {
		SharedInfrastructure.springManaged();
	}

	/** Applications without a database (scoring) leave JDBC off their test class path and get no PostgreSQL. */
	static final String JDBC_DETAILS = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

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
	@ConditionalOnClass(name = { JDBC_DETAILS, "org.testcontainers.postgresql.PostgreSQLContainer" })
	@WhenSource(kafka = false, value = Source.CONTAINER)
	static class PostgresContainerConnection {

		@Bean(destroyMethod = "")
		@ServiceConnection
		PostgreSQLContainer postgresContainer() {
			return SharedInfrastructure.postgresContainer();
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { JDBC_DETAILS, "io.zonky.test.db.postgres.embedded.EmbeddedPostgres" })
	@WhenSource(kafka = false, value = Source.EMBEDDED)
	static class EmbeddedPostgresConnection {

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails() {
			return JdbcConnections.details(SharedInfrastructure.database());
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
