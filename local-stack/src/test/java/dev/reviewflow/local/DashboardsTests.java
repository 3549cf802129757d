package dev.reviewflow.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards compose provisions ({@code docker/grafana}): one per service besides the overview, each valid
 * JSON on the provisioned Prometheus data source, its panels querying only metrics the services export and, on a
 * service's dashboard, only that service.
 */
class DashboardsTests {

	static final Path GRAFANA = ComposeFileTests.REPOSITORY.resolve("docker/grafana");

	static final Path DATASOURCES = GRAFANA.resolve("provisioning/datasources/prometheus.yml");

	static final Pattern APPLICATION = Pattern.compile("application\\s*=~?\\s*\"([^\"]*)\"");

	static Map<String, JsonNode> dashboards() throws Exception {
		Map<String, JsonNode> dashboards = new TreeMap<>();
		try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
			for (Path file : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
				dashboards.put(file.getFileName().toString(), JsonMapper.builder().build().readTree(file.toFile()));
			}
		}
		return dashboards;
	}

	static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				expressions.add(target.get("expr").asString());
			}
		}
		return expressions;
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyDashboardIsValidOnTheProvisionedDataSourceWithDistinctIds() throws Exception {
		Map<String, Object> datasources = AlertRulesTests.yaml(DATASOURCES);
		String datasource = (String) ((List<Map<String, Object>>) datasources.get("datasources")).getFirst().get("uid");
		Map<String, JsonNode> dashboards = dashboards();
		assertThat(dashboards).isNotEmpty();
		Set<String> uids = new HashSet<>();
		dashboards.forEach((file, dashboard) -> {
			assertThat(uids.add(dashboard.get("uid").asString())).as(file + " uid").isTrue();
			assertThat(dashboard.get("title").asString()).as(file).isNotBlank();
			Set<Integer> ids = new HashSet<>();
			for (JsonNode panel : dashboard.get("panels")) {
				String title = file + ": " + panel.get("title").asString();
				assertThat(ids.add(panel.get("id").asInt())).as(title + " id").isTrue();
				assertThat(panel.at("/datasource/uid").asString()).as(title).isEqualTo(datasource);
				assertThat(panel.get("targets")).as(title).isNotEmpty();
				for (JsonNode target : panel.get("targets")) {
					assertThat(target.get("expr").asString()).as(title).isNotBlank();
				}
			}
		});
	}

	/** Each service has a dashboard whose every query is about that service. */
	@Test
	void eachServiceHasADashboardOfItsOwn() throws Exception {
		Map<String, JsonNode> dashboards = dashboards();
		for (LocalStack.Service service : LocalStack.SERVICES) {
			JsonNode dashboard = dashboards.get("reviewflow-" + service.name() + ".json");
			assertThat(dashboard).as(service.name() + "'s dashboard").isNotNull();
			assertThat(dashboard.get("uid").asString()).isEqualTo("reviewflow-" + service.name());
			for (String expr : expressions(dashboard)) {
				Matcher application = APPLICATION.matcher(expr);
				assertThat(application.find()).as(service.name() + ": " + expr + " selects the service").isTrue();
				do {
					assertThat(application.group(1)).as(expr).isEqualTo(service.name());
				}
				while (application.find());
			}
		}
	}

	/** A meter renamed, or a histogram taken away, breaks the build here rather than emptying a panel. */
	@Test
	void thePanelsReadOnlyMetricsTheServicesExport() throws Exception {
		ExportedMetrics exported = ExportedMetrics.of(ComposeFileTests.REPOSITORY);
		List<String> unknown = new ArrayList<>();
		dashboards().forEach((file, dashboard) -> {
			for (String expr : expressions(dashboard)) {
				assertThat(ExportedMetrics.metricNames(expr)).as(file + ": " + expr).isNotEmpty();
				exported.unknownNames(expr).forEach(problem -> unknown.add(file + ": " + problem));
			}
		});
		assertThat(unknown).as("exported: " + exported.names().keySet()).isEmpty();
	}

	/** Grafana reads the dashboards from where compose mounts them, and Prometheus from its compose service. */
	@Test
	@SuppressWarnings("unchecked")
	void composesGrafanaIsProvisionedWithTheDashboardsAndPrometheus() throws Exception {
		Map<String, Object> compose = ComposeFileTests.compose();
		List<String> volumes = (List<String>) ComposeFileTests.service(compose, "grafana").get("volumes");
		String mounted = volumes.stream()
			.filter(volume -> volume.startsWith("./docker/grafana/dashboards:"))
			.map(ComposeFileTests::target)
			.findFirst()
			.orElseThrow(() -> new AssertionError("grafana mounts no dashboards: " + volumes));
		assertThat(volumes).contains("./docker/grafana/provisioning:/etc/grafana/provisioning:ro");
		Map<String, Object> providers = AlertRulesTests.yaml(GRAFANA.resolve("provisioning/dashboards/reviewflow.yml"));
		assertThat((List<Map<String, Object>>) providers.get("providers")).singleElement()
			.satisfies(provider -> assertThat((Map<String, Object>) provider.get("options")).containsEntry("path",
					mounted));
		Map<String, Object> datasources = AlertRulesTests.yaml(DATASOURCES);
		assertThat((List<Map<String, Object>>) datasources.get("datasources")).singleElement()
			.satisfies(datasource -> assertThat(datasource).containsEntry("url", "http://prometheus:9090"));
		assertThat(ComposeFileTests.service(compose, "prometheus")).isNotNull();
	}
}
