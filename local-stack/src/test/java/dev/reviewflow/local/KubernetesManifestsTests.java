package dev.reviewflow.local;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.annotations.SerializedName;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.Topics;
import dev.reviewflow.platform.ReviewflowFlywayAutoConfiguration;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscalerBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code deploy/kubernetes}, as a cluster would get it. There is no cluster and, in CI, no kubectl here, so the
 * kustomizations are rendered by this class (the few Kustomize fields they use; any other fails), every built-in
 * resource is checked against the Kubernetes API's models (the official Java client's, generated from the API's
 * OpenAPI document: unknown fields, missing required fields, wrong types), the Strimzi, CloudNativePG and KEDA
 * resources against the fields of their APIs written out here, and the structure against the services themselves:
 * ports, probes, configuration properties, migrations, Secrets, Kafka and PostgreSQL names. (Checked by hand on a
 * machine with kubectl: {@code kubectl kustomize} renders the same resources.)
 */
class KubernetesManifestsTests {

	static final Path KUBERNETES = ComposeFileTests.REPOSITORY.resolve("deploy/kubernetes");

	static final Path PRODUCTION = KUBERNETES.resolve("production");

	static final Path CONSUMER_LAG = KUBERNETES.resolve("autoscaling/consumer-lag");

	static final Gson GSON = new Gson();

	/** The pods' port names: the service's own and the actuator's. */
	static final String HTTP = "http";

	static final String MANAGEMENT = "management";

	@Test
	void everyKustomizationRendersAndEveryManifestBelongsToOne() throws IOException {
		Set<Path> listed = new HashSet<>();
		List<Path> kustomizations = kustomizations();
		assertThat(kustomizations).extracting(path -> KUBERNETES.relativize(path).toString())
			.contains("base", "infrastructure", "autoscaling/cpu", "autoscaling/consumer-lag", "production");
		for (Path directory : kustomizations) {
			assertThat(render(directory)).as(directory.toString()).isNotEmpty();
			for (String resource : strings(kustomization(directory).get("resources"))) {
				listed.add(directory.resolve(resource).normalize());
			}
		}
		try (Stream<Path> files = Files.walk(KUBERNETES)) {
			List<Path> manifests = files.filter(file -> file.toString().endsWith(".yaml"))
				.filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
				.toList();
			assertThat(manifests).isNotEmpty().allSatisfy(file -> assertThat(listed).as("kustomizations' resources")
				.contains(file));
		}
	}

	@Test
	void productionPassesEveryCheck() throws Exception {
		checkAll(production());
	}

	/** With KEDA's ScaledObjects in place of the HorizontalPodAutoscalers. */
	@Test
	void productionWithAutoscalingOnConsumerLagPassesEveryCheck() throws Exception {
		checkAll(withConsumerLag(production()));
	}

