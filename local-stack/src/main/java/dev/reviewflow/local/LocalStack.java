package dev.reviewflow.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.Topic;

/**
 * {@code ./reviewflow up [--fresh]}: starts the whole system on this machine, with only a JDK: a KRaft broker on
 * 9092, PostgreSQL on 15432, review-intake on 8081, moderation on 8082, scoring on 8083, the pages (the web service)
 * on 8080 and the development token minter they sign in through on 8090 (this machine only).
 * State lives in {@code ./.reviewflow/}. {@code ./reviewflow token <sub> <ROLE,...>} prints a development JWT.
 */
public final class LocalStack {

	static final int KAFKA_PORT = 9092;

	static final int KAFKA_CONTROLLER_PORT = 9093;

	static final int POSTGRES_PORT = 15432;

	static final int WEB_PORT = 8080;

	static final int TOKENS_PORT = 8090;

	/** The pages: the web service, started like the others, calling them on the browser's behalf. */
	static final Service WEB = new Service("web", "web", "dev.reviewflow.web.WebApplication", WEB_PORT);

	/** How long the broker and each service may take to start, crash recovery included. */
	static final Duration STARTUP_WAIT = Duration.ofMinutes(10);

	/** Set once the stop has begun: what finishes starting after that is stopped right away. */
	private static volatile boolean stopping;

	/**
	 * The stack's ports, each moved by the same offset; {@code -Dreviewflow.port-offset=N} runs a second stack beside
	 * the usual one (the crash test does).
	 */
	record Ports(int kafka, int controller, int postgres, int web, int tokens, List<Integer> services) {

		static Ports offsetBy(int offset) {
			return new Ports(KAFKA_PORT + offset, KAFKA_CONTROLLER_PORT + offset, POSTGRES_PORT + offset,
					WEB_PORT + offset, TOKENS_PORT + offset,
					SERVICES.stream().map(service -> service.port() + offset).toList());
		}

		/** The port of {@code SERVICES.get(index)}. */
		int service(int index) {
			return services.get(index);
		}

		List<Integer> all() {
			List<Integer> all = new ArrayList<>(List.of(kafka, controller, postgres, web, tokens));
			all.addAll(services);
			return all;
		}
	}

	static Ports ports() {
		return Ports.offsetBy(Integer.getInteger("reviewflow.port-offset", 0));
	}

	/** The services, in start order, with their module folder, main class and port. */
	record Service(String name, String module, String mainClass, int port) {
	}

	static final List<Service> SERVICES = List.of(
			new Service("review-intake", "review-intake", "dev.reviewflow.intake.IntakeApplication", 8081),
			new Service("moderation", "moderation", "dev.reviewflow.moderation.ModerationApplication", 8082),
			new Service("scoring", "scoring", "dev.reviewflow.scoring.ScoringApplication", 8083));

