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
			dependsOn.values()
				.forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
			if (!stackService.name().equals("scoring")) {
				assertThat(dependsOn).containsKey("postgres");
				assertThat(environment(service)).containsKey("SPRING_DATASOURCE_URL");
			}
			assertThat(environment(service)).containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		}
	}

	@Test
	void everyEnvironmentVariableOfAServiceBindsToOneOfItsConfigurationProperties() throws Exception {
		Map<String, Object> compose = compose();
		for (LocalStack.Service stackService : LocalStack.SERVICES) {
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
		assertThat(names).as("metadata of " + service.name()).contains("SPRING_KAFKA_BOOTSTRAPSERVERS",
				"REVIEWFLOW_SECURITY_JWTSECRET");
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