	/** Each check can fail: a manifest broken in one place, in memory, is refused for that reason. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenManifests")
	void aBrokenManifestIsRefused(String breakage, String reason, Consumer<List<Map<String, Object>>> breaking)
			throws Exception {
		List<Map<String, Object>> manifests = breakage.contains("ScaledObject") ? withConsumerLag(production())
				: production();
		checkAll(manifests);
		breaking.accept(manifests);
		assertThatThrownBy(() -> checkAll(manifests)).isInstanceOf(AssertionError.class).hasMessageContaining(reason);
	}

	static Stream<Arguments> brokenManifests() {
		return Stream.of(
				broken("a field the API does not have", "is not defined in the `V1DeploymentSpec`",
						m -> spec(get(m, "Deployment", "web")).put("replica", 2)),
				broken("a number where the API wants a string", "wants a string",
						m -> env(container(get(m, "StatefulSet", "scoring"), "scoring"), "JAVA_TOOL_OPTIONS")
							.put("value", 50)),
				broken("no readiness probe", "readinessProbe",
						m -> container(get(m, "Deployment", "review-intake"), "review-intake")
							.remove("readinessProbe")),
				broken("a probe on a port the container does not declare", "declared ports",
						m -> map(container(get(m, "Deployment", "moderation"), "moderation"), "livenessProbe",
								"httpGet")
							.put("port", "metrics")),
				broken("a probe on the service's port", "management port",
						m -> map(container(get(m, "StatefulSet", "scoring"), "scoring"), "startupProbe", "httpGet")
							.put("port", HTTP)),
				broken("no memory limit", "limits",
						m -> map(container(get(m, "StatefulSet", "scoring"), "scoring"), "resources", "limits")
							.remove("memory")),
				broken("an init container without requests", "requests",
						m -> map(initContainer(get(m, "Deployment", "moderation"), "migrate"), "resources")
							.remove("requests")),
				broken("a writable root file system", "readOnlyRootFilesystem",
						m -> map(container(get(m, "Deployment", "web"), "web"), "securityContext")
							.put("readOnlyRootFilesystem", false)),
				broken("capabilities kept", "ALL",
						m -> map(initContainer(get(m, "Deployment", "review-intake"), "migrations"),
								"securityContext", "capabilities")
							.put("drop", List.of("NET_RAW"))),
				broken("no /tmp", "/tmp",
						m -> list(container(get(m, "Deployment", "web"), "web"), "volumeMounts").clear()),
				broken("a PodDisruptionBudget that selects no pod", "PodDisruptionBudget",
						m -> map(get(m, "PodDisruptionBudget", "moderation"), "spec", "selector", "matchLabels")
							.put("app.kubernetes.io/name", "moderator")),
				broken("a PodDisruptionBudget that stops the service", "PodDisruptionBudget",
						m -> spec(get(m, "PodDisruptionBudget", "web")).put("maxUnavailable", 2)),
				broken("a workload whose selector misses its pods", "pod labels",
						m -> map(get(m, "Deployment", "moderation"), "spec", "template", "metadata", "labels")
							.put("app.kubernetes.io/name", "moderator")),
				broken("a service released under another tag", "registry and tag",
						m -> container(get(m, "StatefulSet", "scoring"), "scoring").put("image",
								"registry.example.org/reviewflow/scoring:0.2.0")),
				broken("an autoscaler on memory", "metrics",
						m -> map(list(get(m, "HorizontalPodAutoscaler", "web"), "spec", "metrics").get(0), "resource")
							.put("name", "memory")),
				broken("a Service that selects no pod", "Service review-intake",
						m -> map(get(m, "Service", "review-intake"), "spec", "selector")
							.put("app.kubernetes.io/name", "intake")),
				broken("a Service on another port", "port",
						m -> map(list(get(m, "Service", "scoring"), "spec", "ports").get(0)).put("port", 8084)),
				broken("an autoscaler for another workload", "autoscaler",
						m -> map(get(m, "HorizontalPodAutoscaler", "scoring"), "spec", "scaleTargetRef")
							.put("kind", "Deployment")),
				broken("more consumers than partitions", "maxReplicas",
						m -> spec(get(m, "HorizontalPodAutoscaler", "moderation")).put("maxReplicas", 12)),
				broken("replicas beside an autoscaler", "replicas",
						m -> spec(get(m, "Deployment", "review-intake")).put("replicas", 3)),
				broken("a ScaledObject on another consumer group", "consumerGroup",
						m -> map(triggers(get(m, "ScaledObject", "moderation")).get(0), "metadata")
							.put("consumerGroup", "review-intake")),
				broken("an environment variable no property binds", "SPRING_DATASOURCE_URLL",
						m -> map(get(m, "ConfigMap", "review-intake"), "data")
							.put("SPRING_DATASOURCE_URLL", "jdbc:postgresql://reviewflow-postgres-rw:5432/intake")),
				broken("a ConfigMap that does not exist", "ConfigMap",
						m -> map(list(container(get(m, "Deployment", "web"), "web"), "envFrom").get(0), "configMapRef")
							.put("name", "pages")),
				broken("a Secret README.md does not list", "jwt",
						m -> map(env(container(get(m, "Deployment", "moderation"), "moderation"),
								"REVIEWFLOW_SECURITY_JWT_SECRET"), "valueFrom", "secretKeyRef")
							.put("name", "jwt")),
				broken("a password in the file", "PASSWORD",
						m -> {
							Map<String, Object> password = env(container(get(m, "Deployment", "review-intake"),
									"review-intake"), "SPRING_DATASOURCE_PASSWORD");
							password.remove("valueFrom");
							password.put("value", "secret");
						}),
				broken("the owner's password in the service's container", "owner's password",
						m -> map(env(container(get(m, "Deployment", "moderation"), "moderation"),
								"SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef")
							.put("name", "moderation-owner")),
				broken("a migration location the service does not have", "locations",
						m -> {
							List<Object> args = list(initContainer(get(m, "Deployment", "review-intake"), "migrate"),
									"args");
							args.set(0, ((String) args.get(0)).replace("classpath:db/platform-handover",
									"classpath:db/handover"));
						}),
				broken("the migrations of another image", "image",
						m -> initContainer(get(m, "Deployment", "moderation"), "migrations").put("image",
								"reviewflow/review-intake")),
				broken("a migration as another role", "FLYWAY_SCHEMAS",
						m -> env(initContainer(get(m, "Deployment", "moderation"), "migrate"), "FLYWAY_SCHEMAS")
							.put("value", "intake")),
				broken("another bootstrap server", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
						m -> map(get(m, "ConfigMap", "scoring"), "data").put("SPRING_KAFKA_BOOTSTRAP_SERVERS",
								"kafka:9092")),
				broken("topics with fewer replicas than the broker's default", "REVIEWFLOW_KAFKA_REPLICATIONFACTOR",
						m -> map(get(m, "ConfigMap", "moderation"), "data").put("REVIEWFLOW_KAFKA_REPLICATIONFACTOR",
								"1")),
				broken("transactions on one replica", "transaction.state.log.replication.factor",
						m -> map(get(m, "Kafka", "reviewflow"), "spec", "kafka", "config")
							.put("transaction.state.log.replication.factor", 1)),
				broken("a field Strimzi's Kafka does not have", "replicas",
						m -> map(get(m, "Kafka", "reviewflow"), "spec", "kafka").put("replicas", 3)),
				broken("a database role that may reach every database", "pg_hba",
						m -> list(get(m, "Cluster", "reviewflow-postgres"), "spec", "postgresql", "pg_hba")
							.remove(2)),
				broken("a role without its Secret", "moderation_app",
						m -> list(get(m, "Cluster", "reviewflow-postgres"), "spec", "managed", "roles")
							.remove(3)),
				broken("a database in no Database resource", "moderation",
						m -> m.remove(get(m, "Database", "reviewflow-postgres-moderation"))),
				broken("scoring without its address", "REVIEWFLOW_SCORING_ADVERTISED_HOST",
						m -> list(container(get(m, "StatefulSet", "scoring"), "scoring"), "env").remove(0)),
				broken("scoring's stores off their volume", "SPRING_KAFKA_STREAMS_STATE_DIR",
						m -> map(get(m, "ConfigMap", "scoring"), "data").put("SPRING_KAFKA_STREAMS_STATE_DIR",
								"/tmp/state")),
				broken("the pages calling a Service that is not there", "REVIEWFLOW_WEB_SCORING",
						m -> map(get(m, "ConfigMap", "web"), "data").put("REVIEWFLOW_WEB_SCORING",
								"http://scores:8083")),
				broken("a service whose spans go nowhere", ComposeFileTests.OTLP_ENDPOINT,
						m -> map(get(m, "ConfigMap", "moderation"), "data").remove(ComposeFileTests.OTLP_ENDPOINT)),
				broken("spans sent elsewhere than README.md says", ComposeFileTests.OTLP_ENDPOINT,
						m -> map(get(m, "ConfigMap", "scoring"), "data").put(ComposeFileTests.OTLP_ENDPOINT,
								"http://localhost:4318/v1/traces")),
				broken("the management port open to all", "management",
						m -> list(get(m, "NetworkPolicy", "reviewflow-management-port"), "spec", "ingress")
							.add(Map.of("ports", List.of(Map.of("port", MANAGEMENT))))),
				broken("a ScaledObject with a number where KEDA wants a string", "lagThreshold",
						m -> map(triggers(get(m, "ScaledObject", "scoring")).get(0), "metadata").put("lagThreshold",
								100)));
	}

	static Arguments broken(String breakage, String reason, Consumer<List<Map<String, Object>>> breaking) {
		return Arguments.of(breakage, reason, breaking);
	}

	// ------------------------------------------------------------------------------------------------ the checks

	static void checkAll(List<Map<String, Object>> manifests) throws Exception {
		uniqueIds(manifests);
		for (Map<String, Object> manifest : manifests) {
			conformsToItsApi(manifest);
		}
		for (LocalStack.Service service : services()) {
			workload(manifests, service);
			serviceBudgetAndAutoscaler(manifests, service);
			environment(manifests, service);
		}
		secrets(manifests);
		migrations(manifests);
		kafka(manifests);
		postgres(manifests);
		scoring(manifests);
		pages(manifests);
		traces(manifests);
		managementPort(manifests);
	}

	static void uniqueIds(List<Map<String, Object>> manifests) {
		Set<String> ids = new HashSet<>();
		for (Map<String, Object> manifest : manifests) {
			assertThat(ids.add(id(manifest))).as("twice: " + id(manifest)).isTrue();
		}
	}

	/** The built-in kinds these manifests use, with the API's model of each. */
	static final Map<String, Class<?>> MODELS = Map.of("v1/Namespace", V1Namespace.class, "v1/ConfigMap",
			V1ConfigMap.class, "v1/Service", V1Service.class, "apps/v1/Deployment", V1Deployment.class,
			"apps/v1/StatefulSet", V1StatefulSet.class, "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
			"autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
			"networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class);

	static void conformsToItsApi(Map<String, Object> manifest) {
		String type = manifest.get("apiVersion") + "/" + manifest.get("kind");
		Class<?> model = MODELS.get(type);
		if (model != null) {
			conformsTo(manifest, model, id(manifest));
			return;
		}
		switch (type) {
			case "kafka.strimzi.io/v1/Kafka" -> strimziKafka(manifest);
			case "kafka.strimzi.io/v1/KafkaNodePool" -> strimziNodePool(manifest);
			case "postgresql.cnpg.io/v1/Cluster" -> cnpgCluster(manifest);
			case "postgresql.cnpg.io/v1/Database" -> cnpgDatabase(manifest);
			case "keda.sh/v1alpha1/ScaledObject" -> kedaScaledObject(manifest);
			default -> fail("no API known for " + type + " (" + id(manifest) + "): add its model to MODELS or a check");
		}
	}

	/**
	 * Checks a value against an API model: the model's own validation (unknown fields, required fields, objects
	 * where objects belong), then every value's type, which the API server holds to and Gson would forgive.
	 */
	static void conformsTo(Object value, Class<?> model, String where) {
		try {
			Method validate = model.getMethod("validateJsonElement", JsonElement.class);
			validate.invoke(null, GSON.toJsonTree(value));
		}
		catch (InvocationTargetException ex) {
			throw new AssertionError(where + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		typed(value, model, where);
	}

	static void typed(Object value, Type type, String where) {
		Class<?> raw = raw(type);
		if (raw == String.class || raw.isEnum() || raw == OffsetDateTime.class) {
			assertThat(value).as(where + " wants a string").isInstanceOf(String.class);
		}
		else if (raw == Integer.class || raw == Long.class) {
			assertThat(value).as(where + " wants an integer").isInstanceOfAny(Integer.class, Long.class);
		}
		else if (raw == Double.class || raw == Float.class) {
			assertThat(value).as(where + " wants a number").isInstanceOf(Number.class);
		}
		else if (raw == Boolean.class) {
			assertThat(value).as(where + " wants a boolean").isInstanceOf(Boolean.class);
		}
		else if (raw == IntOrString.class || raw == Quantity.class) {
			assertThat(value).as(where + " wants a string or an integer").isInstanceOfAny(String.class, Integer.class);
		}
		else if (List.class.isAssignableFrom(raw)) {
			assertThat(value).as(where + " wants a list").isInstanceOf(List.class);
			Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
			List<?> values = (List<?>) value;
			for (int i = 0; i < values.size(); i++) {
				typed(values.get(i), element, where + "[" + i + "]");
			}
		}
		else if (Map.class.isAssignableFrom(raw)) {
			assertThat(value).as(where + " wants a map").isInstanceOf(Map.class);
			Type element = ((ParameterizedType) type).getActualTypeArguments()[1];
			((Map<?, ?>) value).forEach((key, entry) -> typed(entry, element, where + "." + key));
		}
		else if (raw != Object.class) {
			assertThat(value).as(where + " wants an object").isInstanceOf(Map.class);
			Map<String, Field> fields = new HashMap<>();
			for (Field field : raw.getDeclaredFields()) {
				SerializedName name = field.getAnnotation(SerializedName.class);
				if (name != null) {
					fields.put(name.value(), field);
				}
			}
			((Map<?, ?>) value).forEach((key, entry) -> {
				assertThat(fields).as(where + ": " + raw.getSimpleName() + " has no " + key).containsKey((String) key);
				typed(entry, fields.get(key).getGenericType(), where + "." + key);
			});
		}
	}

	static Class<?> raw(Type type) {
		return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
				: (Class<?>) type;
	}

	/** Each service and the pages: its workload, pods, ports, probes, resources and security. */
	static void workload(List<Map<String, Object>> manifests, LocalStack.Service service) throws IOException {
		Map<String, Object> workload = workloadOf(manifests, service);
		String name = service.name();
		assertThat((String) workload.get("kind")).as(name)
			.isEqualTo(kafkaStreams(service) ? "StatefulSet" : "Deployment");
		Map<String, Object> selector = map(workload, "spec", "selector", "matchLabels");
		assertThat(selector).as(name + " selector").isNotEmpty();
		assertThat(podLabels(workload)).as(name + " pod labels").containsAllEntriesOf(selector);
		Map<String, Object> pod = map(workload, "spec", "template", "spec");
		assertThat(pod).as(name + ": no service account token in the pods")
			.containsEntry("automountServiceAccountToken", false);
		Map<String, Object> podSecurity = map(pod, "securityContext");
		assertThat(podSecurity).as(name).containsEntry("runAsNonRoot", true);
		assertThat((Integer) podSecurity.get("runAsUser")).as(name + " runAsUser").isPositive();

		Map<String, Object> container = container(workload, name);
		Map<String, Object> ports = new HashMap<>();
		for (Object port : list(container, "ports")) {
			ports.put((String) map(port).get("name"), map(port).get("containerPort"));
		}
		assertThat(ports).as(name + " ports")
			.containsEntry(HTTP, ComposeFileTests.serverPort(service))
			.containsEntry(MANAGEMENT, Integer.valueOf(variables(manifests, container).get("MANAGEMENT_SERVER_PORT")));
		probe(container, "startupProbe", "/actuator/health/liveness", ports);
		probe(container, "livenessProbe", "/actuator/health/liveness", ports);
		probe(container, "readinessProbe", "/actuator/health/readiness", ports);

		List<Map<String, Object>> all = new ArrayList<>(maps(list(pod, "containers")));
		all.addAll(maps(pod.getOrDefault("initContainers", List.of())));
		for (Map<String, Object> each : all) {
			String where = name + "/" + each.get("name");
			Map<String, Object> resources = map(each, "resources");
			assertThat(map(resources, "requests")).as(where + " requests").containsKeys("cpu", "memory");
			assertThat(map(resources, "limits")).as(where + " limits").containsKeys("cpu", "memory");
			Map<String, Object> security = map(each, "securityContext");
			assertThat(security).as(where).containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("readOnlyRootFilesystem", true);
			assertThat(list(security, "capabilities", "drop")).as(where + " capabilities dropped").contains("ALL");
			// a read-only root file system: Java, Tomcat and RocksDB write to /tmp
			String tmp = maps(each.getOrDefault("volumeMounts", List.of())).stream()
				.filter(mount -> "/tmp".equals(mount.get("mountPath")))
				.map(mount -> (String) mount.get("name"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(where + " mounts nothing on /tmp"));
			assertThat(volume(pod, tmp)).as(where + " /tmp").containsKey("emptyDir");
		}
		// the services and the pages are released together: one registry, one tag
		String image = (String) container.get("image");
		assertThat(image).as(name + " image").matches(".*reviewflow/" + service.module() + ":[^:/]+");
		assertThat(image.replace("/" + service.module() + ":", "/web:"))
			.as(name + " image, with the pages' registry and tag")
			.isEqualTo(container(workloadOf(manifests, LocalStack.WEB), LocalStack.WEB.name()).get("image"));
	}

	static void probe(Map<String, Object> container, String probe, String path, Map<String, Object> ports) {
		assertThat(container).as(container.get("name") + " " + probe).containsKey(probe);
		Map<String, Object> get = map(container, probe, "httpGet");
		assertThat(get).as(container.get("name") + " " + probe).containsEntry("path", path);
		Object port = get.get("port");
		assertThat(port instanceof String named ? ports.keySet().contains(named) : ports.containsValue(port))
			.as(container.get("name") + " " + probe + " on " + port + ", one of the declared ports " + ports)
			.isTrue();
		assertThat(port instanceof String named ? ports.get(named) : port)
			.as(container.get("name") + " " + probe + " on the management port")
			.isEqualTo(ports.get(MANAGEMENT));
	}

	/** Its Service, PodDisruptionBudget and autoscaler select the workload's pods and no other workload's. */
	static void serviceBudgetAndAutoscaler(List<Map<String, Object>> manifests, LocalStack.Service service)
			throws IOException {
		String name = service.name();
		Map<String, Object> workload = workloadOf(manifests, service);
		Map<String, Object> labels = podLabels(workload);

		Map<String, Object> kubernetesService = get(manifests, "Service", name);
		Map<String, Object> selector = map(kubernetesService, "spec", "selector");
		assertThat(selects(selector, labels)).as("Service " + name + " selects its pods").isTrue();
		assertThat(onlyWorkloadSelected(manifests, selector)).as("Service " + name).isEqualTo(workload);
		Map<String, Object> port = map(list(kubernetesService, "spec", "ports").get(0));
		assertThat(port).as("Service " + name + " port")
			.containsEntry("port", service.port())
			.containsEntry("targetPort", HTTP);

		List<Map<String, Object>> budgets = ofKind(manifests, "PodDisruptionBudget").stream()
			.filter(budget -> selects(map(budget, "spec", "selector", "matchLabels"), labels))
			.toList();
		assertThat(budgets).as("the PodDisruptionBudget of " + name).hasSize(1);
		Map<String, Object> budget = budgets.get(0);
		assertThat(onlyWorkloadSelected(manifests, map(budget, "spec", "selector", "matchLabels")))
			.as("PodDisruptionBudget " + name)
			.isEqualTo(workload);
		assertThat(Objects.equals(spec(budget).get("maxUnavailable"), 1)
				|| Objects.equals(spec(budget).get("minAvailable"), 1))
			.as("PodDisruptionBudget " + name + ": maxUnavailable 1 or minAvailable 1")
			.isTrue();

		List<Map<String, Object>> autoscalers = new ArrayList<>();
		for (Map<String, Object> autoscaler : ofKind(manifests, "HorizontalPodAutoscaler", "ScaledObject")) {
			Map<String, Object> target = map(autoscaler, "spec", "scaleTargetRef");
			if (name.equals(target.get("name"))) {
				assertThat(target).as("autoscaler " + id(autoscaler))
					.containsEntry("apiVersion", "apps/v1")
					.containsEntry("kind", workload.get("kind"));
				autoscalers.add(autoscaler);
			}
		}
		assertThat(autoscalers).as("the autoscaler of " + name).hasSize(1);
		Map<String, Object> autoscaler = autoscalers.get(0);
		// the autoscaler owns the number of pods: a count in the workload would undo its work at every apply
		assertThat(spec(workload)).as(name + ": replicas beside an autoscaler").doesNotContainKey("replicas");
		boolean keda = autoscaler.get("kind").equals("ScaledObject");
		Object min = spec(autoscaler).get(keda ? "minReplicaCount" : "minReplicas");
		Object max = spec(autoscaler).get(keda ? "maxReplicaCount" : "maxReplicas");
		// two at least, so that a budget of one never takes the service away
		assertThat((Integer) min).as(name + " minReplicas").isGreaterThanOrEqualTo(2);
		// a consumer beyond the partitions would idle
		assertThat((Integer) max).as(name + " maxReplicas").isGreaterThan((Integer) min)
			.isLessThanOrEqualTo(Topics.PARTITIONS);
		if (keda) {
			List<Map<String, Object>> triggers = triggers(autoscaler);
			assertThat(triggers).extracting(trigger -> trigger.get("type")).as(name + " triggers").contains("cpu");
			String group = consumerGroup(service);
			List<Map<String, Object>> lag = triggers.stream()
				.filter(trigger -> "kafka".equals(trigger.get("type")))
				.toList();
			if (group == null) {
				assertThat(lag).as(name + " has no consumer group").isEmpty();
			}
			else {
				assertThat(lag).as(name + " lag").hasSize(1);
				assertThat(map(lag.get(0), "metadata")).as(name + " consumerGroup")
					.containsEntry("consumerGroup", group)
					.containsEntry("bootstrapServers",
							variables(manifests, container(workload, name)).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
			}
		}
		else {
			assertThat(list(autoscaler, "spec", "metrics")).as(name + " metrics")
				.contains(Map.of("type", "Resource", "resource",
						Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 70))));
		}
	}

	/** Every variable of the service's container is one of its configuration properties, or the JVM's. */
	static void environment(List<Map<String, Object>> manifests, LocalStack.Service service) throws Exception {
		Map<String, Object> container = container(workloadOf(manifests, service), service.name());
		Set<String> known = knownVariables(service);
		for (String variable : variables(manifests, container).keySet()) {
			assertThat(known).as(service.name() + ": " + variable + " matches no configuration property")
				.contains(variable);
		}
	}

	/**
	 * No Secret and no secret value in the files: every password and secret comes from a Secret that README.md lists
	 * (with the key used), and every Secret listed there is used.
	 */
	static void secrets(List<Map<String, Object>> manifests) throws IOException {
		assertThat(ofKind(manifests, "Secret")).isEmpty();
		Map<String, Map<String, String>> documented = documentedSecrets();
		Set<String> used = new HashSet<>();
		for (Map<String, Object> workload : ofKind(manifests, "Deployment", "StatefulSet")) {
			Map<String, Object> pod = map(workload, "spec", "template", "spec");
			List<Map<String, Object>> all = new ArrayList<>(maps(list(pod, "containers")));
			all.addAll(maps(pod.getOrDefault("initContainers", List.of())));
			for (Map<String, Object> container : all) {
				for (Map<String, Object> variable : maps(container.getOrDefault("env", List.of()))) {
					String where = id(workload) + "/" + container.get("name") + " " + variable.get("name");
					if (((String) variable.get("name")).matches(".*(PASSWORD|SECRET).*")) {
						assertThat(variable).as(where + " from a Secret").doesNotContainKey("value");
					}
					if (variable.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") != null) {
						Map<String, Object> reference = map(from.get("secretKeyRef"));
						assertThat(documented).as(where + ": deploy/kubernetes/README.md lists its Secret")
							.containsKey((String) reference.get("name"));
						assertThat(documented.get(reference.get("name"))).as(where + " key")
							.containsKey((String) reference.get("key"));
						used.add((String) reference.get("name"));
					}
				}
			}
		}
		for (Map<String, Object> cluster : ofKind(manifests, "Cluster")) {
			for (Map<String, Object> role : maps(list(cluster, "spec", "managed", "roles"))) {
				String secret = (String) map(role, "passwordSecret").get("name");
				assertThat(documented).as("role " + role.get("name") + ": README.md lists its Secret")
					.containsKey(secret);
				assertThat(documented.get(secret)).as("Secret " + secret + " of role " + role.get("name"))
					.containsEntry("username", (String) role.get("name"))
					.containsKey("password");
				used.add(secret);
			}
		}
		for (Map<String, Object> config : ofKind(manifests, "ConfigMap")) {
			assertThat(map(config, "data").keySet()).as(id(config))
				.noneMatch(key -> key.matches(".*(PASSWORD|SECRET).*"));
		}
		assertThat(used).as("the Secrets README.md lists").containsExactlyInAnyOrderElementsOf(documented.keySet());
		try (Stream<Path> files = Files.walk(KUBERNETES)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file)).as(file.toString())
					.doesNotContain(DevelopmentTokens.LOCAL_SECRET);
			}
		}
	}

