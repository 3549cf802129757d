package dev.reviewflow.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The configuration of compose's traces: the OpenTelemetry Collector's ({@code docker/otel-collector/config.yaml}),
 * Tempo's ({@code docker/tempo/tempo.yaml}) and Grafana's Tempo data source. Neither program runs here (no Docker, and
 * Debian packages neither), so their files are read: only sections each program has, every pipeline made of
 * components the collector defines, a traces pipeline from an OTLP receiver, Tempo's receiver and storage.
 * {@code ComposeFileTests} checks how compose wires them to the services and to each other.
 */
class TracingConfigTests {

	static final Path COLLECTOR_CONFIG = ComposeFileTests.REPOSITORY.resolve("docker/otel-collector/config.yaml");

	static final Path TEMPO_CONFIG = ComposeFileTests.REPOSITORY.resolve("docker/tempo/tempo.yaml");

	static final Path TEMPO_DATASOURCE = DashboardsTests.GRAFANA.resolve("provisioning/datasources/tempo.yml");

	/** Where the OTLP/HTTP receiver takes spans, after its address. */
	static final String OTLP_HTTP_TRACES_PATH = "/v1/traces";

	/** The collector's configuration sections, and a pipeline's. */
	static final Set<String> COLLECTOR_SECTIONS = Set.of("receivers", "processors", "exporters", "connectors",
			"extensions", "service");

	static final Set<String> PIPELINE_KINDS = Set.of("receivers", "processors", "exporters");

	/** The sections of Tempo 2.8's configuration (it refuses a file with any other). */
	static final Set<String> TEMPO_SECTIONS = Set.of("target", "auth_enabled", "multitenancy_enabled",
			"shutdown_delay", "stream_over_http_enabled", "http_api_prefix", "enable_go_runtime_metrics", "server",
			"internal_server", "distributor", "ingester_client", "metrics_generator_client", "querier",
			"query_frontend", "compactor", "ingester", "metrics_generator", "ingest", "block_builder", "storage",
			"overrides", "memberlist", "usage_report", "cache", "backend_scheduler", "backend_scheduler_client",
			"backend_worker");

	static Map<String, Object> collectorConfig() throws IOException {
		return AlertRulesTests.yaml(COLLECTOR_CONFIG);
	}

	static Map<String, Object> tempoConfig() throws IOException {
		return AlertRulesTests.yaml(TEMPO_CONFIG);
	}

	@Test
	void theCollectorsPipelinesAreMadeOfComponentsItDefinesAndCarryTracesFromOtlp() throws IOException {
		checkCollector(collectorConfig());
	}

	@Test
	void tempoRunsAsOneProcessWithAnOtlpReceiverAndItsTracesOnLocalDisk() throws IOException {
		checkTempo(tempoConfig());
	}

	/** Grafana reads Tempo at its compose service and HTTP port; nothing links to logs or metrics that are not here. */
	@Test
	@SuppressWarnings("unchecked")
	void grafanaReadsTempoInsideTheComposeNetwork() throws IOException {
		Map<String, Object> compose = ComposeFileTests.compose();
		String tempo = ComposeFileTests.onlyServiceOf(compose, ComposeFileTests.TEMPO_IMAGE);
		Object port = map(tempoConfig(), "server").get("http_listen_port");
		Map<String, Object> datasources = AlertRulesTests.yaml(TEMPO_DATASOURCE);
		assertThat(datasources).containsEntry("apiVersion", 1);
		assertThat((List<Map<String, Object>>) datasources.get("datasources")).singleElement().satisfies(datasource -> {
			assertThat(datasource).containsEntry("uid", "tempo")
				.containsEntry("type", "tempo")
				.containsEntry("access", "proxy")
				.containsEntry("url", "http://" + tempo + ":" + port)
				// one default data source: Prometheus's
				.doesNotContainEntry("isDefault", true);
			assertThat((Map<String, Object>) datasource.getOrDefault("jsonData", Map.of()))
				.doesNotContainKeys("tracesToLogs", "tracesToLogsV2", "serviceMap", "lokiSearch");
		});
		List<String> grafanaVolumes = (List<String>) ComposeFileTests.service(compose, "grafana").get("volumes");
		assertThat(grafanaVolumes).contains("./docker/grafana/provisioning:/etc/grafana/provisioning:ro");
	}

