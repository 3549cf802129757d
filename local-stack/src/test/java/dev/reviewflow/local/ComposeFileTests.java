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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.reviewflow.platform.ReviewflowFlywayAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so {@code docker-compose.yml} and {@code docker-compose.cluster.yml} (laid over it,
 * three brokers instead of one) are checked by reading them: their services, ports, health checks, volumes and start
 * ordering, the brokers' replication, the traces' way from the services through the collector to Tempo, and every
 * environment variable they give a service against the configuration properties that service really has.
 */
class ComposeFileTests {

	static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	static final String COMPOSE_FILE = "docker-compose.yml";

	static final String CLUSTER_FILE = "docker-compose.cluster.yml";

	/** Where the apache/kafka image has a folder its user owns (and declares a volume). */
	static final String KAFKA_DATA = "/var/lib/kafka/data";

	/** The images of the traces' collector and store, each followed by its version. */
	static final String COLLECTOR_IMAGE = "otel/opentelemetry-collector-contrib:";

	static final String TEMPO_IMAGE = "grafana/tempo:";

	/** Where the grafana/tempo image (2.5 on) has a folder its user, uid 10001, owns. */
	static final String TEMPO_DATA = "/var/tempo";

	/** Where a service sends its spans: Spring Boot's management.opentelemetry.tracing.export.otlp.endpoint. */
	static final String OTLP_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";