	/**
	 * A service with a database migrates it before it starts, as compose's {@code <service>-migrate} does: the same
	 * image of Flyway, the same two runs as the database's owner, with the locations the service's own Flyway reads,
	 * from the jars of the image the service runs. The service's container never sees the owner's password.
	 */
	static void migrations(List<Map<String, Object>> manifests) throws IOException {
		Map<String, Object> compose = ComposeFileTests.compose();
		Set<String> ownerSecrets = new HashSet<>();
		for (LocalStack.Service service : databaseServices(manifests)) {
			String name = service.name();
			Map<String, Object> workload = workloadOf(manifests, service);
			Map<String, Object> container = container(workload, name);
			Map<String, String> variables = variables(manifests, container);
			String url = variables.get("SPRING_DATASOURCE_URL");
			String database = database(url);
			String runtime = variables.get("SPRING_DATASOURCE_USERNAME");
			assertThat(variables).as(name).containsEntry("SPRING_FLYWAY_ENABLED", "false")
				.doesNotContainKeys("SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD");
			assertThat(runtime).as(name).isEqualTo(database + "_app");
			assertThat(database).as(name + ": the schema is the database's name")
				.isEqualTo(applicationYml(service, "spring", "datasource", "hikari", "schema"));

			List<Map<String, Object>> init = maps(list(workload, "spec", "template", "spec", "initContainers"));
			assertThat(init).extracting(each -> each.get("name")).as(name).containsExactly("migrations", "migrate");
			Map<String, Object> extract = init.get(0);
			Map<String, Object> migrate = init.get(1);
			// the migrations of the image the service runs, however the image is renamed or tagged
			assertThat(extract.get("image")).as(name + " migrations image").isEqualTo(container.get("image"));
			Map<String, Object> composed = ComposeFileTests.service(compose, name + "-migrate");
			assertThat(migrate.get("image")).as(name + " migrate image").isEqualTo(composed.get("image"));

			Map<String, Object> flyway = new HashMap<>();
			for (Map<String, Object> variable : maps(list(migrate, "env"))) {
				flyway.put((String) variable.get("name"), variable.containsKey("value") ? variable.get("value")
						: map(variable, "valueFrom", "secretKeyRef"));
			}
			assertThat(flyway).as(name + " migrate")
				.containsEntry("FLYWAY_URL", url)
				.containsEntry("FLYWAY_SCHEMAS", database)
				.containsEntry("FLYWAY_DEFAULT_SCHEMA", database);
			String owner = (String) map(flyway.get("FLYWAY_USER")).get("name");
			assertThat(flyway.get("FLYWAY_USER")).as(name + " FLYWAY_USER")
				.isEqualTo(Map.of("name", owner, "key", "username"));
			assertThat(flyway.get("FLYWAY_PASSWORD")).as(name + " FLYWAY_PASSWORD")
				.isEqualTo(Map.of("name", owner, "key", "password"));
			assertThat(documentedSecrets().get(owner)).as("Secret " + owner)
				.containsEntry("username", database + "_owner");
			ownerSecrets.add(owner);

			// the jars the first init container copies are where the second one's Flyway looks
			String jars = (String) flyway.get("FLYWAY_JAR_DIRS");
			assertThat(mountedVolume(extract, jars)).as(name + ": " + jars + " of both init containers")
				.isNotNull()
				.isEqualTo(mountedVolume(migrate, jars));
			assertThat(volume(map(workload, "spec", "template", "spec"), mountedVolume(migrate, jars)))
				.containsKey("emptyDir");
			// Spring Boot's jar tools unpack the image's jar: the application's own jar (its db/migration) under the
			// jar's name, the platform's (db/platform-handover, db/platform) among the libraries
			String extraction = String.join(" ", strings(extract.get("args")));
			assertThat(extract.get("command")).as(name).isEqualTo(List.of("/bin/sh", "-ec"));
			String jar = dockerfileJar();
			Matcher destination = Pattern.compile("java -Djarmode=tools -jar " + Pattern.quote(jar)
					+ " extract --destination (\\S+) ").matcher(extraction);
			assertThat(destination.find()).as(name + " extracts " + jar + ": " + extraction).isTrue();
			String unpacked = destination.group(1);
			assertThat(extraction).as(name + " extraction")
				.contains("cp " + unpacked + "/" + Path.of(jar).getFileName() + " " + unpacked + "/lib/platform-*.jar "
						+ jars + "/");

			// compose's two runs, each with the locations the service's own Flyway has
			// (ReviewflowFlywayAutoConfiguration)
			assertThat(migrate.get("command")).as(name).isEqualTo(composed.get("entrypoint"));
			String[] runs = String.join(" ", strings(migrate.get("args"))).split(" && ");
			String[] composedRuns = String.join(" ", strings(composed.get("command"))).split(" && ");
			assertThat(runs).as(name + " runs").hasSameSizeAs(composedRuns).hasSize(2);
			List<String> locations = List.of(serviceFlywayLocations(service),
					ReviewflowFlywayAutoConfiguration.PLATFORM_LOCATION);
			for (int i = 0; i < runs.length; i++) {
				List<String> run = List.of(runs[i].trim().split("\\s+"));
				List<String> composedRun = List.of(composedRuns[i].trim().split("\\s+"));
				assertThat(run).as(name + " run " + (i + 1) + " locations").contains("-locations=" + locations.get(i));
				assertThat(run.stream().filter(option -> !option.startsWith("-locations=")))
					.as(name + " run " + (i + 1) + " as compose's")
					.containsExactlyElementsOf(composedRun.stream().filter(option -> !option.startsWith("-locations="))
						.toList());
				assertThat(run).contains("-placeholders.app-role=" + runtime);
			}
		}
		// no service container, of any workload, has an owner's password
		for (Map<String, Object> workload : ofKind(manifests, "Deployment", "StatefulSet")) {
			for (Map<String, Object> container : maps(list(workload, "spec", "template", "spec", "containers"))) {
				Set<String> secrets = new HashSet<>();
				for (Map<String, Object> variable : maps(container.getOrDefault("env", List.of()))) {
					if (variable.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") != null) {
						secrets.add((String) map(from.get("secretKeyRef")).get("name"));
					}
				}
				assertThat(secrets).as(id(workload) + "/" + container.get("name") + ": an owner's password")
					.doesNotContainAnyElementsOf(ownerSecrets);
			}
		}
	}

