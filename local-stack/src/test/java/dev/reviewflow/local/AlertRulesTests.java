package dev.reviewflow.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Prometheus alerts ({@code docker/prometheus/alerts.yml}): valid, passing their unit tests
 * ({@code alerts.test.yml}) under Prometheus's own {@code promtool}, each tested firing and not firing, telling an
 * operator what to do, reading only metrics the services export, and loaded by compose's Prometheus.
 */
class AlertRulesTests {

	static final Path PROMETHEUS = ComposeFileTests.REPOSITORY.resolve("docker/prometheus");

	static final Path RULES = PROMETHEUS.resolve("alerts.yml");

	static final Path RULE_TESTS = PROMETHEUS.resolve("alerts.test.yml");

	record Run(int exitCode, String output) {
	}

	/** promtool, from the repository's root; a missing promtool fails the test and says how to install it. */
	static Run promtool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).directory(ComposeFileTests.REPOSITORY.toFile())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			return fail("promtool is not on the PATH (" + ex.getMessage() + "). Install Debian's prometheus package "
					+ "(apt-get install -y --no-install-recommends prometheus; .ci/run does so when it is missing) "
					+ "or put Prometheus's promtool on the PATH.");
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(1, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return fail("promtool " + String.join(" ", arguments) + " did not finish:\n" + output);
		}
		return new Run(process.exitValue(), output);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) throws IOException {
		return (Map<String, Object>) new Yaml().load(Files.readString(file));
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> rules() throws IOException {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) yaml(RULES).get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	@Test
	void promtoolFindsTheRulesAndPrometheusConfigurationValid() throws Exception {
		Run rules = promtool("check", "rules", "docker/prometheus/alerts.yml");
		assertThat(rules.exitCode()).as(rules.output()).isZero();
		Run config = promtool("check", "config", "docker/prometheus/prometheus.yml");
		assertThat(config.exitCode()).as(config.output()).isZero();
		assertThat(config.output()).as(config.output()).contains("1 rule files found");
	}

	@Test
	void theAlertsPassTheirUnitTests() throws Exception {
		Run tests = promtool("test", "rules", "docker/prometheus/alerts.test.yml");
		assertThat(tests.exitCode()).as(tests.output()).isZero();
		assertThat(tests.output()).as(tests.output()).contains("SUCCESS");
	}

	/** Every alert waits before firing, has a severity and tells an operator what happened and what to do. */
	@Test
	@SuppressWarnings("unchecked")
	void everyAlertHasADelayASeverityAndWhatToDo() throws Exception {
		List<Map<String, Object>> rules = rules();
		assertThat(rules).isNotEmpty();
		for (Map<String, Object> rule : rules) {
			String name = String.valueOf(rule.get("alert"));
			assertThat(name).as("every rule is an alert").startsWith("Reviewflow");
			assertThat(rule).as(name).containsKeys("expr", "for");
			assertThat((Map<String, Object>) rule.get("labels")).as(name).containsKey("severity");
			assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).as(name)
				.isIn("warning", "critical");
			Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
			assertThat(annotations).as(name).containsKeys("summary", "description", "runbook");
			assertThat(String.valueOf(annotations.get("description")).length()).as(name + " description")
				.isGreaterThan(80);
		}
	}

	/** Each alert's runbook annotation points at a section of the README (by its GitHub anchor). */
	@Test
	@SuppressWarnings("unchecked")
	void everyRunbookIsASectionOfTheReadme() throws Exception {
		List<String> anchors = Files.readString(ComposeFileTests.REPOSITORY.resolve("README.md"))
			.lines()
			.filter(line -> line.startsWith("#"))
			.map(line -> line.replaceFirst("^#+\\s*", "")
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9 -]", "")
				.replace(' ', '-'))
			.toList();
		for (Map<String, Object> rule : rules()) {
			String runbook = String.valueOf(((Map<String, Object>) rule.get("annotations")).get("runbook"));
			assertThat(runbook).as(rule.get("alert") + " runbook").startsWith("README.md#");
			assertThat(anchors).as(rule.get("alert") + ": README.md has the section " + runbook + " points at")
				.contains(runbook.substring("README.md#".length()));
		}
	}

	/** For every alert, the unit tests have series that fire it and series that must not. */
	@Test
	@SuppressWarnings("unchecked")
	void everyAlertIsTestedFiringAndNotFiring() throws Exception {
		Map<String, Object> tests = yaml(RULE_TESTS);
		assertThat((List<String>) tests.get("rule_files")).containsExactly("alerts.yml");
		List<Map<String, Object>> cases = new ArrayList<>();
		for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
			cases.addAll((List<Map<String, Object>>) test.get("alert_rule_test"));
		}
		for (Map<String, Object> rule : rules()) {
			Object name = rule.get("alert");
			List<Map<String, Object>> ofThisAlert = cases.stream()
				.filter(c -> name.equals(c.get("alertname")))
				.toList();
			assertThat(ofThisAlert).as(name + " fires in a test")
				.anyMatch(c -> !((List<Object>) c.get("exp_alerts")).isEmpty());
			assertThat(ofThisAlert).as(name + " stays quiet in a test")
				.anyMatch(c -> ((List<Object>) c.get("exp_alerts")).isEmpty());
		}
	}

	/** A meter renamed, or a histogram taken away, breaks the build here rather than silencing an alert. */
	@Test
	void theAlertsReadOnlyMetricsTheServicesExport() throws Exception {
		ExportedMetrics exported = ExportedMetrics.of(ComposeFileTests.REPOSITORY);
		List<String> unknown = new ArrayList<>();
		Set<String> read = new TreeSet<>();
		for (Map<String, Object> rule : rules()) {
			String expr = String.valueOf(rule.get("expr"));
			read.addAll(ExportedMetrics.metricNames(expr));
			exported.unknownNames(expr).forEach(problem -> unknown.add(rule.get("alert") + ": " + problem));
		}
		assertThat(unknown).as("exported: " + exported.names().keySet()).isEmpty();
		assertThat(read).contains("reviewflow_dead_lettered_total", "reviewflow_outbox_backlog",
				"reviewflow_outbox_oldest_age_seconds", "reviewflow_score_freshness_seconds_bucket",
				"kafka_consumer_fetch_manager_records_lag_max", "reviewflow_moderation_cases_oldest_open_age_seconds",
				"http_server_requests_seconds_count", "up");
	}

	/** The check above would pass on a parser that finds nothing: it finds names, and only names. */
	@Test
	void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrDurations() {
		assertThat(ExportedMetrics.metricNames("""
				histogram_quantile(0.99, sum by (application, le) (rate(a_seconds_bucket{uri!~"/x.*", le="+Inf"}[5m])))
				  / on (instance) group_left sum without (job) (b_total offset 10m) > 1e3
				or (c unless c offset 1h) and on (instance, job) (up offset 10m == 1)
				or max(rate(reviewflow_x[1m:10s])) by (topic)""")).containsExactly("a_seconds_bucket", "b_total", "c",
				"up", "reviewflow_x");
		ExportedMetrics exported = ExportedMetrics.of(ComposeFileTests.REPOSITORY);
		assertThat(exported.unknownNames("rate(reviewflow_no_such_meter_total[5m])")).hasSize(1);
		assertThat(exported.unknownNames("reviewflow_outbox_backlog_total")).as("a gauge is no counter").hasSize(1);
		assertThat(exported.unknownNames("reviewflow_moderation_cases_opened_total_bucket")).hasSize(1);
		assertThat(exported.unknownNames("reviewflow_moderation_case_decision_time_seconds_bucket"))
			.as("a timer without a histogram has no buckets")
			.hasSize(1);
		assertThat(exported.unknownNames("reviewflow_moderation_case_decision_time_seconds_count")).isEmpty();
	}

	/** Compose's Prometheus loads the rule file: prometheus.yml names it, and it is mounted beside it. */
	@Test
	@SuppressWarnings("unchecked")
	void composesPrometheusLoadsTheRules() throws Exception {
		List<String> ruleFiles = (List<String>) yaml(PROMETHEUS.resolve("prometheus.yml")).get("rule_files");
		assertThat(ruleFiles).containsExactly("alerts.yml");
		Map<String, Object> prometheus = ComposeFileTests.service(ComposeFileTests.compose(), "prometheus");
		assertThat((List<String>) prometheus.get("command")).contains("--config.file=/etc/prometheus/prometheus.yml");
		assertThat((List<String>) prometheus.get("volumes")).contains(
				"./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
				"./docker/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
	}
}