	/** Each check can fail: a configuration broken in one place, in memory, is refused for that reason. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenConfigurations")
	void aBrokenConfigurationIsRefused(String breakage, String reason, boolean collector,
			Consumer<Map<String, Object>> breaking) throws IOException {
		Map<String, Object> config = collector ? collectorConfig() : tempoConfig();
		Consumer<Map<String, Object>> check = collector ? TracingConfigTests::checkCollector
				: TracingConfigTests::checkTempo;
		check.accept(config);
		breaking.accept(config);
		assertThatThrownBy(() -> check.accept(config)).isInstanceOf(AssertionError.class).hasMessageContaining(reason);
	}

	static Stream<Arguments> brokenConfigurations() {
		return Stream.of(
				collector("a section the collector does not have", "exporter",
						c -> c.put("exporter", Map.of("debug", Map.of()))),
				collector("a pipeline's processor that is not defined", "batch", c -> map(c, "processors").clear()),
				collector("a pipeline's exporter that is not defined", "otlp/jaeger",
						c -> map(c, "service", "pipelines", "traces").put("exporters", List.of("otlp/jaeger"))),
				collector("a pipeline without receivers", "receivers",
						c -> map(c, "service", "pipelines", "traces").remove("receivers")),
				collector("no traces pipeline", "traces", c -> {
					Map<String, Object> pipelines = map(c, "service", "pipelines");
					pipelines.put("metrics", pipelines.remove("traces"));
				}),
				collector("a pipeline of another signal", "spans",
						c -> map(c, "service", "pipelines").put("spans", map(c, "service", "pipelines", "traces"))),
				collector("an extension that is not defined", "health_check",
						c -> map(c, "service").put("extensions", List.of("health_check"))),
				collector("the OTLP receiver on the container's loopback", "0.0.0.0",
						c -> map(c, "receivers", "otlp", "protocols", "http").put("endpoint", "localhost:4318")),
				tempo("a section Tempo does not have", "storge", t -> t.put("storge", Map.of())),
				tempo("a component of its own instead of all of Tempo", "target", t -> t.put("target", "ingester")),
				tempo("the OTLP receiver on the container's loopback", "0.0.0.0",
						t -> map(t, "distributor", "receivers", "otlp", "protocols", "grpc").put("endpoint",
								"localhost:4317")),
				tempo("no OTLP gRPC receiver", "grpc",
						t -> map(t, "distributor", "receivers", "otlp", "protocols").remove("grpc")),
				tempo("the traces in object storage", "backend", t -> map(t, "storage", "trace").put("backend", "s3")),
				tempo("the blocks in a relative folder", "path",
						t -> map(t, "storage", "trace", "local").put("path", "blocks")));
	}

	static Arguments collector(String breakage, String reason, Consumer<Map<String, Object>> breaking) {
		return Arguments.of(breakage, reason, true, breaking);
	}

	static Arguments tempo(String breakage, String reason, Consumer<Map<String, Object>> breaking) {
		return Arguments.of(breakage, reason, false, breaking);
	}

	// ------------------------------------------------------------------------------------------------ the checks

	/**
	 * The collector's file: only its sections; every pipeline of a known signal, with receivers and exporters, and
	 * every component it names defined (receivers and exporters may also be connectors); a traces pipeline fed by an
	 * OTLP receiver that listens on every interface, so other containers reach it.
	 */
	static void checkCollector(Map<String, Object> config) {
		assertThat(config.keySet()).as("the collector's sections").isSubsetOf(COLLECTOR_SECTIONS)
			.contains("receivers", "exporters", "service");
		Map<String, Object> service = map(config, "service");
		assertThat(service.keySet()).as("the collector's service").isSubsetOf("pipelines", "extensions", "telemetry");
		Set<String> connectors = defined(config, "connectors");
		for (Object extension : (List<?>) service.getOrDefault("extensions", List.of())) {
			assertThat(defined(config, "extensions")).as("extension " + extension + " defined")
				.contains((String) extension);
		}
		Map<String, Object> pipelines = map(config, "service", "pipelines");
		assertThat(pipelines).as("the collector's pipelines").isNotEmpty();
		pipelines.forEach((name, value) -> {
			assertThat(name).as("pipeline " + name + ": traces, metrics or logs, with an optional /name")
				.matches("(traces|metrics|logs)(/[A-Za-z0-9_.-]+)?");
			Map<String, Object> pipeline = map(value);
			assertThat(pipeline.keySet()).as("pipeline " + name).isSubsetOf(PIPELINE_KINDS).contains("receivers",
					"exporters");
			for (String kind : PIPELINE_KINDS) {
				List<String> components = strings(pipeline.getOrDefault(kind, List.of()));
				if (!kind.equals("processors")) {
					assertThat(components).as("pipeline " + name + " " + kind).isNotEmpty();
				}
				Set<String> known = new HashSet<>(defined(config, kind));
				if (!kind.equals("processors")) {
					known.addAll(connectors);
				}
				for (String component : components) {
					assertThat(component).as("pipeline " + name + ": component id " + component)
						.matches("[a-z0-9_]+(/[A-Za-z0-9_.-]+)?");
					assertThat(known).as("pipeline " + name + ": " + kind + " " + component + " defined")
						.contains(component);
				}
			}
		});
		assertThat(pipelines).as("the collector's traces pipeline").containsKey("traces");
		List<String> receivers = strings(map(pipelines.get("traces")).get("receivers"));
		assertThat(receivers).as("the traces pipeline's receivers").anyMatch(id -> type(id).equals("otlp"));
		for (String receiver : receivers) {
			if (type(receiver).equals("otlp")) {
				map(map(config, "receivers", receiver), "protocols").forEach((protocol, settings) -> {
					String endpoint = (String) map(settings).get("endpoint");
					assertThat(endpoint).as(receiver + " " + protocol + " endpoint, on every interface")
						.startsWith("0.0.0.0:");
				});
			}
		}
	}