	/**
	 * Kafka from Strimzi: every service's bootstrap server is the cluster's plain internal listener, its topics get
	 * the brokers' replication, and nothing is lost while one broker is away.
	 */
	static void kafka(List<Map<String, Object>> manifests) throws IOException {
		List<Map<String, Object>> clusters = ofKind(manifests, "Kafka");
		assertThat(clusters).hasSize(1);
		Map<String, Object> kafka = clusters.get(0);
		String cluster = name(kafka);
		Map<String, Object> listener = maps(list(kafka, "spec", "kafka", "listeners")).stream()
			.filter(each -> "internal".equals(each.get("type")) && Boolean.FALSE.equals(each.get("tls")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Kafka " + cluster + " has no plain internal listener"));
		String bootstrap = cluster + "-kafka-bootstrap:" + listener.get("port");
		Map<String, Object> config = map(kafka, "spec", "kafka", "config");
		int replication = (Integer) config.get("default.replication.factor");
		int minIsr = (Integer) config.get("min.insync.replicas");
		assertThat(replication).as("default.replication.factor").isGreaterThanOrEqualTo(3);
		assertThat(minIsr).as("min.insync.replicas").isGreaterThanOrEqualTo(2).isLessThan(replication);
		assertThat(config).containsEntry("offsets.topic.replication.factor", replication)
			.containsEntry("transaction.state.log.replication.factor", replication)
			.containsEntry("transaction.state.log.min.isr", minIsr)
			.containsEntry("num.partitions", Topics.PARTITIONS)
			.containsEntry("auto.create.topics.enable", false);
		int brokers = 0;
		int controllers = 0;
		for (Map<String, Object> pool : ofKind(manifests, "KafkaNodePool")) {
			assertThat(map(pool, "metadata", "labels")).as(id(pool)).containsEntry("strimzi.io/cluster", cluster);
			int replicas = (Integer) spec(pool).get("replicas");
			brokers += list(pool, "spec", "roles").contains("broker") ? replicas : 0;
			controllers += list(pool, "spec", "roles").contains("controller") ? replicas : 0;
		}
		assertThat(brokers).as("brokers").isGreaterThanOrEqualTo(replication);
		assertThat(controllers).as("controllers").isGreaterThanOrEqualTo(3);
		assertThat(controllers % 2).as("controllers, an odd number (a majority survives the loss of one)").isOne();

		for (LocalStack.Service service : services()) {
			Map<String, String> variables = variables(manifests,
					container(workloadOf(manifests, service), service.name()));
			if (service.equals(LocalStack.WEB)) {
				assertThat(variables).as("the pages have no Kafka client")
					.doesNotContainKey("SPRING_KAFKA_BOOTSTRAP_SERVERS");
				continue;
			}
			assertThat(variables).as(service.name())
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap)
				.containsEntry("REVIEWFLOW_KAFKA_REPLICATIONFACTOR", Integer.toString(replication));
		}
	}

	/**
	 * PostgreSQL from CloudNativePG: each service's database and its two roles, whose passwords are the Secrets the
	 * service and its migrations use; no role reaches another database.
	 */
	static void postgres(List<Map<String, Object>> manifests) throws IOException {
		List<Map<String, Object>> clusters = ofKind(manifests, "Cluster");
		assertThat(clusters).hasSize(1);
		Map<String, Object> cluster = clusters.get(0);
		assertThat((Integer) spec(cluster).get("instances")).as("PostgreSQL instances").isGreaterThanOrEqualTo(3);
		Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
		for (Map<String, Object> role : maps(list(cluster, "spec", "managed", "roles"))) {
			roles.put((String) role.get("name"), role);
		}
		Map<String, Object> initdb = map(cluster, "spec", "bootstrap", "initdb");
		Map<String, String> databases = new HashMap<>();
		databases.put((String) initdb.get("database"), (String) initdb.get("owner"));
		for (Map<String, Object> database : ofKind(manifests, "Database")) {
			assertThat(map(database, "spec", "cluster")).as(id(database)).containsEntry("name", name(cluster));
			String previous = databases.put((String) spec(database).get("name"), (String) spec(database).get("owner"));
			assertThat(previous == null || previous.equals(spec(database).get("owner"))).as(id(database) + " owner")
				.isTrue();
		}
		List<String> hba = strings(list(cluster, "spec", "postgresql", "pg_hba")).stream()
			.map(line -> line.trim().replaceAll("\\s+", " "))
			.toList();
		Set<String> serviceRoles = new HashSet<>();
		List<String> allowed = new ArrayList<>();
		for (LocalStack.Service service : databaseServices(manifests)) {
			Map<String, Object> workload = workloadOf(manifests, service);
			Map<String, String> variables = variables(manifests, container(workload, service.name()));
			String url = variables.get("SPRING_DATASOURCE_URL");
			String database = database(url);
			assertThat(url).as(service.name() + " datasource")
				.startsWith("jdbc:postgresql://" + name(cluster) + "-rw:5432/" + database + "?")
				.contains("sslmode=require");
			assertThat(databases).as("the databases of " + name(cluster) + " (bootstrap or Database resources)")
				.containsEntry(database, database + "_owner");
			String runtime = database + "_app";
			String owner = database + "_owner";
			Map<String, Object> appPassword = map(env(container(workload, name(workload)),
					"SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef");
			Map<String, Object> ownerPassword = map(env(initContainer(workload, "migrate"), "FLYWAY_PASSWORD"),
					"valueFrom", "secretKeyRef");
			for (String role : List.of(runtime, owner)) {
				assertThat(roles).as("managed roles of " + name(cluster)).containsKey(role);
				assertThat(roles.get(role)).as(role).containsEntry("ensure", "present").containsEntry("login", true)
					.doesNotContainEntry("superuser", true)
					.doesNotContainEntry("createdb", true)
					.doesNotContainEntry("createrole", true);
			}
			assertThat(map(roles.get(runtime), "passwordSecret")).as(runtime)
				.containsEntry("name", appPassword.get("name"));
			assertThat(map(roles.get(owner), "passwordSecret")).as(owner)
				.containsEntry("name", ownerPassword.get("name"));
			if (database.equals(initdb.get("database"))) {
				assertThat(map(initdb, "secret")).as("initdb's owner").containsEntry("name", ownerPassword.get("name"));
			}
			String line = "hostssl " + database + " " + owner + "," + runtime + " all scram-sha-256";
			assertThat(hba).as("pg_hba: " + line).contains(line);
			allowed.add(line);
			serviceRoles.add(owner);
			serviceRoles.add(runtime);
		}
		String rejected = hba.stream()
			.filter(line -> line.startsWith("host all ") && line.endsWith(" all reject"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("pg_hba: no line rejects the services' roles elsewhere"));
		assertThat(Set.of(rejected.split(" ")[2].split(","))).as("pg_hba rejects elsewhere")
			.containsAll(serviceRoles);
		assertThat(allowed).allSatisfy(line -> assertThat(hba.indexOf(line)).as("pg_hba: " + line + " first")
			.isLessThan(hba.indexOf(rejected)));
	}

	/** scoring keeps its stores on a volume of its own and advertises the address other instances reach it at. */
	static void scoring(List<Map<String, Object>> manifests) throws IOException {
		for (LocalStack.Service service : services()) {
			if (!kafkaStreams(service)) {
				continue;
			}
			Map<String, Object> workload = workloadOf(manifests, service);
			Map<String, Object> container = container(workload, service.name());
			Map<String, Object> headless = get(manifests, "Service", (String) spec(workload).get("serviceName"));
			assertThat(spec(headless)).as(id(headless)).containsEntry("clusterIP", "None");
			assertThat(selects(map(headless, "spec", "selector"), podLabels(workload))).as(id(headless)).isTrue();
			String state = variables(manifests, container).get("SPRING_KAFKA_STREAMS_STATE_DIR");
			String volume = mountedVolume(container, state);
			assertThat(maps(list(workload, "spec", "volumeClaimTemplates")))
				.as(service.name() + ": SPRING_KAFKA_STREAMS_STATE_DIR " + state + " on a volume of the instance's own")
				.anySatisfy(claim -> assertThat(map(claim, "metadata")).containsEntry("name", volume));
			assertThat(map(workload, "spec", "template", "spec", "securityContext")).as("the volume's group")
				.containsKey("fsGroup");
			// application.server = ${reviewflow.scoring.advertised-host}:${server.port}: the pod's IP and its http port
			String server = (String) applicationYml(service, "spring", "kafka", "streams", "properties",
					"application.server");
			assertThat(server).startsWith("${reviewflow.scoring.advertised-host")
				.endsWith(":${server.port}");
			assertThat(env(container, "REVIEWFLOW_SCORING_ADVERTISED_HOST")).as("REVIEWFLOW_SCORING_ADVERTISED_HOST")
				.containsEntry("valueFrom", Map.of("fieldRef", Map.of("fieldPath", "status.podIP")));
		}
	}

	/** The pages call the three services at their Services, which lead to the services' pods. */
	static void pages(List<Map<String, Object>> manifests) throws IOException {
		Map<String, String> variables = variables(manifests,
				container(workloadOf(manifests, LocalStack.WEB), LocalStack.WEB.name()));
		for (LocalStack.Service service : LocalStack.SERVICES) {
			String variable = "REVIEWFLOW_WEB_" + service.name().toUpperCase(Locale.ROOT).replace("-", "");
			Map<String, Object> kubernetesService = get(manifests, "Service", service.name());
			assertThat(variables).as(variable)
				.containsEntry(variable, "http://" + name(kubernetesService) + ":"
						+ map(list(kubernetesService, "spec", "ports").get(0)).get("port"));
		}
		assertThat(variables).as("no development tokens outside local mode")
			.doesNotContainKeys(ComposeFileTests.variables("reviewflow.web.development-tokens").toArray(String[]::new));
	}

	/**
	 * Every service that traces sends its spans to the OpenTelemetry Collector README.md documents, which the
	 * cluster's operators run (none is deployed here); the pages, which do not trace, are given no address.
	 */
	static void traces(List<Map<String, Object>> manifests) throws Exception {
		String collector = documentedCollector();
		for (LocalStack.Service service : services()) {
			Map<String, String> variables = variables(manifests,
					container(workloadOf(manifests, service), service.name()));
			if (knownVariables(service).contains(ComposeFileTests.OTLP_ENDPOINT)) {
				assertThat(variables).as(service.name() + ": " + ComposeFileTests.OTLP_ENDPOINT
						+ ", the collector README.md documents")
					.containsEntry(ComposeFileTests.OTLP_ENDPOINT, collector);
			}
			else {
				assertThat(variables).as(service.name() + " does not trace")
					.doesNotContainKey(ComposeFileTests.OTLP_ENDPOINT);
			}
		}
		for (LocalStack.Service service : LocalStack.SERVICES) {
			assertThat(knownVariables(service)).as(service.name() + " exports spans over OTLP (the platform's tracing)")
				.contains(ComposeFileTests.OTLP_ENDPOINT);
		}
	}

	/** The collector's OTLP/HTTP traces address in deploy/kubernetes/README.md's "Traces". */
	static String documentedCollector() throws IOException {
		String readme = Files.readString(KUBERNETES.resolve("README.md"));
		assertThat(readme).as("deploy/kubernetes/README.md").contains("## Traces");
		Matcher address = Pattern.compile("`(https?://[^`\\s]+" + TracingConfigTests.OTLP_HTTP_TRACES_PATH + ")`")
			.matcher(readme.substring(readme.indexOf("## Traces")));
		assertThat(address.find()).as("README.md's Traces: the collector's address").isTrue();
		return address.group(1);
	}

	/** The management port answers without a token; only the monitoring namespace reaches it. */
	static void managementPort(List<Map<String, Object>> manifests) {
		List<Map<String, Object>> policies = ofKind(manifests, "NetworkPolicy");
		assertThat(policies).hasSize(1);
		Map<String, Object> policy = policies.get(0);
		for (LocalStack.Service service : services()) {
			assertThat(selects(map(policy, "spec", "podSelector", "matchLabels"),
					podLabels(workloadOf(manifests, service))))
				.as(id(policy) + " covers " + service.name())
				.isTrue();
		}
		assertThat(list(policy, "spec", "policyTypes")).contains("Ingress");
		for (Map<String, Object> rule : maps(list(policy, "spec", "ingress"))) {
			boolean management = maps(rule.getOrDefault("ports", List.of())).stream()
				.anyMatch(port -> MANAGEMENT.equals(port.get("port"))
						|| Integer.valueOf(9464).equals(port.get("port")));
			if (management || !rule.containsKey("ports")) {
				assertThat(maps(rule.getOrDefault("from", List.of())))
					.as(id(policy) + ": who reaches the management port")
					.isNotEmpty()
					.allSatisfy(from -> assertThat(from).containsOnlyKeys("namespaceSelector"));
			}
		}
	}

	// ----------------------------------------------- Strimzi, CloudNativePG and KEDA: their APIs' fields, by hand

	/** Strimzi 1.2's API (io.strimzi:api): what a Kafka's spec may hold. */
	static void strimziKafka(Map<String, Object> kafka) {
		String where = id(kafka);
		assertThat(spec(kafka).keySet()).as(where).isSubsetOf("kafka", "entityOperator", "clusterCa", "clientsCa",
				"maintenanceTimeWindows", "kafkaExporter", "cruiseControl");
		Map<String, Object> cluster = map(kafka, "spec", "kafka");
		assertThat(cluster.keySet()).as(where + " spec.kafka").isSubsetOf("version", "metadataVersion", "config",
				"rack", "logging", "image", "livenessProbe", "readinessProbe", "jvmOptions", "jmxOptions",
				"metricsConfig", "listeners", "authorization", "template", "tieredStorage", "quotas",
				"brokerRackInitImage");
		assertThat(maps(list(cluster, "listeners"))).as(where + " listeners").isNotEmpty().allSatisfy(listener -> {
			assertThat(listener).containsKeys("name", "port", "type", "tls");
			assertThat(listener.keySet()).isSubsetOf("name", "port", "type", "tls", "auth", "configuration",
					"networkPolicyPeers");
			assertThat((String) listener.get("name")).matches("[a-z0-9]{1,11}");
			assertThat(listener.get("type")).isIn("internal", "route", "tlsroute", "loadbalancer", "nodeport",
					"ingress", "cluster-ip");
			assertThat(listener.get("tls")).isInstanceOf(Boolean.class);
		});
		// the options Strimzi sets itself and refuses here
		List<String> forbidden = List.of("listeners", "advertised.", "broker.", "listener.", "sasl.", "ssl.",
				"security.", "password.", "log.dir", "authorizer.", "super.user", "node.id", "process.roles",
				"controller.", "metadata.log.dir");
		for (String option : map(cluster, "config").keySet()) {
			assertThat(forbidden).as(where + " config " + option + ", which Strimzi sets")
				.noneMatch(prefix -> option.startsWith(prefix));
		}
	}

	static void strimziNodePool(Map<String, Object> pool) {
		String where = id(pool);
		assertThat(spec(pool)).as(where).containsKeys("replicas", "roles", "storage");
		assertThat(spec(pool).keySet()).as(where).isSubsetOf("replicas", "storage", "roles", "resources", "jvmOptions",
				"template");
		assertThat(spec(pool).get("replicas")).as(where).isInstanceOf(Integer.class);
		assertThat(strings(list(pool, "spec", "roles"))).as(where).isNotEmpty().isSubsetOf("controller", "broker");
		Map<String, Object> storage = map(pool, "spec", "storage");
		assertThat(storage.get("type")).as(where + " storage").isIn("ephemeral", "persistent-claim", "jbod");
		if ("persistent-claim".equals(storage.get("type"))) {
			assertThat(storage).as(where + " storage").containsKey("size");
			assertThat(storage.keySet()).as(where + " storage").isSubsetOf("type", "id", "size", "kraftMetadata",
					"storageClass", "selector", "deleteClaim", "volumeAttributesClass");
		}
		if (spec(pool).containsKey("resources")) {
			conformsTo(spec(pool).get("resources"), V1ResourceRequirements.class, where + " resources");
		}
	}

	/** CloudNativePG's Cluster: the fields used here, among those its API has. */
	static void cnpgCluster(Map<String, Object> cluster) {
		String where = id(cluster);
		assertThat(spec(cluster)).as(where).containsKeys("instances", "storage");
		assertThat(spec(cluster).keySet()).as(where).isSubsetOf("instances", "imageName", "primaryUpdateStrategy",
				"primaryUpdateMethod", "storage", "walStorage", "resources", "postgresql", "bootstrap", "managed",
				"affinity", "enableSuperuserAccess", "superuserSecret", "monitoring", "backup", "description",
				"minSyncReplicas", "maxSyncReplicas", "inheritedMetadata", "startDelay", "stopDelay",
				"switchoverDelay", "failoverDelay", "logLevel", "certificates", "env", "envFrom");
		assertThat(map(cluster, "spec", "storage")).as(where + " storage").containsKey("size");
		conformsTo(spec(cluster).get("resources"), V1ResourceRequirements.class, where + " resources");
		Map<String, Object> postgresql = map(cluster, "spec", "postgresql");
		assertThat(postgresql.keySet()).as(where + " postgresql").isSubsetOf("parameters", "pg_hba", "pg_ident",
				"synchronous", "shared_preload_libraries", "ldap", "promotionTimeout", "enableAlterSystem",
				"syncReplicaElectionConstraint");
		assertThat(map(postgresql, "synchronous").keySet()).as(where + " synchronous").isSubsetOf("method", "number",
				"maxStandbyNamesFromCluster", "standbyNamesPre", "standbyNamesPost", "dataDurability");
		assertThat(map(postgresql, "synchronous").get("method")).isIn("any", "first");
		assertThat(strings(list(postgresql, "pg_hba"))).as(where + " pg_hba")
			.allMatch(line -> line.matches("(local|host|hostssl|hostnossl)\\s+\\S+\\s+\\S+\\s+\\S+.*"));
		Map<String, Object> bootstrap = map(cluster, "spec", "bootstrap");
		assertThat(bootstrap.keySet()).as(where + " bootstrap").containsExactly("initdb");
		assertThat(map(bootstrap, "initdb")).as(where + " initdb").containsKeys("database", "owner", "secret");
		assertThat(map(bootstrap, "initdb").keySet()).as(where + " initdb").isSubsetOf("database", "owner", "secret",
				"dataChecksums", "encoding", "localeCollate", "localeCType", "walSegmentSize", "postInitSQL",
				"postInitApplicationSQL", "postInitTemplateSQL", "options");
		assertThat(maps(list(cluster, "spec", "managed", "roles"))).as(where + " roles").allSatisfy(role -> {
			assertThat(role).containsKeys("name", "ensure", "login", "passwordSecret");
			assertThat(role.keySet()).isSubsetOf("name", "ensure", "login", "passwordSecret", "comment", "inherit",
					"superuser", "createdb", "createrole", "replication", "bypassrls", "connectionLimit", "validUntil",
					"inRoles", "disablePassword");
			assertThat(map(role, "passwordSecret").keySet()).containsExactly("name");
		});
	}

	static void cnpgDatabase(Map<String, Object> database) {
		String where = id(database);
		assertThat(spec(database)).as(where).containsKeys("cluster", "name", "owner");
		assertThat(spec(database).keySet()).as(where).isSubsetOf("cluster", "name", "owner", "ensure",
				"databaseReclaimPolicy", "template", "encoding", "locale", "allowConnections", "connectionLimit",
				"tablespace", "isTemplate", "extensions", "schemas");
		assertThat(map(database, "spec", "cluster").keySet()).as(where).containsExactly("name");
	}

	/** KEDA 2's ScaledObject; its trigger metadata are strings, which KEDA parses itself. */
	static void kedaScaledObject(Map<String, Object> scaledObject) {
		String where = id(scaledObject);
		assertThat(spec(scaledObject)).as(where).containsKeys("scaleTargetRef", "triggers");
		assertThat(spec(scaledObject).keySet()).as(where).isSubsetOf("scaleTargetRef", "pollingInterval",
				"cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount",
				"fallback", "advanced", "triggers");
		assertThat(map(scaledObject, "spec", "scaleTargetRef").keySet()).as(where).contains("name")
			.isSubsetOf("apiVersion", "kind", "name", "envSourceContainerName");
		Map<String, Object> advanced = map(scaledObject, "spec", "advanced");
		assertThat(advanced.keySet()).as(where)
			.isSubsetOf("horizontalPodAutoscalerConfig", "restoreToOriginalReplicaCount", "scalingModifiers");
		conformsTo(map(advanced, "horizontalPodAutoscalerConfig", "behavior"), V2HorizontalPodAutoscalerBehavior.class,
				where + " behavior");
		for (Map<String, Object> trigger : triggers(scaledObject)) {
			assertThat(trigger.keySet()).as(where + " trigger").contains("type", "metadata")
				.isSubsetOf("type", "metadata", "name", "metricType", "authenticationRef", "useCachedMetrics");
			assertThat(trigger.get("type")).as(where + " trigger").isIn("kafka", "cpu", "memory");
			map(trigger, "metadata").forEach((key, value) -> assertThat(value).as(where + " " + key + " a string")
				.isInstanceOf(String.class));
			if ("kafka".equals(trigger.get("type"))) {
				assertThat(map(trigger, "metadata")).as(where).containsKeys("bootstrapServers", "consumerGroup",
						"lagThreshold");
			}
			else {
				assertThat(trigger.get("metricType")).as(where).isIn("Utilization", "AverageValue");
			}
		}
	}

	// --------------------------------------------------------------------------- the services' own configuration

	static List<LocalStack.Service> services() {
		List<LocalStack.Service> all = new ArrayList<>(LocalStack.SERVICES);
		all.add(LocalStack.WEB);
		return all;
	}

	static List<LocalStack.Service> databaseServices(List<Map<String, Object>> manifests) throws IOException {
		List<LocalStack.Service> withDatabase = new ArrayList<>();
		for (LocalStack.Service service : services()) {
			if (variables(manifests, container(workloadOf(manifests, service), service.name()))
				.containsKey("SPRING_DATASOURCE_URL")) {
				withDatabase.add(service);
			}
		}
		assertThat(withDatabase).extracting(LocalStack.Service::name).containsExactly("review-intake", "moderation");
		return withDatabase;
	}

	static boolean kafkaStreams(LocalStack.Service service) throws IOException {
		return applicationYml(service, "spring", "kafka", "streams") != null;
	}

	/** The service's consumer group: its listeners', or its Kafka Streams application's; none for the pages. */
	static String consumerGroup(LocalStack.Service service) throws IOException {
		Object streams = applicationYml(service, "spring", "kafka", "streams", "application-id");
		return (String) (streams != null ? streams
				: applicationYml(service, "spring", "kafka", "consumer", "group-id"));
	}

	/** A value of the service's application.yml, null where it has none. */
	@SuppressWarnings("unchecked")
	static Object applicationYml(LocalStack.Service service, String... path) throws IOException {
		Object value = new Yaml().load(Files.readString(
				ComposeFileTests.REPOSITORY.resolve(service.module()).resolve("src/main/resources/application.yml")));
		for (String key : path) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = ((Map<String, Object>) map).get(key);
		}
		return value;
	}

	/** spring.flyway.locations of the service: its own application.yml's, else the platform's defaults. */
	@SuppressWarnings("unchecked")
	static String serviceFlywayLocations(LocalStack.Service service) throws IOException {
		Object own = applicationYml(service, "spring", "flyway", "locations");
		if (own != null) {
			return own instanceof List<?> list ? String.join(",", (List<String>) list) : (String) own;
		}
		Map<String, Object> defaults = new Yaml().load(Files.readString(
				ComposeFileTests.REPOSITORY.resolve("platform/src/main/resources/reviewflow-defaults.yml")));
		return (String) map(defaults, "spring", "flyway").get("locations");
	}

	/** Where docker/Dockerfile puts the service's jar in the image. */
	static String dockerfileJar() throws IOException {
		Matcher copy = Pattern.compile("(?m)^COPY --from=build /service.jar (\\S+)$")
			.matcher(Files.readString(ComposeFileTests.REPOSITORY.resolve("docker/Dockerfile")));
		assertThat(copy.find()).as("docker/Dockerfile copies service.jar into the image").isTrue();
		return copy.group(1);
	}

	static final Map<LocalStack.Service, Set<String>> KNOWN = new HashMap<>();

	/**
	 * The environment variables the service reads: its configuration properties (ComposeFileTests reads them from
	 * its metadata), the properties its configuration files resolve as placeholders, and the JVM's own options.
	 */
	static synchronized Set<String> knownVariables(LocalStack.Service service) throws Exception {
		if (!KNOWN.containsKey(service)) {
			Set<String> known = new HashSet<>(ComposeFileTests.knownProperties(service));
			Pattern placeholder = Pattern.compile("\\$\\{([a-z0-9.\\-]+)[:}]");
			for (Path file : List.of(
					ComposeFileTests.REPOSITORY.resolve(service.module()).resolve("src/main/resources/application.yml"),
					ComposeFileTests.REPOSITORY.resolve("platform/src/main/resources/reviewflow-defaults.yml"))) {
				Matcher matcher = placeholder.matcher(Files.readString(file));
				while (matcher.find()) {
					known.addAll(ComposeFileTests.variables(matcher.group(1)));
				}
			}
			known.add("JAVA_TOOL_OPTIONS");
			KNOWN.put(service, known);
		}
		return KNOWN.get(service);
	}

	/** The Secrets deploy/kubernetes/README.md lists: name, then each key with the value it documents (or ""). */
	static Map<String, Map<String, String>> documentedSecrets() throws IOException {
		String readme = Files.readString(KUBERNETES.resolve("README.md"));
		String section = readme.substring(readme.indexOf("## Secrets"));
		Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
		Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| ([^|]+) \\|").matcher(section);
		while (row.find()) {
			Map<String, String> keys = new LinkedHashMap<>();
			Matcher key = Pattern.compile("`([a-zA-Z0-9._-]+)`(?: \\(`([^`]+)`\\))?").matcher(row.group(2));
			while (key.find()) {
				keys.put(key.group(1), key.group(2) == null ? "" : key.group(2));
			}
			secrets.put(row.group(1), keys);
		}
		assertThat(secrets).as("README.md's Secrets").isNotEmpty();
		return secrets;
	}

	// ------------------------------------------------------------------------------------------------ rendering

	static List<Map<String, Object>> production() throws IOException {
		return render(PRODUCTION);
	}

	/** Production with the consumer-lag autoscalers in place of the CPU ones, in production's namespace. */
	static List<Map<String, Object>> withConsumerLag(List<Map<String, Object>> production) throws IOException {
		List<Map<String, Object>> manifests = new ArrayList<>(production);
		manifests.removeIf(manifest -> "HorizontalPodAutoscaler".equals(manifest.get("kind")));
		String namespace = (String) kustomization(PRODUCTION).get("namespace");
		for (Map<String, Object> scaledObject : render(CONSUMER_LAG)) {
			map(scaledObject, "metadata").put("namespace", namespace);
			manifests.add(scaledObject);
		}
		return manifests;
	}

	static List<Path> kustomizations() throws IOException {
		try (Stream<Path> files = Files.walk(KUBERNETES)) {
			return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
				.map(Path::getParent)
				.sorted()
				.toList();
		}
	}

	static Map<String, Object> kustomization(Path directory) throws IOException {
		return map(new Yaml().load(Files.readString(directory.resolve("kustomization.yaml"))));
	}

	/** Kinds without a namespace; Kustomize names a Namespace after its namespace field. */
	static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
			"CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass");

	/**
	 * A kustomization rendered as Kustomize renders it, for the fields these use: resources (files and folders),
	 * namespace and images. Any other field fails, so that a new one gets its rendering here first.
	 */
	static List<Map<String, Object>> render(Path directory) throws IOException {
		Map<String, Object> kustomization = kustomization(directory);
		assertThat(kustomization.keySet()).as(directory + ": the fields KubernetesManifestsTests renders")
			.isSubsetOf("apiVersion", "kind", "resources", "namespace", "images");
		assertThat(kustomization).containsEntry("apiVersion", "kustomize.config.k8s.io/v1beta1")
			.containsEntry("kind", "Kustomization");
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (String resource : strings(kustomization.get("resources"))) {
			Path path = directory.resolve(resource).normalize();
			assertThat(path).as(directory + ": " + resource).exists();
			manifests.addAll(Files.isDirectory(path) ? render(path) : documents(Files.readString(path)));
		}
		uniqueIds(manifests);
		for (Object image : (List<?>) kustomization.getOrDefault("images", List.of())) {
			Map<String, Object> replacement = map(image);
			assertThat(replacement.keySet()).as(directory + " images").contains("name")
				.isSubsetOf("name", "newName", "newTag");
			for (Map<String, Object> manifest : manifests) {
				replaceImages(manifest, replacement);
			}
		}
		String namespace = (String) kustomization.get("namespace");
		if (namespace != null) {
			for (Map<String, Object> manifest : manifests) {
				if ("Namespace".equals(manifest.get("kind"))) {
					map(manifest, "metadata").put("name", namespace);
				}
				else if (!CLUSTER_SCOPED.contains((String) manifest.get("kind"))) {
					map(manifest, "metadata").put("namespace", namespace);
				}
			}
		}
		return manifests;
	}

	/** Kustomize's images: every container's and init container's image of that name, wherever it is. */
	static void replaceImages(Object node, Map<String, Object> replacement) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (("containers".equals(key) || "initContainers".equals(key)) && value instanceof List<?> containers) {
					for (Object container : containers) {
						Map<String, Object> each = map(container);
						String image = (String) each.get("image");
						int colon = image.lastIndexOf(':');
						boolean tagged = colon > image.lastIndexOf('/');
						String imageName = tagged ? image.substring(0, colon) : image;
						if (imageName.equals(replacement.get("name"))) {
							String tag = (String) replacement.getOrDefault("newTag",
									tagged ? image.substring(colon + 1) : null);
							each.put("image",
									replacement.getOrDefault("newName", imageName) + (tag == null ? "" : ":" + tag));
						}
					}
				}
				else {
					replaceImages(value, replacement);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach(each -> replaceImages(each, replacement));
		}
	}

