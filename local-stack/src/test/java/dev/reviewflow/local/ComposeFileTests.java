package dev.reviewflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.reviewflow.platform.ReviewflowFlywayAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so {@code docker-compose.yml} is checked by reading it: its services, ports,
 * health checks and start ordering, and every environment variable it gives a service against the configuration
 * properties that service really has.
 */
class ComposeFileTests {

	static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	@SuppressWarnings("unchecked")
	static Map<String, Object> compose() throws IOException {
		return (Map<String, Object>) new Yaml().load(Files.readString(REPOSITORY.resolve("docker-compose.yml")));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> service(Map<String, Object> compose, String name) {
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).as("services").containsKey(name);
		return (Map<String, Object>) services.get(name);
	}

	@Test
	void infrastructureIsTheOfficialKafkaImageInKraftModeAndPostgres() throws IOException {
		Map<String, Object> compose = compose();
		Map<String, Object> kafka = service(compose, "kafka");
		assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
		assertThat(environment(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
		assertThat(kafka).containsKey("healthcheck");
		assertThat((String) service(compose, "postgres").get("image")).startsWith("postgres:");
		assertThat(service(compose, "postgres")).containsKey("healthcheck");
		assertThat(service(compose, "prometheus")).isNotNull();
		assertThat(service(compose, "grafana")).isNotNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void eachServiceIsBuiltFromThisRepositoryPublishesItsPortAndStartsAfterHealthyInfrastructure() throws Exception {
		Map<String, Object> compose = compose();
		for (LocalStack.Service stackService : LocalStack.SERVICES) {
			Map<String, Object> service = service(compose, stackService.name());
			assertThat(service).as(stackService.name()).containsKeys("build", "healthcheck");
			assertThat(service.get("ports")).as(stackService.name() + " ports")
				.isEqualTo(List.of(stackService.port() + ":" + stackService.port()));
			assertThat(serverPort(stackService)).isEqualTo(stackService.port());
			@SuppressWarnings("unchecked")
			Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
			assertThat(dependsOn).as(stackService.name()).containsKey("kafka");
			dependsOn.forEach((dependency, condition) -> assertThat(condition).as(dependency).containsEntry("condition",
					dependency.endsWith("-migrate") ? "service_completed_successfully" : "service_healthy"));
			if (!stackService.name().equals("scoring")) {
				assertThat(dependsOn).containsKey("postgres");
				assertThat(environment(service)).containsKey("SPRING_DATASOURCE_URL");
			}
			assertThat(environment(service)).containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		}
		// scoring reads what the other two publish, and they declare those topics as they start
		assertThat((Map<String, Object>) service(compose, "scoring").get("depends_on")).containsKeys("review-intake",
				"moderation");
	}

	/** The pages: built from here, published on 8080, started once the three services they call are healthy. */
	@Test
	@SuppressWarnings("unchecked")
	void thePagesAreBuiltFromThisRepositoryAndCallTheServicesInsideTheNetwork() throws Exception {
		Map<String, Object> web = service(compose(), LocalStack.WEB.name());
		assertThat(web).containsKeys("build", "healthcheck");
		assertThat(web.get("ports")).isEqualTo(List.of("8080:8080"));
		assertThat(serverPort(LocalStack.WEB)).isEqualTo(8080);
		Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) web.get("depends_on");
		assertThat(dependsOn).containsOnlyKeys("review-intake", "moderation", "scoring")
			.allSatisfy((dependency, condition) -> assertThat(condition).containsEntry("condition", "service_healthy"));
		assertThat(environment(web)).containsEntry("REVIEWFLOW_WEB_REVIEWINTAKE", "http://review-intake:8081")
			.containsEntry("REVIEWFLOW_WEB_MODERATION", "http://moderation:8082")
			.containsEntry("REVIEWFLOW_WEB_SCORING", "http://scoring:8083")
			// no development tokens outside local mode
			.doesNotContainKeys(variables("reviewflow.web.development-tokens").toArray(String[]::new));
	}

	@Test
	void everyEnvironmentVariableOfAServiceBindsToOneOfItsConfigurationProperties() throws Exception {
		Map<String, Object> compose = compose();
		List<LocalStack.Service> all = new ArrayList<>(LocalStack.SERVICES);
		all.add(LocalStack.WEB);
		for (LocalStack.Service stackService : all) {
			Set<String> known = knownProperties(stackService);
			for (String variable : environment(service(compose, stackService.name())).keySet()) {
				assertThat(known).as(stackService.name() + ": " + variable + " matches no configuration property")
					.contains(variable);
			}
		}
	}

	/** Secrets come from the operator's environment, never from a default in the file. */
	@Test
	void noSecretHasADefaultAndOperatorsToolsAreNotPublished() throws Exception {
		String text = Files.readString(REPOSITORY.resolve("docker-compose.yml"));
		assertThat(text).doesNotContain(dev.reviewflow.devtokens.DevelopmentTokens.LOCAL_SECRET);
		Map<String, Object> compose = compose();
		for (LocalStack.Service stackService : LocalStack.SERVICES) {
			Map<String, String> environment = environment(service(compose, stackService.name()));
			assertThat(environment.get("REVIEWFLOW_SECURITY_JWT_SECRET")).as(stackService.name())
				.startsWith("${REVIEWFLOW_JWT_SECRET:?");
			// metrics and health details on a port of their own, which no one outside the compose network reaches
			assertThat(environment).containsKey("MANAGEMENT_SERVER_PORT");
			assertThat(service(compose, stackService.name()).get("ports")).asString()
				.doesNotContain(environment.get("MANAGEMENT_SERVER_PORT"));
		}
		assertThat(environment(service(compose, "grafana")).get("GF_SECURITY_ADMIN_PASSWORD"))
			.startsWith("${GRAFANA_ADMIN_PASSWORD:?");
		assertThat(environment(service(compose, "grafana"))).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
		assertThat(service(compose, "prometheus")).doesNotContainKey("ports");
	}

	/**
	 * Every password comes from the operator's environment with no default, the PostgreSQL superuser's too; each
	 * service with a database has roles of its own there, and runs as another role than the one its migrate step
	 * (Flyway as the owner, finished before the service starts) migrates as.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void eachServiceHasItsOwnDatabaseRolesWhosePasswordsComeOnlyFromTheEnvironment() throws IOException {
		Map<String, Object> compose = compose();
		@SuppressWarnings("unchecked")
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		for (String name : services.keySet()) {
			environment(service(compose, name)).forEach((variable, value) -> {
				if (variable.contains("PASSWORD") || variable.contains("SECRET")) {
					assertThat(value).as(name + ": " + variable).matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
				}
			});
		}
		Map<String, String> postgres = environment(service(compose, "postgres"));
		assertThat(postgres.get("POSTGRES_PASSWORD")).startsWith("${POSTGRES_PASSWORD:?");
		assertThat(postgres).doesNotContainKeys("POSTGRES_USER", "POSTGRES_DB");
		String initScript = "service-databases.sh";
		assertThat(service(compose, "postgres").get("volumes")).asString()
			.contains("./docker/postgres/" + initScript + ":/docker-entrypoint-initdb.d/" + initScript + ":ro");
		String script = Files.readString(REPOSITORY.resolve("docker/postgres/" + initScript));

		Set<String> users = new HashSet<>();
		for (String name : List.of("review-intake", "moderation")) {
			Map<String, String> environment = environment(service(compose, name));
			String database = environment.get("SPRING_DATASOURCE_URL")
				.substring(environment.get("SPRING_DATASOURCE_URL").lastIndexOf('/') + 1);
			String runtime = environment.get("SPRING_DATASOURCE_USERNAME");
			// the service never migrates, nor knows the owner's password: its migrate step does, and finishes first
			assertThat(environment).containsEntry("SPRING_FLYWAY_ENABLED", "false")
				.doesNotContainKeys("SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD");
			assertThat(environment.values()).noneMatch(value -> value.contains("OWNER_PASSWORD"));
			@SuppressWarnings("unchecked")
			Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service(compose, name)
				.get("depends_on");
			assertThat(dependsOn).containsEntry(name + "-migrate", Map.of("condition", "service_completed_successfully"));
			Map<String, Object> migrate = service(compose, name + "-migrate");
			Map<String, String> migration = environment(migrate);
			String owner = migration.get("FLYWAY_USER");
			assertThat(migration).containsEntry("FLYWAY_URL", environment.get("SPRING_DATASOURCE_URL"))
				.containsEntry("FLYWAY_SCHEMAS", database)
				.containsEntry("FLYWAY_DEFAULT_SCHEMA", database)
				.doesNotContainKeys("FLYWAY_LOCATIONS", "FLYWAY_TABLE");
			// the two runs the service's own Flyway makes elsewhere (ReviewflowFlywayAutoConfiguration), in order, and
			// the second only if the first succeeded: the service's migrations in its history, then the platform's in
			// theirs
			assertThat(migrate.get("entrypoint")).isEqualTo(List.of("/bin/sh", "-ec"));
			String command = String.join(" ", (List<String>) migrate.get("command"));
			String[] runs = command.split(" && ");
			assertThat(runs).hasSize(2);
			assertThat(runs[0]).startsWith("/flyway/flyway ")
				.contains("-placeholders.app-role=" + runtime,
						"-locations=filesystem:/flyway/sql/service,filesystem:/flyway/sql/platform-handover")
				.doesNotContain("-table=")
				.endsWith(" migrate");
			assertThat(runs[1]).startsWith("/flyway/flyway ")
				.contains("-placeholders.app-role=" + runtime, "-locations=filesystem:/flyway/sql/platform ",
						"-table=" + ReviewflowFlywayAutoConfiguration.PLATFORM_HISTORY, "-baselineOnMigrate=true",
						"-baselineVersion=" + ReviewflowFlywayAutoConfiguration.PLATFORM_BASELINE)
				.endsWith(" migrate");
			assertThat(ReviewflowFlywayAutoConfiguration.PLATFORM_LOCATION).isEqualTo("classpath:db/platform");
			// the same migrations the service's own Flyway runs elsewhere
			assertThat(migrate.get("volumes")).asString()
				.contains("./" + name + "/src/main/resources/db/migration:/flyway/sql/service:ro",
						"./platform/src/main/resources/db/platform-handover:/flyway/sql/platform-handover:ro",
						"./platform/src/main/resources/db/platform:/flyway/sql/platform:ro");
			assertThat(runtime).as(name).isEqualTo(database + "_app");
			assertThat(owner).as(name).isEqualTo(database + "_owner");
			assertThat(users.add(runtime) && users.add(owner)).as(name + "'s roles are its own").isTrue();
			// the init script creates both roles with the passwords the service is given, and the service's database
			String runtimePassword = variable(environment.get("SPRING_DATASOURCE_PASSWORD"));
			String ownerPassword = variable(migration.get("FLYWAY_PASSWORD"));
			assertThat(runtimePassword).isNotEqualTo(ownerPassword);
			assertThat(postgres).containsKeys(runtimePassword, ownerPassword);
			assertThat(postgres.get(runtimePassword)).startsWith("${" + runtimePassword + ":?");
			assertThat(postgres.get(ownerPassword)).startsWith("${" + ownerPassword + ":?");
			assertThat(script).containsPattern("service_database " + database + " \"\\$\\{" + ownerPassword
					+ ":\\?[^}]*}\" \\\\\\s+\"\\$\\{" + runtimePassword + ":\\?");
		}
		assertThat(users).hasSize(4);
		// plain login roles (no superuser, createrole or createdb); the database's owner is the owner role; nobody
		// else connects to it
		assertThat(script).contains("create role :\"owner\" login password :'owner_password';",
				"create role :\"app\" login password :'app_password';",
				"create database :\"database\" owner :\"owner\";",
				"revoke all on database :\"database\" from public;",
				"grant connect on database :\"database\" to :\"app\";");
	}

	/** The variable a {@code ${NAME:?message}} reference reads. */
	static String variable(String reference) {
		assertThat(reference).startsWith("${").contains(":?");
		return reference.substring(2, reference.indexOf(":?"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, String> environment(Map<String, Object> service) {
		Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
		Map<String, String> values = new java.util.LinkedHashMap<>();
		environment.forEach((key, value) -> values.put(key, String.valueOf(value)));
		return values;
	}

	/** The service's configuration properties, each as the environment variable that sets it. */
	static Set<String> knownProperties(LocalStack.Service service) throws Exception {
		Set<String> names = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		try (URLClassLoader loader = new URLClassLoader(classPath(service), null)) {
			for (String resource : List.of("META-INF/spring-configuration-metadata.json",
					"META-INF/additional-spring-configuration-metadata.json")) {
				Enumeration<URL> urls = loader.getResources(resource);
				while (urls.hasMoreElements()) {
					try (InputStream in = urls.nextElement().openStream()) {
						JsonNode metadata = json.readTree(in);
						metadata.path("properties").forEach(p -> names.addAll(variables(p.path("name").asString())));
					}
				}
			}
		}
		// the service's own properties are among them, not only Spring Boot's
		assertThat(names).as("metadata of " + service.name()).contains("SERVER_PORT", "MANAGEMENT_SERVER_PORT")
			.contains(service.equals(LocalStack.WEB) ? "REVIEWFLOW_WEB_REVIEWINTAKE" : "REVIEWFLOW_SECURITY_JWTSECRET");
		return names;
	}

	/** The environment variables Spring Boot binds to a property: dashes dropped, or (legacy) as underscores. */
	static Set<String> variables(String property) {
		String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
		return new HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
	}

	static URL[] classPath(LocalStack.Service service) throws IOException {
		Path module = REPOSITORY.resolve(service.module());
		List<URL> urls = new ArrayList<>();
		urls.add(module.resolve("target/classes").toUri().toURL());
		for (String entry : Files.readString(module.resolve("target/runtime-classpath.txt")).strip().split(":")) {
			urls.add(Path.of(entry).toUri().toURL());
		}
		return urls.toArray(URL[]::new);
	}

	@SuppressWarnings("unchecked")
	static int serverPort(LocalStack.Service service) throws IOException {
		Map<String, Object> config = new Yaml()
			.load(Files.readString(REPOSITORY.resolve(service.module()).resolve("src/main/resources/application.yml")));
		return (Integer) ((Map<String, Object>) config.get("server")).get("port");
	}
}
