package dev.reviewflow.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.reviewflow.devtokens.DevelopmentTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.reviewflow.local.LocalStack.say;

/**
 * {@code ./reviewflow chaos [--minutes N] [--clients N] [--rate N]} against a running
 * {@code ./reviewflow up --cluster}: mixed load (reviews, ratings, votes, reports, moderators' decisions) at a steady
 * rate through the services' front doors while one Kafka node and one instance of each service after another is
 * killed with SIGKILL (the cluster starts each again), each kill waited out until the cluster has recovered. The
 * first round (a node and an instance of each service) always runs, so the load may go on past {@code --minutes};
 * more rounds run while time is left. Then every accepted write is looked for in its service's database and
 * {@code ./reviewflow check} runs. It prints the table of requests, failures seen by clients, kills, recovery times
 * and divergences, and exits 1 if an accepted write is missing or a figure diverges.
 */
final class Chaos {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration RECOVERY_WAIT = Duration.ofMinutes(5);

	/** The pause after a recovery before the next kill, so the load runs on a whole cluster in between. */
	private static final Duration BETWEEN_KILLS = Duration.ofSeconds(10);

	/** The kinds of request, with their share of the load in percent. */
	enum Kind {
		REVIEW(20), RATING(20), VOTE(35), REPORT(15), DECISION(10);

		final int share;

		Kind(int share) {
			this.share = share;
		}

		static Kind pick(int percent) {
			int sum = 0;
			for (Kind kind : values()) {
				sum += kind.share;
				if (percent < sum) {
					return kind;
				}
			}
			return VOTE;
		}
	}

	/** What clients saw of one kind of request. */
	static final class Tally {

		final AtomicLong accepted = new AtomicLong();

		final AtomicLong refused = new AtomicLong();

		final AtomicLong failed = new AtomicLong();
	}

	/** One kill: of what, when, and how long until the cluster had recovered (null: not within the wait). */
	record Kill(String target, LocalTime at, Duration recovered) {
	}

	private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

	private final Path state;

	private final DevelopmentTokens tokens = DevelopmentTokens.local();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final Map<Kind, Tally> tallies = new LinkedHashMap<>();

	private final Map<String, String> failureKinds = new java.util.concurrent.ConcurrentHashMap<>();

	/** Accepted writes, as the databases must have them. */
	private final ConcurrentLinkedQueue<UUID> acceptedReviews = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<String[]> acceptedRatings = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<String[]> acceptedVotes = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<UUID> acceptedReports = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<UUID> decidedCases = new ConcurrentLinkedQueue<>();

	private final AtomicLong users = new AtomicLong();

	private List<String> titles = List.of();

	private List<String> votedReviews = List.of();

	private List<String> reportedReviews = List.of();

	private volatile boolean loading = true;

	/** Requests per second of each client: the load is steady, so a restart competes with it, not with a flood. */
	private final double clientRate;

	private Chaos(Path state, double clientRate) {
		this.state = state;
		this.clientRate = clientRate;
		for (Kind kind : Kind.values()) {
			tallies.put(kind, new Tally());
		}
	}

	static int run(Path repository, List<String> arguments) throws Exception {
		int minutes = option(arguments, "--minutes", 5);
		int clients = option(arguments, "--clients", 8);
		int rate = option(arguments, "--rate", 60);
		if (minutes < 1 || clients < 1 || rate < clients) {
			System.err.println("reviewflow: --minutes and --clients must be at least 1, --rate at least --clients");
			return 2;
		}
		Path state = LocalCluster.state(repository);
		if (!Files.isDirectory(state.resolve("pids"))) {
			System.err.println("reviewflow: no cluster state in " + state + "; start one with ./reviewflow up --cluster");
			return 2;
		}
		return new Chaos(state, rate / (double) clients).run(Duration.ofMinutes(minutes), clients);
	}

	private static int option(List<String> arguments, String name, int fallback) {
		int at = arguments.indexOf(name);
		return at >= 0 && at + 1 < arguments.size() ? Integer.parseInt(arguments.get(at + 1)) : fallback;
	}