	static List<Map<String, Object>> documents(String yaml) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				documents.add(map(document));
			}
		}
		return documents;
	}

	// ------------------------------------------------------------------------------------ reading the manifests

	static String id(Map<String, Object> manifest) {
		Map<String, Object> metadata = map(manifest, "metadata");
		return manifest.get("kind") + " " + metadata.getOrDefault("namespace", "-") + "/" + metadata.get("name");
	}

	static String name(Map<String, Object> manifest) {
		return (String) map(manifest, "metadata").get("name");
	}

	static List<Map<String, Object>> ofKind(List<Map<String, Object>> manifests, String... kinds) {
		return manifests.stream().filter(manifest -> List.of(kinds).contains(manifest.get("kind"))).toList();
	}

	static Map<String, Object> get(List<Map<String, Object>> manifests, String kind, String name) {
		return ofKind(manifests, kind).stream()
			.filter(manifest -> name.equals(name(manifest)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name));
	}

	static Map<String, Object> workloadOf(List<Map<String, Object>> manifests, LocalStack.Service service) {
		List<Map<String, Object>> workloads = ofKind(manifests, "Deployment", "StatefulSet").stream()
			.filter(manifest -> service.name().equals(name(manifest)))
			.toList();
		assertThat(workloads).as("the workload of " + service.name()).hasSize(1);
		return workloads.get(0);
	}

	static Map<String, Object> podLabels(Map<String, Object> workload) {
		return map(workload, "spec", "template", "metadata", "labels");
	}

	static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
		return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
	}

	/** The one workload whose pods a selector selects. */
	static Map<String, Object> onlyWorkloadSelected(List<Map<String, Object>> manifests, Map<String, Object> selector) {
		List<Map<String, Object>> selected = ofKind(manifests, "Deployment", "StatefulSet").stream()
			.filter(workload -> selects(selector, podLabels(workload)))
			.toList();
		assertThat(selected).as("workloads selected by " + selector).hasSize(1);
		return selected.get(0);
	}

	static Map<String, Object> spec(Map<String, Object> manifest) {
		return map(manifest, "spec");
	}

	static Map<String, Object> container(Map<String, Object> workload, String name) {
		return namedIn(list(workload, "spec", "template", "spec", "containers"), name, id(workload) + " container");
	}

	static Map<String, Object> initContainer(Map<String, Object> workload, String name) {
		return namedIn(list(workload, "spec", "template", "spec", "initContainers"), name,
				id(workload) + " init container");
	}

	static Map<String, Object> env(Map<String, Object> container, String name) {
		return namedIn(list(container, "env"), name, container.get("name") + " env");
	}

	static Map<String, Object> volume(Map<String, Object> pod, String name) {
		return namedIn(list(pod, "volumes"), name, "volume");
	}

	static List<Map<String, Object>> triggers(Map<String, Object> scaledObject) {
		return maps(list(scaledObject, "spec", "triggers"));
	}

	static Map<String, Object> namedIn(List<Object> list, String name, String what) {
		return maps(list).stream()
			.filter(each -> name.equals(each.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + what + " " + name));
	}

	/** The volume mounted at a path of a container, null where none is. */
	static String mountedVolume(Map<String, Object> container, String path) {
		return maps(container.getOrDefault("volumeMounts", List.of())).stream()
			.filter(mount -> Objects.equals(path, mount.get("mountPath")))
			.map(mount -> (String) mount.get("name"))
			.findFirst()
			.orElse(null);
	}

	/**
	 * A container's environment as the service sees it: its ConfigMaps' entries (which must exist), then its own
	 * variables (a value, or a description of where it comes from).
	 */
	static Map<String, String> variables(List<Map<String, Object>> manifests, Map<String, Object> container) {
		Map<String, String> variables = new LinkedHashMap<>();
		for (Map<String, Object> source : maps(container.getOrDefault("envFrom", List.of()))) {
			assertThat(source.keySet()).as(container.get("name") + " envFrom").containsExactly("configMapRef");
			String name = (String) map(source, "configMapRef").get("name");
			List<Map<String, Object>> configMaps = ofKind(manifests, "ConfigMap").stream()
				.filter(config -> name.equals(name(config)))
				.toList();
			assertThat(configMaps).as(container.get("name") + ": its ConfigMap " + name).hasSize(1);
			map(configMaps.get(0), "data").forEach((key, value) -> variables.put(key, (String) value));
		}
		for (Map<String, Object> variable : maps(container.getOrDefault("env", List.of()))) {
			variables.put((String) variable.get("name"), variable.containsKey("value") ? (String) variable.get("value")
					: String.valueOf(variable.get("valueFrom")));
		}
		return variables;
	}

	/** The database of a JDBC URL. */
	static String database(String url) {
		String path = url.substring(url.lastIndexOf('/') + 1);
		return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value, String... path) {
		Object current = value;
		for (String key : path) {
			assertThat(current).as("a map holding " + key).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		assertThat(current).as(String.join(".", path)).isInstanceOf(Map.class);
		return (Map<String, Object>) current;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value, String... path) {
		Object current = value;
		for (String key : path) {
			assertThat(current).as("a map holding " + key).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		assertThat(current).as(String.join(".", path)).isInstanceOf(List.class);
		return (List<Object>) current;
	}

	static List<Map<String, Object>> maps(Object values) {
		return ((List<?>) values).stream().map(KubernetesManifestsTests::map).toList();
	}

	static List<String> strings(Object values) {
		assertThat(values).isInstanceOf(List.class);
		return ((List<?>) values).stream().map(value -> (String) value).toList();
	}
}