	/**
	 * Tempo's file: only its sections, all of Tempo in one process, an OTLP gRPC receiver on every interface, and the
	 * traces on local disk at absolute paths (ComposeFileTests puts them on a volume).
	 */
	static void checkTempo(Map<String, Object> config) {
		assertThat(config.keySet()).as("Tempo's sections").isSubsetOf(TEMPO_SECTIONS);
		assertThat(config.getOrDefault("target", "all")).as("Tempo's target: all of it in one process")
			.isEqualTo("all");
		assertThat(map(config, "server").get("http_listen_port")).as("Tempo's HTTP port").isInstanceOf(Integer.class);
		Map<String, Object> protocols = map(config, "distributor", "receivers", "otlp", "protocols");
		assertThat(protocols).as("Tempo's OTLP receiver: grpc").containsKey("grpc");
		protocols.forEach((protocol, settings) -> assertThat((String) map(settings).get("endpoint"))
			.as("Tempo's OTLP " + protocol + " endpoint, on every interface")
			.startsWith("0.0.0.0:"));
		assertThat(map(config, "storage", "trace")).as("Tempo's storage backend").containsEntry("backend", "local");
		for (String folder : tempoFolders(config)) {
			assertThat(folder).as("Tempo's storage path").startsWith("/");
		}
	}

	// ------------------------------------------------------------------------------------------------ reading

	/** Tempo's OTLP gRPC receiver's endpoint, host:port. */
	static String tempoOtlpGrpcEndpoint(Map<String, Object> config) {
		return (String) map(config, "distributor", "receivers", "otlp", "protocols", "grpc").get("endpoint");
	}

	/** Where Tempo writes: its write-ahead log and its blocks. */
	static List<String> tempoFolders(Map<String, Object> config) {
		List<String> folders = new ArrayList<>();
		for (String part : List.of("wal", "local")) {
			Object path = map(config, "storage", "trace", part).get("path");
			assertThat(path).as("Tempo's storage." + part + ".path").isInstanceOf(String.class);
			folders.add((String) path);
		}
		return folders;
	}

	/** The collector's OTLP/HTTP receiver of the traces pipeline: its endpoint, host:port. */
	static String collectorOtlpHttpEndpoint(Map<String, Object> config) {
		String receiver = strings(map(config, "service", "pipelines", "traces").get("receivers")).stream()
			.filter(id -> type(id).equals("otlp"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the traces pipeline has no OTLP receiver"));
		return (String) map(config, "receivers", receiver, "protocols", "http").get("endpoint");
	}

	/** The exporters of the collector's traces pipeline, by id, with their settings. */
	static Map<String, Map<String, Object>> tracesExporters(Map<String, Object> config) {
		Map<String, Map<String, Object>> exporters = new LinkedHashMap<>();
		for (String id : strings(map(config, "service", "pipelines", "traces").get("exporters"))) {
			Object settings = map(config, "exporters").get(id);
			exporters.put(id, settings == null ? Map.of() : map(settings));
		}
		return exporters;
	}

	static int port(String endpoint) {
		return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
	}

	/** A component's type: its id before any {@code /name}. */
	static String type(String id) {
		return id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
	}

	/** The ids of the components a section defines (a component without settings is a key with no value). */
	static Set<String> defined(Map<String, Object> config, String section) {
		Object components = config.get(section);
		return components == null ? Set.of() : map(components).keySet();
	}

	static Map<String, Object> map(Object value, String... path) {
		return KubernetesManifestsTests.map(value, path);
	}

	static List<String> strings(Object values) {
		return KubernetesManifestsTests.strings(values);
	}
}
