package dev.reviewflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The metric names Prometheus gets from the services, as their sources tell: every {@code reviewflow.*} meter in a
 * module's {@code src/main/java} under the name the Prometheus registry gives it (dots to underscores, {@code _total}
 * for counters, {@code _seconds_count/_sum/_max} for timers and {@code _bucket} only where a histogram is published,
 * a gauge's base unit appended), and the few names from elsewhere that the alerts and dashboards use. So renaming a
 * meter breaks the build instead of an alert or a panel.
 */
final class ExportedMetrics {

	/**
	 * Names that no reviewflow meter gives, and where they come from. The Kafka ones were read off the services'
	 * {@code /actuator/prometheus}; review-intake's and scoring's integration tests check that they are there.
	 */
	static final Map<String, String> OTHERS = Map.of(
			"up", "Prometheus: whether a target answered its scrape",
			"ALERTS", "Prometheus: the alerts pending and firing",
			"http_server_requests_seconds_count", "Spring MVC's http.server.requests observation",
			"http_server_requests_seconds_bucket", "the same, its histogram set in reviewflow-defaults.yml",
			"kafka_consumer_fetch_manager_records_lag_max",
			"Spring Kafka's Micrometer listeners on consumers and Kafka Streams (Boot's KafkaMetricsAutoConfiguration)",
			"kafka_stream_alive_stream_threads", "Spring Kafka's KafkaStreamsMicrometerListener (scoring)",
			"kafka_stream_thread_process_rate", "Spring Kafka's KafkaStreamsMicrometerListener (scoring)",
			"kafka_stream_thread_commit_latency_avg", "Spring Kafka's KafkaStreamsMicrometerListener (scoring)");

	private static final Pattern METER_NAME = Pattern.compile("\"(reviewflow(?:\\.[a-z0-9_]+)+)\"");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	private final Map<String, Path> names;

	private final Set<String> histograms;

	private ExportedMetrics(Map<String, Path> names, Set<String> histograms) {
		this.names = names;
		this.histograms = histograms;
	}

	/** Every name the services' sources export, read from the repository at {@code repository}. */
	static ExportedMetrics of(Path repository) {
		Set<String> histograms = configuredHistograms(repository);
		Map<String, Path> names = new TreeMap<>();
		for (Path source : javaSources(repository)) {
			String text = read(source);
			if (!text.contains("io.micrometer")) {
				continue;
			}
			Matcher matcher = METER_NAME.matcher(text);
			while (matcher.find()) {
				for (String name : prometheusNames(matcher.group(1), text.substring(0, matcher.start()),
						chain(text, matcher.end()), histograms)) {
					names.put(name, repository.relativize(source));
				}
			}
		}
		return new ExportedMetrics(names, histograms);
	}

	/** The names the Prometheus registry derives from one meter, by the call that registers it. */
	private static List<String> prometheusNames(String meter, String before, String chain, Set<String> histograms) {
		String base = meter.replace('.', '_');
		String call = before.stripTrailing();
		boolean histogram = chain.contains("publishPercentileHistogram") || histograms.contains(meter);
		List<String> timer = new ArrayList<>(
				List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max"));
		if (histogram) {
			timer.add(base + "_seconds_bucket");
		}
		if (call.endsWith("Gauge.builder(") || call.endsWith(".gauge(")) {
			Matcher unit = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)").matcher(chain);
			return List.of(unit.find() ? base + "_" + unit.group(1) : base);
		}
		if (call.endsWith("Counter.builder(") || call.endsWith(".counter(")) {
			return List.of(base + "_total");
		}
		if (call.endsWith("Timer.builder(") || call.endsWith(".timer(")) {
			return timer;
		}
		// registered through a helper of its class: any kind it could be
		List<String> any = new ArrayList<>(timer);
		any.addAll(List.of(base, base + "_total"));
		return any;
	}

	/** A builder's calls after the name, up to its registration. */
	private static String chain(String text, int from) {
		int register = text.indexOf(".register(", from);
		return register < 0 ? "" : text.substring(from, register);
	}

	/** Meters given buckets by configuration ({@code management.metrics.distribution.percentiles-histogram}). */
	@SuppressWarnings("unchecked")
	static Set<String> configuredHistograms(Path repository) {
		Set<String> meters = new LinkedHashSet<>();
		List<Path> files = new ArrayList<>();
		files.add(repository.resolve("platform/src/main/resources/reviewflow-defaults.yml"));
		for (LocalStack.Service service : LocalStack.SERVICES) {
			files.add(repository.resolve(service.module()).resolve("src/main/resources/application.yml"));
		}
		for (Path file : files) {
			Object node = new Yaml().load(read(file));
			for (String key : List.of("management", "metrics", "distribution", "percentiles-histogram")) {
				node = node instanceof Map<?, ?> map ? map.get(key) : null;
			}
			if (node instanceof Map<?, ?> map) {
				((Map<String, Object>) map).forEach((meter, on) -> {
					if (Boolean.TRUE.equals(on)) {
						meters.add(meter);
					}
				});
			}
		}
		return meters;
	}

	/** The metric names a PromQL expression reads (not its functions, keywords, labels or durations). */
	static Set<String> metricNames(String promql) {
		String bare = STRING.matcher(promql).replaceAll("\"\"");
		bare = bare.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = IDENTIFIER.matcher(bare);
		while (matcher.find()) {
			if (!KEYWORDS.contains(matcher.group().toLowerCase(Locale.ROOT))) {
				names.add(matcher.group());
			}
		}
		return names;
	}

	/** The names {@code promql} reads that nothing exports, each with what it would need. */
	List<String> unknownNames(String promql) {
		List<String> unknown = new ArrayList<>();
		for (String name : metricNames(promql)) {
			if (OTHERS.containsKey(name)) {
				String meter = name.replaceFirst("_seconds_bucket$", "").replace('_', '.');
				if (name.endsWith("_seconds_bucket") && !histograms.contains(meter)) {
					unknown.add(name + " (no buckets: set management.metrics.distribution.percentiles-histogram."
							+ meter + " to true)");
				}
			}
			else if (!names.containsKey(name)) {
				unknown.add(name + " (no meter in */src/main/java exports it"
						+ (name.endsWith("_bucket") ? ", or it has no histogram" : "") + ")");
			}
		}
		return unknown;
	}

	/** The names with their source, for a failure message. */
	Map<String, Path> names() {
		return names;
	}

	private static List<Path> javaSources(Path repository) {
		try (Stream<Path> modules = Files.list(repository)) {
			List<Path> sources = new ArrayList<>();
			List<Path> mains = modules.map(module -> module.resolve("src/main/java"))
				.filter(Files::isDirectory)
				.toList();
			for (Path main : mains) {
				try (Stream<Path> files = Files.walk(main)) {
					files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
				}
			}
			return sources;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
