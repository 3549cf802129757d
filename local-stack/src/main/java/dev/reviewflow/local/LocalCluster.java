package dev.reviewflow.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.reviewflow.devtokens.DevelopmentTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import static dev.reviewflow.local.LocalStack.say;

/**
 * {@code ./reviewflow up --cluster}: the production shape on one machine, without Docker. Three KRaft nodes (broker
 * and controller each) as processes of their own, clients on 9092, 9093 and 9094, every topic with three replicas
 * and {@code min.insync.replicas} 2; two instances of each service as processes of their own (review-intake on 18081
 * and 28081, moderation on 18082 and 28082, scoring on 18083 and 28083), with a {@link FrontDoor} on the single
 * mode's ports 8081–8083 in front of them; PostgreSQL, the pages and the token minter as in the single mode. A node
 * or instance that dies is started again after {@link #RESTART_DELAY}, as an orchestrator would; its process id is in
 * {@code .reviewflow/cluster/pids/<name>}, for {@code ./reviewflow chaos}. State lives in {@code .reviewflow/cluster/}.
 */
final class LocalCluster {

	static final List<Integer> KAFKA_PORTS = List.of(9092, 9093, 9094);

	static final List<Integer> CONTROLLER_PORTS = List.of(9095, 9096, 9097);

	/** Instances per service. */
	static final int INSTANCES = 2;

	static final Duration RESTART_DELAY = Duration.ofSeconds(2);