	private int run(Duration length, int clients) throws Exception {
		say("chaos run " + run + ": " + length.toMinutes() + " min, " + clients + " clients, "
				+ Math.round(clientRate * clients) + " requests/s");
		prepare();
		List<Thread> load = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			load.add(Thread.ofPlatform().daemon().name("chaos-client-" + i).start(this::drive));
		}
		try {
			return runWithLoad(length, clients, load);
		}
		finally {
			// whatever went wrong, the load stops with the run
			loading = false;
		}
	}

	private int runWithLoad(Duration length, int clients, List<Thread> load) throws Exception {
		long started = System.nanoTime();
		long end = started + length.toNanos();
		Thread.sleep(Math.min(20_000, length.toMillis() / 10));
		List<String> targets = new ArrayList<>();
		for (int round = 1; round <= LocalCluster.KAFKA_PORTS.size(); round++) {
			targets.add(LocalCluster.brokerName(round));
			for (LocalStack.Service service : LocalStack.SERVICES) {
				targets.add(LocalCluster.instanceName(service, (round - 1) % LocalCluster.INSTANCES + 1));
			}
		}
		List<Kill> kills = new ArrayList<>();
		int firstRound = 1 + LocalStack.SERVICES.size();
		for (String target : targets) {
			// the first round (a Kafka node and an instance of each service) runs whatever the time; then as time allows
			if (kills.size() >= firstRound && System.nanoTime() > end) {
				break;
			}
			kills.add(kill(target));
			say(describe(kills.getLast()));
			Thread.sleep(BETWEEN_KILLS.toMillis());
		}
		long left = end - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
		loading = false;
		for (Thread client : load) {
			client.join();
		}
		say("load stopped after " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
				+ " s; looking for every accepted write");
		Map<Kind, Long> lost = lost();
		say("running ./reviewflow check (waits up to 3 min for the pipelines to catch up)");
		ConsistencyCheck.Result check = new ConsistencyCheck(
				"jdbc:postgresql://localhost:" + LocalStack.POSTGRES_PORT + "/postgres", "postgres", "postgres",
				URI.create("http://localhost:" + LocalStack.SERVICES.get(2).port()), 100)
			.run(Duration.ofMinutes(3));
		check.divergences().forEach(divergence -> System.out.println("DIVERGENCE " + divergence));
		String table = table(length, clients, kills, lost, check);
		System.out.println();
		System.out.println(table);
		Path written = state.resolve("chaos.md");
		Files.writeString(written, table);
		say("the table is also in " + written);
		long missing = lost.values().stream().mapToLong(Long::longValue).sum();
		return missing == 0 && check.consistent() ? 0 : 1;
	}

	// ---------------------------------------------------------------- the load

	private void prepare() throws Exception {
		String admin = tokens.mint("chaos-admin", "ADMIN");
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String title = "chaos-" + run + "-" + i;
			send("PUT", 8081, "/api/titles/" + title, admin,
					"{\"name\":\"Chaos " + run + " " + i + "\",\"year\":2026,\"kind\":\"MOVIE\"}");
			made.add(title);
		}
		titles = made;
		List<String> reviews = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			JsonNode accepted = JSON.readTree(send("POST", 8081, "/api/titles/" + titles.get(i % titles.size())
					+ "/reviews", tokens.mint(user(), "USER"), review(i)).body());
			reviews.add(accepted.get("reviewId").asString());
		}
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		for (String review : reviews) {
			while (!send("GET", 8081, "/api/reviews/" + review, null, null).body().contains("\"PUBLISHED\"")) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("review " + review + " was not published within 2 min");
				}
				Thread.sleep(100);
			}
		}
		// votes go to reviews nobody reports, so a report taking a review down does not turn votes away
		votedReviews = reviews.subList(0, 18);
		reportedReviews = reviews.subList(18, 24);
		say("prepared " + titles.size() + " titles and " + reviews.size() + " published reviews");
	}

	private String user() {
		return "chaos-" + run + "-" + users.incrementAndGet();
	}

	private static String review(long n) {
		return "{\"rating\":" + (1 + n % 10) + ",\"headline\":\"Chaos " + n
				+ "\",\"body\":\"A review written while parts of the cluster were being killed.\","
				+ "\"containsSpoilers\":false}";
	}

	private void drive() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long interval = (long) (TimeUnit.SECONDS.toNanos(1) / clientRate);
		long next = System.nanoTime();
		while (loading) {
			next = Math.max(next + interval, System.nanoTime() - interval);
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			Kind kind = Kind.pick(random.nextInt(100));
			Tally tally = tallies.get(kind);
			try {
				HttpResponse<String> response = request(kind, random);
				if (response == null) {
					continue;
				}
				int status = response.statusCode();
				if (status < 300) {
					tally.accepted.incrementAndGet();
					accepted(kind, response);
				}
				else if (status < 500) {
					tally.refused.incrementAndGet();
					failureKinds.merge(kind + " " + status, "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
				}
				else {
					tally.failed.incrementAndGet();
					failureKinds.merge(kind + " " + status, "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
				}
			}
			catch (IOException | RuntimeException ex) {
				// no answer, or one this client could not read: a failure as the client saw it
				tally.failed.incrementAndGet();
				failureKinds.merge(kind + " " + ex.getClass().getSimpleName(), "1",
						(a, b) -> Long.toString(Long.parseLong(a) + 1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** The writes of this request, remembered until the end; null when there was nothing to send (no open case). */
	private HttpResponse<String> request(Kind kind, ThreadLocalRandom random) throws IOException, InterruptedException {
		String user = user();
		return switch (kind) {
			case REVIEW -> send("POST", 8081, "/api/titles/" + titles.get(random.nextInt(titles.size())) + "/reviews",
					tokens.mint(user, "USER"), review(users.get()));
			case RATING -> {
				String title = titles.get(random.nextInt(titles.size()));
				int rating = 1 + random.nextInt(10);
				HttpResponse<String> response = send("PUT", 8081, "/api/titles/" + title + "/rating",
						tokens.mint(user, "USER"), "{\"rating\":" + rating + "}");
				pending.set(new String[] { title, user, Integer.toString(rating) });
				yield response;
			}
			case VOTE -> {
				String review = votedReviews.get(random.nextInt(votedReviews.size()));
				boolean helpful = random.nextInt(3) != 0;
				HttpResponse<String> response = send("PUT", 8082, "/api/reviews/" + review + "/vote",
						tokens.mint(user, "USER"), "{\"helpful\":" + helpful + "}");
				pending.set(new String[] { review, user, Boolean.toString(helpful) });
				yield response;
			}
			case REPORT -> send("POST", 8082,
					"/api/reviews/" + reportedReviews.get(random.nextInt(reportedReviews.size())) + "/reports",
					tokens.mint(user, "USER"), "{\"reason\":\"SPAM\",\"note\":\"chaos run " + run + "\"}");
			case DECISION -> {
				String moderator = tokens.mint("chaos-moderator-" + run, "MODERATOR");
				HttpResponse<String> open = send("GET", 8082, "/api/moderation/cases?status=OPEN&size=5", moderator,
						null);
				if (open.statusCode() != 200) {
					yield open;
				}
				JsonNode items = JSON.readTree(open.body()).get("items");
				if (items.isEmpty()) {
					Thread.sleep(100);
					yield null;
				}
				String caseId = items.get(random.nextInt(items.size())).get("caseId").asString();
				pending.set(new String[] { caseId });
				yield send("POST", 8082, "/api/moderation/cases/" + caseId + "/decision", moderator,
						"{\"action\":\"KEEP\",\"reason\":\"chaos run " + run + "\"}");
			}
		};
	}

	/** What the request just sent would write, for {@link #accepted}. */
	private final ThreadLocal<String[]> pending = new ThreadLocal<>();

	private void accepted(Kind kind, HttpResponse<String> response) {
		switch (kind) {
			case REVIEW -> acceptedReviews.add(UUID.fromString(JSON.readTree(response.body()).get("reviewId").asString()));
			case RATING -> acceptedRatings.add(pending.get());
			case VOTE -> acceptedVotes.add(pending.get());
			case REPORT -> acceptedReports.add(UUID.fromString(JSON.readTree(response.body()).get("reportId").asString()));
			case DECISION -> decidedCases.add(UUID.fromString(pending.get()[0]));
		}
	}

	private HttpResponse<String> send(String method, int port, String path, String token, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// ---------------------------------------------------------------- the kills

	private Kill kill(String target) throws Exception {
		Path pidFile = state.resolve("pids/" + target);
		long pid = Long.parseLong(Files.readString(pidFile).strip());
		LocalTime at = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
		Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(handle -> isClusterProcess(handle, target));
		if (process.isEmpty()) {
			throw new IllegalStateException(target + " (pid " + pid + ") is not running as part of the cluster; is "
					+ "./reviewflow up --cluster running?");
		}
		long killed = System.nanoTime();
		process.get().destroyForcibly();
		say("killed " + target + " (pid " + pid + ") with SIGKILL");
		long deadline = killed + RECOVERY_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!Files.readString(pidFile).strip().equals(Long.toString(pid)) && recovered(target)) {
				return new Kill(target, at, Duration.ofNanos(System.nanoTime() - killed));
			}
			Thread.sleep(250);
		}
		return new Kill(target, at, null);
	}

	/** Whether the process is the cluster's {@code target}: a pid file left behind may name another process by now. */
	private static boolean isClusterProcess(ProcessHandle process, String target) {
		String commandLine = commandLine(process);
		int dash = target.lastIndexOf('-');
		String name = target.substring(0, dash);
		String number = target.substring(dash + 1);
		String arguments = name.equals("kafka") ? " broker " + number + " " : " service " + name + " " + number + " ";
		return commandLine.contains(LocalCluster.class.getName() + arguments);
	}

	/**
	 * The process's whole command line: from {@code /proc} where there is one, since {@code ProcessHandle.Info} may
	 * cut a long one (the class path) short.
	 */
	private static String commandLine(ProcessHandle process) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
					java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
		}
		catch (IOException ex) {
			return process.info().commandLine().orElse("");
		}
	}

	/**
	 * A service instance has recovered once it answers ready; a Kafka node once it is back in the cluster and every
	 * partition has all three replicas in sync again.
	 */
	private boolean recovered(String target) {
		try {
			if (target.startsWith("kafka-")) {
				int node = Integer.parseInt(target.substring(target.lastIndexOf('-') + 1));
				// the restarted node serves, and is back in every partition's in-sync replicas (right after a kill
				// the replicas still count it in sync, until the controller notices it is gone: hence the port first)
				return LocalCluster.listening(LocalCluster.KAFKA_PORTS.get(node - 1)) && fullyReplicated(node);
			}
			LocalStack.Service service = LocalStack.SERVICES.stream()
				.filter(candidate -> target.startsWith(candidate.name() + "-"))
				.findFirst()
				.orElseThrow();
			int instance = Integer.parseInt(target.substring(target.lastIndexOf('-') + 1));
			return http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + LocalCluster.instancePort(service.port(), instance)
						+ "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(3))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static boolean fullyReplicated(int node) throws Exception {
		try (Admin admin = LocalCluster.admin()) {
			if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().noneMatch(each -> each.id() == node)) {
				return false;
			}
			var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
				.names()
				.get(5, TimeUnit.SECONDS);
			for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
				for (var partition : topic.partitions()) {
					if (partition.leader() == null || partition.isr().size() < partition.replicas().size()) {
						return false;
					}
				}
			}
			return true;
		}
	}

	private static String describe(Kill kill) {
		return kill.target() + " killed at " + kill.at() + ": "
				+ (kill.recovered() == null ? "NOT recovered within " + RECOVERY_WAIT.toMinutes() + " min"
						: "recovered in " + seconds(kill.recovered()));
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	// ---------------------------------------------------------------- the verdict

	/** For each kind of write, how many accepted ones its service's database does not have. */
	private Map<Kind, Long> lost() throws Exception {
		Map<Kind, Long> lost = new LinkedHashMap<>();
		try (Connection db = DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + LocalStack.POSTGRES_PORT + "/postgres", "postgres", "postgres")) {
			lost.put(Kind.REVIEW, missing(db, "select count(*) from intake.review where review_id = any(?)",
					acceptedReviews.toArray(UUID[]::new), "uuid"));
			lost.put(Kind.RATING, missingRows(db, """
					select count(*) from intake.rating r join unnest(?::text[], ?::text[], ?::int[]) as a(title_id, user_id, rating)
					on r.title_id = a.title_id and r.user_id = a.user_id and r.rating = a.rating""", acceptedRatings));
			lost.put(Kind.VOTE, missingRows(db, """
					select count(*) from moderation.vote v join unnest(?::uuid[], ?::text[], ?::boolean[]) as a(review_id, voter_id, helpful)
					on v.review_id = a.review_id and v.voter_id = a.voter_id and v.helpful = a.helpful""", acceptedVotes));
			lost.put(Kind.REPORT, missing(db, "select count(*) from moderation.report where report_id = any(?)",
					acceptedReports.toArray(UUID[]::new), "uuid"));
			lost.put(Kind.DECISION, missing(db, "select count(*) from moderation.moderation_case where case_id = any(?)"
					+ " and state = 'RESOLVED'", decidedCases.stream().distinct().toArray(UUID[]::new), "uuid"));
		}
		return lost;
	}

	private static long missing(Connection db, String sql, UUID[] ids, String type) throws Exception {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			Array array = db.createArrayOf(type, ids);
			statement.setArray(1, array);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return ids.length - rs.getLong(1);
			}
		}
	}

	private static long missingRows(Connection db, String sql, ConcurrentLinkedQueue<String[]> rows)
			throws Exception {
		List<String[]> all = List.copyOf(rows);
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setArray(1, db.createArrayOf("text", all.stream().map(row -> row[0]).toArray()));
			statement.setArray(2, db.createArrayOf("text", all.stream().map(row -> row[1]).toArray()));
			statement.setArray(3, db.createArrayOf("text", all.stream().map(row -> row[2]).toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return all.size() - rs.getLong(1);
			}
		}
	}

	private String table(Duration length, int clients, List<Kill> kills, Map<Kind, Long> lost,
			ConsistencyCheck.Result check) {
		StringBuilder table = new StringBuilder();
		table.append("## Chaos run ").append(run).append(": ").append(length.toMinutes()).append(" min, ")
			.append(clients).append(" clients at ").append(Math.round(clientRate * clients)).append(" requests/s, ")
			.append(kills.size()).append(" kills\n\n");
		table.append("| request | accepted | refused (4xx) | failed (5xx or no answer) | accepted but missing |\n");
		table.append("|---|---:|---:|---:|---:|\n");
		for (Kind kind : Kind.values()) {
			Tally tally = tallies.get(kind);
			table.append("| ").append(kind.name().toLowerCase(Locale.ROOT)).append(" | ").append(tally.accepted.get())
				.append(" | ").append(tally.refused.get()).append(" | ").append(tally.failed.get()).append(" | ")
				.append(lost.get(kind)).append(" |\n");
		}
		table.append("\n| kill (SIGKILL) | at | recovered in |\n|---|---|---:|\n");
		for (Kill kill : kills) {
			table.append("| ").append(kill.target()).append(" | ").append(kill.at()).append(" | ")
				.append(kill.recovered() == null ? "not within " + RECOVERY_WAIT.toMinutes() + " min"
						: seconds(kill.recovered()))
				.append(" |\n");
		}
		table.append("\nFailures by kind and status: ").append(failureKinds.isEmpty() ? "none" : failureKinds)
			.append("\n\n./reviewflow check: ").append(check.reviews()).append(" reviews and ").append(check.titles())
			.append(" rated titles, ").append(check.divergences().size()).append(" divergences\n");
		return table.toString();
	}
}