	static Map<String, Object> compose() throws IOException {
		return compose(COMPOSE_FILE);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> compose(String file) throws IOException {
		return (Map<String, Object>) new Yaml().load(Files.readString(REPOSITORY.resolve(file)));
	}

	/**
	 * {@code docker-compose.cluster.yml} laid over {@code docker-compose.yml} as Compose merges them: a service's
	 * environment and depends_on by key, its volumes by target, anything else replaced; a service that extends one of
	 * {@code docker-compose.yml} starts from that one.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> cluster() throws IOException {
		Map<String, Object> base = compose();
		Map<String, Object> overlay = compose(CLUSTER_FILE);
		Map<String, Object> services = new LinkedHashMap<>((Map<String, Object>) base.get("services"));
		for (Map.Entry<String, Map<String, Object>> service : ((Map<String, Map<String, Object>>) overlay
			.get("services")).entrySet()) {
			Map<String, Object> start = (Map<String, Object>) services.getOrDefault(service.getKey(), Map.of());
			if (service.getValue().containsKey("extends")) {
				Map<String, String> extended = (Map<String, String>) service.getValue().get("extends");
				start = service(compose(extended.get("file")), extended.get("service"));
			}
			services.put(service.getKey(), merged(start, service.getValue()));
		}
		Map<String, Object> volumes = new LinkedHashMap<>((Map<String, Object>) base.get("volumes"));
		volumes.putAll((Map<String, Object>) overlay.getOrDefault("volumes", Map.of()));
		Map<String, Object> cluster = new LinkedHashMap<>(base);
		cluster.put("name", overlay.getOrDefault("name", base.get("name")));
		cluster.put("services", services);
		cluster.put("volumes", volumes);
		return cluster;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> merged(Map<String, Object> service, Map<String, Object> overlay) {
		Map<String, Object> merged = new LinkedHashMap<>(service);
		merged.remove("extends");
		overlay.forEach((key, value) -> {
			switch (key) {
				case "extends" -> {
				}
				case "environment", "depends_on" -> {
					Map<String, Object> entries = new LinkedHashMap<>((Map<String, Object>) service.getOrDefault(key,
							Map.of()));
					entries.putAll((Map<String, Object>) value);
					merged.put(key, entries);
				}
				case "volumes" -> {
					Map<String, String> byTarget = new LinkedHashMap<>();
					((List<String>) service.getOrDefault(key, List.of())).forEach(v -> byTarget.put(target(v), v));
					((List<String>) value).forEach(v -> byTarget.put(target(v), v));
					merged.put(key, List.copyOf(byTarget.values()));
				}
				default -> merged.put(key, value);
			}
		});
		return merged;
	}

	/** The path in the container of a {@code source:target[:mode]} volume. */
	static String target(String volume) {
		return volume.split(":")[1];
	}

	/** The Kafka brokers among a stack's services, by name. */
	@SuppressWarnings("unchecked")
	static List<String> brokers(Map<String, Object> compose) {
		return ((Map<String, Map<String, Object>>) compose.get("services")).entrySet()
			.stream()
			.filter(service -> String.valueOf(service.getValue().get("image")).startsWith("apache/kafka:"))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** The one service of a stack that runs an image, by name; the image pinned to a version. */
	@SuppressWarnings("unchecked")
	static String onlyServiceOf(Map<String, Object> compose, String image) {
		List<String> names = ((Map<String, Map<String, Object>>) compose.get("services")).entrySet()
			.stream()
			.filter(service -> String.valueOf(service.getValue().get("image")).startsWith(image))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(names).as("the service of " + image).hasSize(1);
		assertThat((String) service(compose, names.getFirst()).get("image")).as(names.getFirst() + "'s image, pinned")
			.matches(Pattern.quote(image) + "\\d+(\\.\\d+)+");
		return names.getFirst();
	}

	/** Where a service mounts a file of this repository, which it may only read. */
	@SuppressWarnings("unchecked")
	static String mountedReadOnly(Map<String, Object> service, String file) {
		Object volumes = service.get("volumes");
		List<String> mounts = (volumes == null ? List.<String>of() : (List<String>) volumes).stream()
			.filter(volume -> volume.startsWith(file + ":"))
			.toList();
		assertThat(mounts).as(file + " mounted").hasSize(1);
		String[] parts = mounts.getFirst().split(":");
		assertThat(parts).as(file + " mounted read-only").hasSize(3).endsWith("ro");
		return parts[1];
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
		// one broker: every topic, offset and transaction has one replica, the services' default
		assertThat(brokers(compose)).containsExactly("kafka");
		assertThat(environment(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "1")
			.doesNotContainKey("KAFKA_DEFAULT_REPLICATION_FACTOR");
		for (LocalStack.Service stackService : LocalStack.SERVICES) {
			assertThat(environment(service(compose, stackService.name()))).as(stackService.name())
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
				.doesNotContainKeys("REVIEWFLOW_KAFKA_REPLICATIONFACTOR", "SPRING_KAFKA_STREAMS_REPLICATIONFACTOR");
		}
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
		List<LocalStack.Service> all = new ArrayList<>(LocalStack.SERVICES);
		all.add(LocalStack.WEB);
		for (LocalStack.Service stackService : all) {
			Set<String> known = knownProperties(stackService);
			for (Map<String, Object> compose : List.of(compose(), cluster())) {
				for (String variable : environment(service(compose, stackService.name())).keySet()) {
					assertThat(known).as(stackService.name() + ": " + variable + " matches no configuration property")
						.contains(variable);
				}
			}
		}
	}

	/**
	 * Each broker writes its log into the named volume mounted for it, not into the container (the image's default is
	 * {@code /tmp/kraft-combined-logs}), so a new container keeps every topic; the folder is one the image creates for
	 * its user, whose ownership a new volume takes, so the broker can write it.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void everyBrokerKeepsItsLogInAVolumeOfItsOwn() throws IOException {
		for (Map<String, Object> compose : List.of(compose(), cluster())) {
			Set<String> volumes = new HashSet<>();
			for (String name : brokers(compose)) {
				Map<String, Object> broker = service(compose, name);
				String logDirs = environment(broker).get("KAFKA_LOG_DIRS");
				assertThat(logDirs).as(name).isEqualTo(KAFKA_DATA);
				List<String> mounted = ((List<String>) broker.get("volumes")).stream()
					.filter(volume -> target(volume).equals(logDirs))
					.toList();
				assertThat(mounted).as(name + "'s volume on " + logDirs).hasSize(1);
				String volume = mounted.getFirst().split(":")[0];
				assertThat((Map<String, Object>) compose.get("volumes")).as("named volumes").containsKey(volume);
				assertThat(volumes.add(volume)).as(name + "'s volume " + volume + " is its own").isTrue();
			}
		}
	}

	/**
	 * Kafka Streams keeps scoring's state in a named volume; the service image creates that folder as the user it runs
	 * as, after which a new volume mounted there is that user's too (otherwise it would be root's, and the state
	 * could not be written).
	 */
	@Test
	@SuppressWarnings("unchecked")
	void scoringKeepsItsStateInAVolumeItsUserCanWrite() throws IOException {
		Map<String, Object> scoring = service(compose(), "scoring");
		String stateDir = environment(scoring).get("SPRING_KAFKA_STREAMS_STATE_DIR");
		assertThat((List<String>) scoring.get("volumes")).contains("scoring-state:" + stateDir);
		assertThat((Map<String, Object>) compose().get("volumes")).containsKey("scoring-state");
		assertThat((Map<String, Object>) scoring.get("build")).containsEntry("dockerfile", "docker/Dockerfile");
		List<String> dockerfile = Files.readAllLines(REPOSITORY.resolve("docker/Dockerfile"));
		int user = 0;
		for (int i = 0; i < dockerfile.size(); i++) {
			if (dockerfile.get(i).startsWith("USER ")) {
				user = i;
			}
		}
		assertThat(user).as("the image's USER").isPositive();
		assertThat(dockerfile.get(user)).isNotIn("USER root", "USER 0");
		assertThat(dockerfile.subList(user, dockerfile.size())).contains("RUN mkdir -p " + stateDir);
	}

	/**
	 * Every service that traces (the three, through the platform; not the pages, which have no tracing) sends its
	 * spans to the collector's OTLP/HTTP receiver, on one broker and on the cluster, and starts without it: none waits
	 * for the collector or Tempo, and what the exporter cannot send it drops.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void everyServiceThatTracesSendsItsSpansToTheCollectorAndStartsWithoutIt() throws Exception {
		assertThat(variables("management.opentelemetry.tracing.export.otlp.endpoint")).contains(OTLP_ENDPOINT);
		int receiver = TracingConfigTests
			.port(TracingConfigTests.collectorOtlpHttpEndpoint(TracingConfigTests.collectorConfig()));
		List<LocalStack.Service> all = new ArrayList<>(LocalStack.SERVICES);
		all.add(LocalStack.WEB);
		for (LocalStack.Service stackService : all) {
			boolean traces = knownProperties(stackService).contains(OTLP_ENDPOINT);
			if (LocalStack.SERVICES.contains(stackService)) {
				assertThat(traces).as(stackService.name() + " exports spans over OTLP (the platform's tracing)")
					.isTrue();
			}
			for (Map<String, Object> compose : List.of(compose(), cluster())) {
				String collector = onlyServiceOf(compose, COLLECTOR_IMAGE);
				Map<String, Object> service = service(compose, stackService.name());
				Map<String, String> environment = environment(service);
				if (traces) {
					assertThat(environment).as(stackService.name() + "'s spans")
						.containsEntry(OTLP_ENDPOINT, "http://" + collector + ":" + receiver
								+ TracingConfigTests.OTLP_HTTP_TRACES_PATH);
				}
				else {
					assertThat(environment).as(stackService.name() + " has no tracing")
						.doesNotContainKey(OTLP_ENDPOINT);
				}
				assertThat((Map<String, Object>) service.getOrDefault("depends_on", Map.of()))
					.as(stackService.name() + " starts without the traces' services")
					.doesNotContainKeys(collector, onlyServiceOf(compose, TEMPO_IMAGE));
			}
		}
	}

	/**
	 * The collector reads its configuration from this repository, mounted read-only, and its traces pipeline sends
	 * over OTLP gRPC to Tempo's receiver; neither the collector nor Tempo is published.
	 */
	@Test
	void theCollectorReadsItsMountedConfigurationAndSendsTheTracesToTempo() throws IOException {
		Map<String, Object> config = TracingConfigTests.collectorConfig();
		int tempoReceiver = TracingConfigTests
			.port(TracingConfigTests.tempoOtlpGrpcEndpoint(TracingConfigTests.tempoConfig()));
		for (Map<String, Object> compose : List.of(compose(), cluster())) {
			String collectorName = onlyServiceOf(compose, COLLECTOR_IMAGE);
			Map<String, Object> collector = service(compose, collectorName);
			String target = mountedReadOnly(collector, "./docker/otel-collector/config.yaml");
			assertThat(collector.get("command")).as(collectorName + "'s command")
				.isEqualTo(List.of("--config=" + target));
			String tempo = onlyServiceOf(compose, TEMPO_IMAGE);
			assertThat(TracingConfigTests.tracesExporters(config))
				.as("the collector's traces exporters: OTLP gRPC to " + tempo + ":" + tempoReceiver)
				.anySatisfy((id, settings) -> {
					assertThat(TracingConfigTests.type(id)).isEqualTo("otlp");
					assertThat(settings).containsEntry("endpoint", tempo + ":" + tempoReceiver);
				});
			for (String name : List.of(collectorName, tempo)) {
				assertThat(service(compose, name)).as(name + " is not published").doesNotContainKey("ports");
			}
		}
	}

	/**
	 * Tempo reads its configuration from this repository, mounted read-only, and keeps its write-ahead log and blocks
	 * in a named volume at the folder its image creates for its user: a new volume takes that folder's owner, so Tempo
	 * can write it (a folder of the host, or a volume elsewhere, would be root's).
	 */
	@Test
	@SuppressWarnings("unchecked")
	void tempoKeepsItsTracesInANamedVolumeItsUserCanWrite() throws IOException {
		List<String> folders = TracingConfigTests.tempoFolders(TracingConfigTests.tempoConfig());
		for (Map<String, Object> compose : List.of(compose(), cluster())) {
			String name = onlyServiceOf(compose, TEMPO_IMAGE);
			Map<String, Object> tempo = service(compose, name);
			String target = mountedReadOnly(tempo, "./docker/tempo/tempo.yaml");
			assertThat(tempo.get("command")).as(name + "'s command").isEqualTo(List.of("-config.file=" + target));
			assertThat(tempo).as(name + " runs as the image's user, who owns " + TEMPO_DATA).doesNotContainKey("user");
			List<String> data = ((List<String>) tempo.get("volumes")).stream()
				.filter(volume -> target(volume).equals(TEMPO_DATA))
				.toList();
			assertThat(data).as(name + "'s volume on " + TEMPO_DATA).hasSize(1);
			String volume = data.getFirst().split(":")[0];
			assertThat(volume).as(name + "'s volume, a named one").matches("[a-z0-9][a-z0-9_.-]*");
			assertThat((Map<String, Object>) compose.get("volumes")).as("named volumes").containsKey(volume);
			assertThat(folders).as("where Tempo writes")
				.allSatisfy(folder -> assertThat(folder).startsWith(TEMPO_DATA + "/"));
		}
	}

	/**
	 * The events are the source of every figure, and a replay rebuilds the scores from all of them: no broker
	 * deletes a record for its age or a log's size (the services also declare their topics so,
	 * {@code TopicOwnershipTests}).
	 */
	@Test
	void noBrokerDeletesAnEventForItsAgeOrSize() throws IOException {
		for (Map<String, Object> compose : List.of(compose(), cluster())) {
			for (String name : brokers(compose)) {
				assertThat(environment(service(compose, name))).as(name)
					.containsEntry("KAFKA_LOG_RETENTION_MS", "-1")
					.doesNotContainKeys("KAFKA_LOG_RETENTION_HOURS", "KAFKA_LOG_RETENTION_MINUTES",
							"KAFKA_LOG_RETENTION_BYTES");
			}
		}
	}

	/**
	 * On the cluster ({@code docker-compose.cluster.yml}) three KRaft nodes, each broker and controller, form one
	 * quorum; every topic, offset and transaction has three replicas, of which two must have a write. The cluster is a
	 * project of its own, so its volumes are not the single broker's stack's.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theClusterHasThreeNodesAndEveryRecordThreeReplicasTwoInSync() throws IOException {
		Map<String, Object> cluster = cluster();
		assertThat(cluster.get("name")).isNotNull().isNotEqualTo(compose().get("name"));
		List<String> brokers = brokers(cluster);
		assertThat(brokers).containsExactlyInAnyOrder("kafka", "kafka-2", "kafka-3");
		Set<String> clusterIds = new HashSet<>();
		Map<String, String> nodeIds = new LinkedHashMap<>();
		for (String name : brokers) {
			Map<String, Object> broker = service(cluster, name);
			Map<String, String> environment = environment(broker);
			assertThat(broker.get("image")).isEqualTo(service(compose(), "kafka").get("image"));
			assertThat(broker).as(name).containsKey("healthcheck");
			assertThat(environment).as(name)
				.containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
				.containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + name + ":9092")
				.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
				.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
			// the image formats each node's log with this id: the same on every node
			assertThat(environment.get("CLUSTER_ID")).as(name).isNotBlank();
			clusterIds.add(environment.get("CLUSTER_ID"));
			assertThat(nodeIds.put(name, environment.get("KAFKA_NODE_ID"))).isNull();
			// the nodes start together: one that waited for another's health would wait for a quorum it belongs to
			assertThat((Map<String, Object>) broker.getOrDefault("depends_on", Map.of())).as(name)
				.doesNotContainKeys(brokers.toArray(String[]::new));
		}
		assertThat(clusterIds).hasSize(1);
		assertThat(Set.copyOf(nodeIds.values())).hasSize(brokers.size());
		// every node knows every voter: each broker's node id at its controller port
		for (String name : brokers) {
			Map<String, String> voters = new LinkedHashMap<>();
			for (String voter : environment(service(cluster, name)).get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")) {
				String[] idAndAddress = voter.split("@");
				voters.put(idAndAddress[1], idAndAddress[0]);
			}
			Map<String, String> expected = new LinkedHashMap<>();
			nodeIds.forEach((broker, id) -> expected.put(broker + ":9093", id));
			assertThat(voters).as(name + "'s voters").isEqualTo(expected);
		}
	}

	/**
	 * On the cluster every service knows all three brokers, waits until they are healthy, and declares its topics with
	 * three replicas; scoring's Kafka Streams application its changelog and repartition topics too.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void onTheClusterEveryServiceUsesEveryBrokerAndThreeReplicas() throws IOException {
		Map<String, Object> cluster = cluster();
		List<String> brokers = brokers(cluster);
		List<String> addresses = brokers.stream()
			.map(name -> environment(service(cluster, name)).get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", ""))
			.toList();
		for (LocalStack.Service stackService : LocalStack.SERVICES) {
			Map<String, Object> service = service(cluster, stackService.name());
			Map<String, String> environment = environment(service);
			assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").split(",")).as(stackService.name())
				.containsExactlyInAnyOrderElementsOf(addresses);
			assertThat(environment).as(stackService.name()).containsEntry("REVIEWFLOW_KAFKA_REPLICATIONFACTOR", "3");
			Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
			for (String broker : brokers) {
				assertThat(dependsOn).as(stackService.name())
					.containsEntry(broker, Map.of("condition", "service_healthy"));
			}
			// what it waited for on the single broker, it still waits for
			assertThat(dependsOn).containsAllEntriesOf(
					(Map<String, Map<String, String>>) service(compose(), stackService.name()).get("depends_on"));
		}
		assertThat(environment(service(cluster, "scoring"))).containsEntry("SPRING_KAFKA_STREAMS_REPLICATIONFACTOR",
				"3");
	}

	/** Secrets come from the operator's environment, never from a default in either file. */
	@Test
	void noSecretHasADefaultAndOperatorsToolsAreNotPublished() throws Exception {
		// ${NAME:-value} and ${NAME-value} give a value when the operator set none
		Pattern secretWithDefault = Pattern.compile("\\$\\{[A-Z0-9_]*(PASSWORD|SECRET)[A-Z0-9_]*:?-");
		for (String file : List.of(COMPOSE_FILE, CLUSTER_FILE)) {
			String text = Files.readString(REPOSITORY.resolve(file));
			assertThat(text).as(file).doesNotContain(dev.reviewflow.devtokens.DevelopmentTokens.LOCAL_SECRET);
			assertThat(secretWithDefault.matcher(text).results().map(java.util.regex.MatchResult::group)).as(file)
				.isEmpty();
		}
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
		for (Map<String, Object> stack : List.of(compose, cluster())) {
			@SuppressWarnings("unchecked")
			Map<String, Object> services = (Map<String, Object>) stack.get("services");
			for (String name : services.keySet()) {
				environment(service(stack, name)).forEach((variable, value) -> {
					if (variable.contains("PASSWORD") || variable.contains("SECRET")) {
						assertThat(value).as(name + ": " + variable).matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
					}
				});
			}
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