	/** Each process's heap: nine of them share the machine with PostgreSQL and the pages. */
	private static final List<String> NODE_JVM = List.of("-Xms64m", "-Xmx448m", "-XX:+UseSerialGC", "-Xss512k",
			"-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "--enable-native-access=ALL-UNNAMED");

	private LocalCluster() {
	}

	static String bootstrapServers() {
		return KAFKA_PORTS.stream().map(port -> "localhost:" + port).collect(Collectors.joining(","));
	}

	static String voters() {
		return IntStream.range(0, CONTROLLER_PORTS.size())
			.mapToObj(i -> (i + 1) + "@localhost:" + CONTROLLER_PORTS.get(i))
			.collect(Collectors.joining(","));
	}

	/** The port of instance {@code instance} (1 or 2) of the service whose front door is on {@code servicePort}. */
	static int instancePort(int servicePort, int instance) {
		return servicePort + 10_000 * instance;
	}

	static Path state(Path repository) {
		return Path.of(System.getProperty("reviewflow.state", repository.resolve(".reviewflow/cluster").toString()));
	}

	/** The name of a node ({@code kafka-2}) or an instance ({@code scoring-1}), as logs and pid files have it. */
	static String brokerName(int node) {
		return "kafka-" + node;
	}

	static String instanceName(LocalStack.Service service, int instance) {
		return service.name() + "-" + instance;
	}

	/**
	 * A process of the cluster: {@code broker <node> <state>} or {@code service <name> <instance> <state>}; it stops
	 * itself when the {@code up --cluster} that started it is gone, so a killed stack leaves nothing behind.
	 */
	public static void main(String[] args) throws Exception {
		ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
			System.err.println("reviewflow: the cluster's supervisor is gone; stopping");
			// a Kafka node stopping last has no quorum to approve its controlled shutdown: it gets 15 s, as under
			// the supervisor, so nothing holds the cluster's ports when it is started again
			Thread.ofPlatform().daemon().start(() -> {
				try {
					Thread.sleep(15_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				Runtime.getRuntime().halt(1);
			});
			System.exit(1);
		}));
		CountDownLatch stopped = new CountDownLatch(1);
		AutoCloseable running;
		if (args[0].equals("broker")) {
			int node = Integer.parseInt(args[1]);
			Path state = Path.of(args[2]);
			running = LocalKafka.startClusterNode(state.resolve(brokerName(node)), node,
					KAFKA_PORTS.get(node - 1), CONTROLLER_PORTS.get(node - 1), voters(),
					Files.readString(state.resolve("cluster.id")).strip());
		}
		else {
			LocalStack.Service service = LocalStack.SERVICES.stream()
				.filter(candidate -> candidate.name().equals(args[1]))
				.findFirst()
				.orElseThrow();
			int instance = Integer.parseInt(args[2]);
			Path state = Path.of(args[3]);
			Path repository = Path.of(args[4]);
			running = ServiceHost.start(instanceName(service, instance), repository.resolve(service.module()),
					service.mainClass(), instanceProperties(service, instance, state));
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				running.close();
			}
			catch (Exception ex) {
				System.err.println("reviewflow: could not stop cleanly: " + ex);
			}
			stopped.countDown();
		}));
		stopped.await();
	}

	/** An instance's configuration: the single mode's, on its own port, state and log, with three replicas. */
	static Map<String, String> instanceProperties(LocalStack.Service service, int instance, Path state) {
		Map<String, String> properties = LocalStack.properties(service, state, bootstrapServers(),
				"jdbc:postgresql://localhost:" + LocalStack.POSTGRES_PORT + "/postgres");
		int servicePort = service.port();
		properties.put("server.port", Integer.toString(instancePort(servicePort, instance)));
		properties.put("reviewflow.kafka.replication-factor", "3");
		properties.put("spring.kafka.streams.properties.replication.factor", "3");
		properties.put("spring.kafka.streams.state-dir", state.resolve("scoring-state-" + instance).toString());
		// a second instance keeps a copy of each store, so the partitions of one that died are served again in seconds
		properties.put("spring.kafka.streams.properties.num.standby.replicas", "1");
		// two instances share the partitions: no static membership, and an instance that died is out of its group after
		// 10 s, so the other one takes its partitions over
		properties.remove("spring.kafka.consumer.properties.group.instance.id");
		properties.remove("spring.kafka.streams.properties.main.consumer.group.instance.id");
		properties.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
		properties.put("spring.kafka.streams.properties.main.consumer.session.timeout.ms", "10000");
		properties.put("logging.file.name", state.resolve("logs/" + instanceName(service, instance) + ".log").toString());
		if (service.name().equals("scoring")) {
			properties.put("reviewflow.scoring.dashboard.url", "http://localhost:" + LocalStack.WEB_PORT + "/dashboard");
		}
		return properties;
	}

	/** Starts the cluster and waits until stopped. */
	static void up(Path repository, boolean fresh) throws Exception {
		long started = System.nanoTime();
		Path state = state(repository);
		if (fresh) {
			LocalStack.delete(state);
		}
		Files.createDirectories(state.resolve("logs"));
		Files.createDirectories(state.resolve("pids"));
		Path clusterId = state.resolve("cluster.id");
		if (!Files.exists(clusterId)) {
			Files.writeString(clusterId, Uuid.randomUuid().toString());
		}
		List<AutoCloseable> running = new ArrayList<>();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			say("stopping…");
			stop(running);
			stopped.countDown();
		}, "reviewflow-stop"));
		ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().daemon().name("reviewflow-restarts").factory());

		say("starting PostgreSQL on " + LocalStack.POSTGRES_PORT + " (data in "
				+ LocalStack.shown(repository, state.resolve("postgres")) + ")");
		LocalPostgres postgres = LocalPostgres.start(state.resolve("postgres"), LocalStack.POSTGRES_PORT);
		synchronized (running) {
			running.add(postgres);
		}
		List<Node> brokers = new ArrayList<>();
		for (int node = 1; node <= KAFKA_PORTS.size(); node++) {
			say("starting Kafka node " + node + " on " + KAFKA_PORTS.get(node - 1));
			brokers.add(Node.start(brokerName(node), command(repository, state, "broker", Integer.toString(node),
					state.toString()), state, restarts, null));
		}
		synchronized (running) {
			running.addAll(brokers);
		}
		awaitBrokers(Duration.ofMinutes(5));
		List<Node> instances = new ArrayList<>();
		List<FrontDoor> doors = new ArrayList<>();
		for (LocalStack.Service service : LocalStack.SERVICES) {
			List<Integer> ports = new ArrayList<>();
			for (int instance = 1; instance <= INSTANCES; instance++) {
				int port = instancePort(service.port(), instance);
				ports.add(port);
				say("starting " + instanceName(service, instance) + " on " + port);
				instances.add(Node.start(instanceName(service, instance),
						command(repository, state, "service", service.name(), Integer.toString(instance),
								state.toString(), repository.toString()),
						state, restarts, URI.create("http://localhost:" + port + "/actuator/health/readiness")));
			}
			doors.add(FrontDoor.open(service.name(), service.port(), ports));
		}
		synchronized (running) {
			running.addAll(instances);
			running.addAll(doors);
		}
		say("starting the pages (web) on " + LocalStack.WEB_PORT);
		ServiceHost web = ServiceHost.start(LocalStack.WEB.name(), repository.resolve(LocalStack.WEB.module()),
				LocalStack.WEB.mainClass(),
				LocalStack.webProperties(LocalStack.WEB_PORT,
						LocalStack.SERVICES.stream().map(LocalStack.Service::port).toList(), LocalStack.TOKENS_PORT,
						state.resolve("logs/web.log")));
		synchronized (running) {
			running.add(web);
		}
		for (Node instance : instances) {
			instance.awaitReady(LocalStack.STARTUP_WAIT);
		}
		web.awaitReady(Duration.ofMinutes(2));
		DevelopmentTokens tokens = DevelopmentTokens.local();
		TokenMinter minter = TokenMinter.start(LocalStack.TOKENS_PORT, tokens);
		synchronized (running) {
			running.add(minter);
		}
		say(DemoData.loadIfMissing("http://localhost:" + LocalStack.SERVICES.getFirst().port(), tokens));
		say("cluster healthy in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
		System.out.println("""

				  the pages                    http://localhost:%d  (sign in at /login)
				  review-intake                http://localhost:%d  (instances on %d and %d)
				  moderation                   http://localhost:%d  (instances on %d and %d)
				  scoring                      http://localhost:%d  (instances on %d and %d)
				  Kafka                        %s (3 replicas, min.insync.replicas 2)
				  logs                         %s/
				  process ids                  %s/

				  A node or instance that dies is started again. ./reviewflow chaos kills them under load.
				  Ctrl-C stops everything; state stays in %s/ (--fresh starts empty).
				""".formatted(LocalStack.WEB_PORT, 8081, instancePort(8081, 1), instancePort(8081, 2), 8082,
				instancePort(8082, 1), instancePort(8082, 2), 8083, instancePort(8083, 1), instancePort(8083, 2),
				bootstrapServers(), LocalStack.shown(repository, state.resolve("logs")),
				LocalStack.shown(repository, state.resolve("pids")), LocalStack.shown(repository, state)));
		stopped.await();
	}

	/** Waits until all three nodes are in the cluster. */
	static void awaitBrokers(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		// the client's warnings would fill the console while the nodes start: ask once each port listens
		for (int port : KAFKA_PORTS) {
			while (!listening(port)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Kafka node on " + port + " did not start in " + timeout);
				}
				Thread.sleep(250);
			}
		}
		try (Admin admin = admin()) {
			while (true) {
				try {
					if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == KAFKA_PORTS.size()) {
						return;
					}
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					// not up yet
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the three Kafka nodes did not form a cluster in " + timeout);
				}
				Thread.sleep(250);
			}
		}
	}

	/** An admin client of the cluster that gives up on an unanswered call within seconds. */
	static Admin admin() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
		return Admin.create(config);
	}

	static boolean listening(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The command line of a process of the cluster: this JVM's java and class path, {@link #main} with {@code args}. */
	private static List<String> command(Path repository, Path state, String... args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(NODE_JVM);
		command.add("-Djava.io.tmpdir=" + repository.resolve(".reviewflow/tmp"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(LocalCluster.class.getName());
		command.addAll(List.of(args));
		return command;
	}

	/** Stops the pages and the front doors, then the instances, then the brokers, then the database. */
	private static void stop(List<AutoCloseable> running) {
		List<AutoCloseable> order;
		synchronized (running) {
			order = new ArrayList<>(running);
		}
		order.sort(java.util.Comparator.comparingInt(closeable -> closeable instanceof LocalPostgres ? 3
				: closeable instanceof Node node && node.isBroker() ? 2 : closeable instanceof Node ? 1 : 0));
		// instances stop side by side: each takes a few seconds to leave its groups and close its producers
		List<Thread> stopping = new ArrayList<>();
		int stage = -1;
		for (AutoCloseable closeable : order) {
			int next = closeable instanceof LocalPostgres ? 3
					: closeable instanceof Node node && node.isBroker() ? 2 : closeable instanceof Node ? 1 : 0;
			if (next != stage) {
				join(stopping);
				stage = next;
			}
			stopping.add(Thread.ofPlatform().start(() -> {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					System.err.println("reviewflow: could not stop " + closeable + ": " + ex.getMessage());
				}
			}));
		}
		join(stopping);
	}

	private static void join(List<Thread> threads) {
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
	}

	/**
	 * One process of the cluster, started again {@link #RESTART_DELAY} after it dies unless the stack is stopping;
	 * its output goes to {@code logs/<name>.out}, its process id to {@code pids/<name>}.
	 */
	static final class Node implements AutoCloseable {

		private final String name;

		private final List<String> command;

		private final Path log;

		private final Path pidFile;

		private final ScheduledExecutorService restarts;

		private final URI readiness;

		private volatile Process process;

		private volatile boolean closing;

		private Node(String name, List<String> command, Path state, ScheduledExecutorService restarts, URI readiness) {
			this.name = name;
			this.command = command;
			this.log = state.resolve("logs/" + name + ".out");
			this.pidFile = state.resolve("pids/" + name);
			this.restarts = restarts;
			this.readiness = readiness;
		}

		static Node start(String name, List<String> command, Path state, ScheduledExecutorService restarts,
				URI readiness) throws IOException {
			Node node = new Node(name, command, state, restarts, readiness);
			node.launch();
			return node;
		}

		boolean isBroker() {
			return readiness == null;
		}

		private synchronized void launch() throws IOException {
			if (closing) {
				return;
			}
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(log.toFile()));
			builder.environment().put("MALLOC_ARENA_MAX", "2");
			Process started = builder.start();
			process = started;
			Files.writeString(pidFile, Long.toString(started.pid()));
			started.onExit().thenRun(() -> exited(started));
		}

		private void exited(Process ended) {
			if (closing) {
				return;
			}
			say(name + " (pid " + ended.pid() + ") exited with " + ended.exitValue() + "; starting it again in "
					+ RESTART_DELAY.toSeconds() + " s");
			restarts.schedule(() -> {
				try {
					launch();
				}
				catch (IOException ex) {
					System.err.println("reviewflow: could not start " + name + " again: " + ex);
				}
			}, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
		}

		/** Waits until the instance answers ready. */
		void awaitReady(Duration timeout) throws Exception {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				try {
					if (http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(250);
			}
			throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + log);
		}

		/**
		 * Asks the process to stop (SIGTERM) and waits before killing it: a minute for an instance; 15 s for a Kafka
		 * node, since the nodes stopping last have no quorum left to approve their controlled shutdown and would wait
		 * minutes for it. What they acknowledged is in their logs already, and a node recovers its log when it starts.
		 */
		@Override
		public void close() throws Exception {
			Process current;
			synchronized (this) {
				closing = true;
				current = process;
			}
			current.destroy();
			if (!current.waitFor(isBroker() ? 15 : 60, TimeUnit.SECONDS)) {
				current.destroyForcibly().waitFor();
			}
			Files.deleteIfExists(pidFile);
		}

		@Override
		public String toString() {
			return name;
		}
	}
}