	private LocalStack() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		String command = arguments.isEmpty() ? "up" : arguments.getFirst();
		switch (command) {
			case "up" -> {
				if (arguments.contains("--cluster")) {
					LocalCluster.up(Path.of("").toAbsolutePath(), arguments.contains("--fresh"));
				}
				else {
					up(Path.of("").toAbsolutePath(), arguments.contains("--fresh"), ports());
				}
			}
			case "chaos" -> System.exit(Chaos.run(Path.of("").toAbsolutePath(), arguments.subList(1, arguments.size())));
			case "token" -> token(arguments);
			case "check" -> System.exit(check());
			case "dlt" -> System.exit(deadLetters(arguments.subList(1, arguments.size())));
			default -> {
				System.err.println("usage: reviewflow up [--fresh] [--cluster] | reviewflow chaos [--minutes N]"
						+ " | reviewflow token <sub> <ROLE,...> [--top-critic] | reviewflow check"
						+ " | reviewflow dlt [resend <topic>.DLT <partition:offset>...|--all]");
				System.exit(2);
			}
		}
	}

	private static void token(List<String> arguments) {
		if (arguments.size() < 3) {
			System.err.println("usage: reviewflow token <sub> <ROLE,...> [--top-critic]");
			System.exit(2);
		}
		List<String> roles = Arrays.stream(arguments.get(2).split(",")).map(String::strip).filter(r -> !r.isEmpty())
			.toList();
		if (!TokenMinter.ROLES.containsAll(roles)) {
			System.err.println("roles must be among " + TokenMinter.ROLES);
			System.exit(2);
		}
		System.out.println(DevelopmentTokens.local().mint(arguments.get(1), roles,
				arguments.contains("--top-critic"), Duration.ofHours(12)));
	}

	/** {@code ./reviewflow check} against the running local stack: 0 when every figure matches its source. */
	private static int check() throws Exception {
		ConsistencyCheck.Result result = new ConsistencyCheck(
				"jdbc:postgresql://localhost:" + ports().postgres() + "/postgres", "postgres", "postgres",
				java.net.URI.create("http://localhost:" + ports().service(2)), 100)
			.run(Duration.ofSeconds(30));
		result.divergences().forEach(divergence -> System.out.println("DIVERGENCE " + divergence));
		say("checked " + result.reviews() + " reviews and " + result.titles() + " rated titles: "
				+ (result.consistent() ? "every figure matches its source" : result.divergences().size() + " divergences"));
		return result.consistent() ? 0 : 1;
	}

	/**
	 * {@code ./reviewflow dlt} lists every dead-letter topic of the running local stack with its records;
	 * {@code ./reviewflow dlt resend <topic>.DLT <partition:offset>... | --all} sends them back where they came from.
	 */
	private static int deadLetters(List<String> arguments) throws Exception {
		boolean resend = !arguments.isEmpty() && arguments.getFirst().equals("resend");
		if (resend && arguments.size() < 3 || !resend && !arguments.isEmpty()) {
			System.err.println("usage: reviewflow dlt                                   list the dead letters\n"
					+ "       reviewflow dlt resend <topic>.DLT <partition:offset>...   send those back\n"
					+ "       reviewflow dlt resend <topic>.DLT --all                   send all of the topic back");
			return 2;
		}
		try (DeadLetters deadLetters = new DeadLetters("localhost:" + ports().kafka())) {
			return listOrResend(deadLetters, arguments, resend);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			System.err.println("reviewflow: no answer from the broker on " + ports().kafka() + "; is the stack up?");
			return 1;
		}
	}

	private static int listOrResend(DeadLetters deadLetters, List<String> arguments, boolean resend)
			throws Exception {
		if (!resend) {
			deadLetters.list().forEach((topic, records) -> {
				System.out.println(topic + ": " + (records.isEmpty() ? "empty"
						: records.size() + (records.size() == 1 ? " dead letter" : " dead letters")));
				records.forEach(record -> System.out.print(record.describe()));
			});
			return 0;
		}
		String topic = arguments.get(1);
		if (!Topic.isDeadLetterTopic(topic)) {
			System.err.println("reviewflow: " + topic + " is not a dead-letter topic; ./reviewflow dlt lists them");
			return 2;
		}
		List<String> chosen = arguments.subList(2, arguments.size());
		List<DeadLetters.Resent> resent = deadLetters.resend(topic,
				record -> chosen.contains("--all") || chosen.contains(record.partition() + ":" + record.offset()));
		resent.forEach(sent -> say("sent " + sent.deadLetter().coordinates() + " back to " + sent.topic() + " "
				+ sent.partition() + ":" + sent.offset()));
		long missing = chosen.contains("--all") ? 0 : chosen.stream().distinct().count() - resent.size();
		if (missing > 0) {
			System.err.println("reviewflow: " + missing + " of the records named are not in " + topic);
			return 1;
		}
		say(resent.size() + " sent back; watch ./reviewflow dlt for any that fail again");
		return 0;
	}

	/**
	 * Starts everything and waits until stopped. State lives in {@code ./.reviewflow}, or where
	 * {@code -Dreviewflow.state} says.
	 */
	private static void up(Path repository, boolean fresh, Ports ports) throws Exception {
		long started = System.nanoTime();
		Path state = Path.of(System.getProperty("reviewflow.state", repository.resolve(".reviewflow").toString()));
		if (fresh) {
			delete(state);
		}
		Files.createDirectories(state.resolve("logs"));
		List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newCachedThreadPool();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			say("stopping…");
			stopAll(running);
			stopped.countDown();
		}, "reviewflow-stop"));

		say("starting PostgreSQL on " + ports.postgres() + " (data in " + shown(repository, state.resolve("postgres"))
				+ ")");
		LocalPostgres postgres = LocalPostgres.start(state.resolve("postgres"), ports.postgres());
		running.add(postgres);
		say("starting Kafka (KRaft) on " + ports.kafka() + " (log in " + shown(repository, state.resolve("kafka"))
				+ ")");
		// the broker and the services start side by side: a restart spends its time in the broker's log recovery and
		// in three Spring contexts, and a service waits for the broker only once it needs it; on the first start the
		// broker comes first, since the services create the topics as they start
		boolean brokerKnown = Files.exists(state.resolve("kafka/meta.properties"));
		CompletableFuture<LocalKafka> kafka = CompletableFuture.supplyAsync(() -> started(running,
				() -> LocalKafka.start(state.resolve("kafka"), ports.kafka(), ports.controller())), background);
		if (!brokerKnown) {
			kafka.join();
		}
		SharedLibraries shared = sharedLibraries(repository, state.resolve("logs"));
		List<CompletableFuture<ServiceHost>> starting = new ArrayList<>();
		for (int i = 0; i < SERVICES.size(); i++) {
			Service service = SERVICES.get(i);
			say("starting " + service.name() + " on " + ports.service(i));
			Map<String, String> properties = properties(service, state, "localhost:" + ports.kafka(),
					postgres.jdbcUrl());
			properties.put("server.port", Integer.toString(ports.service(i)));
			if (service.name().equals("scoring")) {
				// scoring's / sends a browser to this stack's pages, wherever its ports were moved
				properties.put("reviewflow.scoring.dashboard.url", "http://localhost:" + ports.web() + "/dashboard");
			}
			starting.add(CompletableFuture.supplyAsync(() -> started(running, () -> ServiceHost.start(service.name(),
					repository.resolve(service.module()), service.mainClass(), properties, shared)), background));
		}
		say("starting the pages (web) on " + ports.web());
		CompletableFuture<ServiceHost> web = CompletableFuture.supplyAsync(() -> started(running,
				() -> ServiceHost.start(WEB.name(), repository.resolve(WEB.module()), WEB.mainClass(),
						webProperties(ports.web(), ports.services(), ports.tokens(), state.resolve("logs/web.log")))),
				background);
		starting.add(web);
		try {
			kafka.get(STARTUP_WAIT.toMinutes(), TimeUnit.MINUTES);
			for (CompletableFuture<ServiceHost> service : starting) {
				service.get(STARTUP_WAIT.toMinutes(), TimeUnit.MINUTES).awaitReady(Duration.ofMinutes(2));
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			// whatever did start is stopped by the shutdown hook; the threads still starting must not keep us alive
			Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
			System.err.println("reviewflow: the stack did not start: " + cause);
			cause.printStackTrace();
			System.exit(1);
		}
		finally {
			background.shutdown();
		}
		DevelopmentTokens tokens = DevelopmentTokens.local();
		running.add(TokenMinter.start(ports.tokens(), tokens));
		say(DemoData.loadIfMissing("http://localhost:" + ports.service(0), tokens));

		say("healthy in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
		System.out.println("""

				  the pages                    http://localhost:%d  (sign in at /login; a title: /titles/wont-back-down-2012)
				  review-intake                http://localhost:%d/api/titles
				  moderation                   http://localhost:%d/actuator/health
				  scoring                      http://localhost:%d/api/titles/wont-back-down-2012/score
				  logs                         %s/

				  Ctrl-C stops everything; state stays in %s/ (./reviewflow up --fresh starts empty).
				""".formatted(ports.web(), ports.service(0), ports.service(1), ports.service(2),
				shown(repository, state.resolve("logs")), shown(repository, state)));
		stopped.await();
	}

	/**
	 * One class loader for the libraries review-intake, moderation and scoring have in common, with their logging
	 * configured: {@code <service>.log} in {@code logDir}, warnings to the console. (The pages keep a class loader of
	 * their own: their libraries are a different set.)
	 */
	static SharedLibraries sharedLibraries(Path repository, Path logDir) throws Exception {
		SharedLibraries shared = SharedLibraries.of(repository,
				SERVICES.stream().map(service -> repository.resolve(service.module())).toList());
		shared.configureLogging(logDir);
		return shared;
	}

	static Map<String, String> properties(Service service, Path state, String bootstrapServers, String jdbcUrl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", Integer.toString(service.port()));
		// this machine only: in local mode the services take tokens signed with the development secret, which is public
		properties.put("server.address", "localhost");
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
		properties.put("spring.datasource.url", jdbcUrl);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		properties.put("spring.kafka.streams.state-dir", state.resolve("scoring-state").toString());
		Path switchedTo = state.resolve("scoring.application-id");
		if (service.name().equals("scoring") && Files.exists(switchedTo)) {
			// written by ./reviewflow replay once a rebuild under a new application id has caught up
			try {
				properties.put("spring.kafka.streams.application-id", Files.readString(switchedTo).strip());
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		// one instance of each service here: static group membership lets a restarted service take its partitions
		// back at once, instead of waiting out the session timeout (45 s) of the instance that died
		String instance = "reviewflow-local-" + service.name();
		properties.put("spring.kafka.consumer.properties.group.instance.id", instance);
		properties.put("spring.kafka.streams.properties.main.consumer.group.instance.id", instance);
		properties.put("logging.file.name", state.resolve("logs/" + service.name() + ".log").toString());
		properties.put("logging.threshold.console", "WARN");
		properties.put("spring.main.banner-mode", "off");
		return inLocalMode(properties);
	}

	/**
	 * The web service's properties: its port, where the stack's three services answer (in {@code SERVICES} order),
	 * the token minter's port, and its log file.
	 */
	static Map<String, String> webProperties(int port, List<Integer> services, int tokens, Path logFile) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", Integer.toString(port));
		// this machine only: the pages hand out development tokens
		properties.put("server.address", "localhost");
		properties.put("reviewflow.web.review-intake", "http://localhost:" + services.get(0));
		properties.put("reviewflow.web.moderation", "http://localhost:" + services.get(1));
		properties.put("reviewflow.web.scoring", "http://localhost:" + services.get(2));
		properties.put("reviewflow.web.development-tokens", "http://localhost:" + tokens + "/dev/tokens");
		properties.put("logging.file.name", logFile.toString());
		properties.put("logging.threshold.console", "WARN");
		properties.put("spring.main.banner-mode", "off");
		return properties;
	}

	/**
	 * A service's properties for local mode (and the tests that run services as the stack does): it accepts the
	 * development tokens of {@code ./reviewflow token} and the pages.
	 */
	static Map<String, String> inLocalMode(Map<String, String> properties) {
		Map<String, String> local = new LinkedHashMap<>(properties);
		local.put("reviewflow.security.jwt-secret", DevelopmentTokens.LOCAL_SECRET);
		return local;
	}

	/** Stops the token minter, then the services, then the broker, then the database. */
	private static void stopAll(List<AutoCloseable> running) {
		List<AutoCloseable> reversed;
		synchronized (running) {
			stopping = true;
			reversed = new ArrayList<>(running);
		}
		Collections.reverse(reversed);
		// things started side by side finish in any order: the services go first, the database last, whatever it was
		reversed.sort(Comparator.comparingInt(closeable -> closeable instanceof LocalPostgres ? 3
				: closeable instanceof LocalKafka ? 2 : closeable instanceof ServiceHost ? 1 : 0));
		for (AutoCloseable closeable : reversed) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				System.err.println("reviewflow: could not stop " + closeable + ": " + ex.getMessage());
			}
		}
	}

	/** Something the stack starts, as {@link #started} runs it. */
	interface Start<T extends AutoCloseable> {

		T start() throws Exception;
	}

	/**
	 * Starts it and registers it for the stop, in the order things finish starting; once the stop has begun,
	 * whatever finishes starting is stopped at once.
	 */
	private static <T extends AutoCloseable> T started(List<AutoCloseable> running, Start<T> start) {
		try {
			T started = start.start();
			boolean registered;
			synchronized (running) {
				registered = !stopping;
				if (registered) {
					running.add(started);
				}
			}
			if (!registered) {
				started.close();
			}
			return started;
		}
		catch (Exception ex) {
			throw new java.util.concurrent.CompletionException(ex);
		}
	}

	/** A path as a person reads it: relative to the repository when inside it. */
	static String shown(Path repository, Path path) {
		return path.startsWith(repository) ? repository.relativize(path).toString() : path.toString();
	}

	static void delete(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	static void say(String message) {
		System.out.println("reviewflow: " + message);
	}
}
