import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * reviewflow's benchmark, in one sitting against the running local stack ({@code ./reviewflow up}): first what the
 * machine can do (single-row INSERT transactions on the stack's PostgreSQL, like pgbench; records/s of a producer on
 * the stack's Kafka broker, with the services' producer settings), then the project's load (helpfulness votes, rating
 * PUTs, review POSTs, each request by a new user, a fixed number of connections), and after each load how long the
 * derived figures took to catch up, and a freshness probe (vote → review-score on scoring's SSE stream, under a steady
 * background of votes). Prints progress every second and, at the end, a Markdown table: requests/s, p50/p99, the
 * ratio to the INSERT baseline, CPU per request of the stack's JVM, of PostgreSQL and of this load generator, and the
 * stack's memory (PSS).
 * <p>
 * Run it with {@code ./reviewflow bench [options]} ({@code --help} lists them). The load generator is deliberately
 * cheap (platform threads, one keep-alive HTTP/1.1 connection each, every request prepared before the clock starts)
 * so that the machine's cores go to the stack; what it costs anyway is in the table.
 */
public class Bench {

	static final String SECRET = "reviewflow-local-development-secret-0123456789";

	/** Whether the output goes to a terminal (progress rewrites one line) or to a file or pipe. */
	static final boolean CONSOLE = terminal();

	static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

	// ---------------------------------------------------------------- options

	record Options(int seconds, int warmup, int connections, Set<String> scenarios, int freshnessRate,
			int freshnessSeconds, String host, int intake, int moderation, int scoring, int postgres, int kafka,
			Path markdown) {

		static final Set<String> ALL = new LinkedHashSet<>(
				List.of("insert", "produce", "votes", "ratings", "reviews", "freshness"));

		static Options parse(String[] args) {
			Map<String, String> given = new LinkedHashMap<>();
			for (String arg : args) {
				if (arg.equals("--help") || arg.equals("-h") || !arg.startsWith("--") || !arg.contains("=")) {
					System.out.println("""
							usage: ./reviewflow bench [--seconds=20] [--warmup=10] [--connections=64]
							                          [--scenarios=insert,produce,votes,ratings,reviews,freshness]
							                          [--freshness-rate=1000] [--freshness-seconds=60]
							                          [--markdown=.reviewflow/bench.md]
							  --seconds            measured seconds of each load (after --warmup seconds not measured)
							  --connections        HTTP connections (each one request at a time) of each load
							  --freshness-rate     votes/s of the steady background load while the probe measures
							  --freshness-seconds  how long the freshness probe runs (the target is stated for 300)
							The stack must be running (./reviewflow up); ports are the local stack's.""");
					System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
				}
				given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			Set<String> scenarios = new LinkedHashSet<>(
					Arrays.asList(given.getOrDefault("scenarios", String.join(",", ALL)).split(",")));
			if (!ALL.containsAll(scenarios)) {
				throw new IllegalArgumentException("--scenarios: choose from " + ALL + ", not " + scenarios);
			}
			return new Options(Integer.parseInt(given.getOrDefault("seconds", "20")),
					Integer.parseInt(given.getOrDefault("warmup", "10")),
					Integer.parseInt(given.getOrDefault("connections", "64")), scenarios,
					Integer.parseInt(given.getOrDefault("freshness-rate", "1000")),
					Integer.parseInt(given.getOrDefault("freshness-seconds", "60")), "localhost", 8081, 8082, 8083,
					15432, 9092, Path.of(given.getOrDefault("markdown", ".reviewflow/bench.md")));
		}
	}

	// ---------------------------------------------------------------- results

	/** One line of the table. */
	record Row(String name, long requests, long failures, double perSecond, double p50, double p99, double max,
			Cpu cpu, String caughtUp, long pssMb) {
	}

	static final List<Row> rows = new ArrayList<>();

	static double insertBaseline = Double.NaN;

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		String run = UUID.randomUUID().toString().substring(0, 8);
		Stack stack = Stack.find();
		say("benchmark " + run + ": stack JVM pid " + stack.jvm + ", " + stack.postgres().size()
				+ " PostgreSQL processes; " + options.connections() + " connections, " + options.warmup() + " s warm-up + "
				+ options.seconds() + " s per load");
		Setup setup = new Setup(options, run);
		for (String scenario : Options.ALL) {
			if (options.scenarios().contains(scenario)) {
				switch (scenario) {
					case "insert" -> insertBaseline(options, stack, run);
					case "produce" -> produceBaseline(options, stack, run);
					case "votes" -> votes(options, stack, setup);
					case "ratings" -> ratings(options, stack, setup);
					case "reviews" -> reviews(options, stack, setup);
					default -> freshness(options, stack, setup);
				}
			}
		}
		String table = table(options);
		System.out.println();
		System.out.println(table);
		Files.createDirectories(options.markdown().toAbsolutePath().getParent());
		Files.writeString(options.markdown(), table);
		say("table written to " + options.markdown());
	}

	// ---------------------------------------------------------------- baselines

	/** pgbench's question on the stack's own PostgreSQL: one-row INSERT transactions per second, fsync on, 8 clients. */
	static void insertBaseline(Options options, Stack stack, String run) throws Exception {
		String url = "jdbc:postgresql://" + options.host() + ":" + options.postgres() + "/postgres";
		String table = "bench_insert_" + run;
		try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = admin.createStatement()) {
			statement.execute("create table public." + table
					+ " (id bigserial primary key, client int not null, payload text not null)");
		}
		int clients = 8;
		List<Connection> connections = new ArrayList<>();
		List<PreparedStatement> inserts = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
			connections.add(connection);
			inserts.add(connection.prepareStatement("insert into public." + table + " (client, payload) values (?, ?)"));
		}
		try {
			Result result = closedLoop("INSERT (8 clients)", options, stack, clients, client -> {
				PreparedStatement insert = inserts.get(client);
				return () -> {
					insert.setInt(1, client);
					insert.setString(2, "a row about as long as a vote's, written by the benchmark's baseline");
					return insert.executeUpdate() == 1 ? 200 : 500;
				};
			});
			insertBaseline = result.perSecond();
			rows.add(result.row(""));
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
			try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
					Statement statement = admin.createStatement()) {
				statement.execute("drop table public." + table);
			}
		}
	}

	/** Records/s one producer gets from the stack's broker with the services' settings (acks=all, idempotent). */
	static void produceBaseline(Options options, Stack stack, String run) throws Exception {
		String topic = "bench.produce-" + run;
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.host() + ":" + options.kafka());
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
			config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			byte[] value = new byte[450];
			Arrays.fill(value, (byte) 'x');
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
				// at most 10,000 unacknowledged records: the rate is what the broker acknowledges, not what fits in memory
				java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(10_000);
				Result result = closedLoop("Kafka produce (1 producer, acks=all)", options, stack, 1, client -> () -> {
					window.acquire();
					long started = System.nanoTime();
					producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value), (metadata, ex) -> {
						window.release();
						Recorder.current().record(System.nanoTime() - started, ex == null);
					});
					return -1;
				});
				producer.flush();
				rows.add(result.row(""));
			}
			finally {
				admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	// ---------------------------------------------------------------- the project's load

	static void votes(Options options, Stack stack, Setup setup) throws Exception {
		List<String> reviews = setup.publishedReviews("votes", 50);
		AtomicInteger next = new AtomicInteger();
		Result result = http("PUT vote", options, stack, options.moderation(), options.connections(), i -> {
			int n = next.getAndIncrement();
			return Http.request("PUT", "/api/reviews/" + reviews.get(n % reviews.size()) + "/vote",
					token("v-" + setup.run + "-" + n, "USER"), "{\"helpful\":" + (n % 3 != 0) + "}");
		});
		long expected = result.acceptedAll();
		String caughtUp = setup.caughtUp(() -> {
			long scored = 0;
			long counted = 0;
			for (String review : reviews) {
				scored += Setup.number(setup.get(options.scoring(), "/api/reviews/" + review + "/score"), "total");
				counted += Setup.number(setup.get(options.intake(), "/api/reviews/" + review), "totalVotes");
			}
			return scored >= expected && counted >= expected;
		}, result.endedAt());
		rows.add(result.row(caughtUp));
	}

	static void ratings(Options options, Stack stack, Setup setup) throws Exception {
		String title = setup.title("ratings");
		AtomicInteger next = new AtomicInteger();
		Result result = http("PUT rating", options, stack, options.intake(), options.connections(), i -> {
			int n = next.getAndIncrement();
			return Http.request("PUT", "/api/titles/" + title + "/rating", token("r-" + setup.run + "-" + n, "USER"),
					"{\"rating\":" + (1 + n % 10) + "}");
		});
		long expected = result.acceptedAll();
		String caughtUp = setup.caughtUp(() -> Setup
			.number(Setup.object(setup.get(options.scoring(), "/api/titles/" + title + "/score"), "userRating"),
					"count") >= expected,
				result.endedAt());
		rows.add(result.row(caughtUp));
	}

	static void reviews(Options options, Stack stack, Setup setup) throws Exception {
		String title = setup.title("reviews");
		AtomicInteger next = new AtomicInteger();
		Result result = http("POST review", options, stack, options.intake(), options.connections(), i -> {
			int n = next.getAndIncrement();
			return Http.request("POST", "/api/titles/" + title + "/reviews",
					token("p-" + setup.run + "-" + n, "USER"), Setup.review(n));
		});
		long expected = result.acceptedAll();
		// a review is counted once pre-moderation published it, and the title's listing shows it
		String caughtUp = setup.caughtUp(() -> Setup
			.number(Setup.object(setup.get(options.scoring(), "/api/titles/" + title + "/score"), "reviewCounts"),
					"user") >= expected
				&& Setup.number(setup.get(options.intake(), "/api/titles/" + title + "/reviews?size=1"),
						"totalItems") >= expected,
				result.endedAt());
		rows.add(result.row(caughtUp));
	}

	/**
	 * Vote → SSE: a steady background of {@code --freshness-rate} votes/s on one title while a probe votes on a review
	 * of another title five times a second and waits for scoring's stream to show the review's new total.
	 */
	static void freshness(Options options, Stack stack, Setup setup) throws Exception {
		List<String> background = setup.publishedReviews("fresh-load", 50);
		String probeReview = setup.publishedReviews("fresh-probe", 1).getFirst();
		String probeTitle = setup.titleOf(probeReview);
		BlockingQueue<long[]> totals = new LinkedBlockingQueue<>();
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest subscribe = HttpRequest.newBuilder(URI.create(
				"http://" + options.host() + ":" + options.scoring() + "/api/stream/scores?titleId=" + probeTitle))
			.build();
		Pattern total = Pattern.compile("\"reviewId\":\"" + probeReview + "\".*?\"total\":(\\d+)");
		CountDownLatch open = new CountDownLatch(1);
		AtomicBoolean probing = new AtomicBoolean(true);
		Thread listener = Thread.ofPlatform().daemon().start(() -> {
			try {
				HttpResponse<java.util.stream.Stream<String>> stream = client.send(subscribe,
						HttpResponse.BodyHandlers.ofLines());
				// open once the answer's head is in: a title without a score sends nothing until a heartbeat
				open.countDown();
				stream.body().forEach(line -> {
					Matcher matcher = total.matcher(line);
					if (line.startsWith("data:") && matcher.find()) {
						totals.add(new long[] { Long.parseLong(matcher.group(1)), System.nanoTime() });
					}
				});
			}
			catch (IOException | UncheckedIOException | InterruptedException ex) {
				if (probing.get()) {
					say("the probe's stream ended: " + ex);
				}
			}
		});
		if (!open.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("scoring's stream did not open within 10 s");
		}
		AtomicInteger next = new AtomicInteger();
		int seconds = options.freshnessSeconds();
		int rate = options.freshnessRate();
		Recorder probe = new Recorder();
		AtomicLong probeFailures = new AtomicLong();
		Thread prober = Thread.ofPlatform().name("probe").unstarted(() -> {
			HttpClient http = HttpClient.newHttpClient();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
			long seen = 0;
			int n = 0;
			while (System.nanoTime() < end) {
				long started = System.nanoTime();
				try {
					// the baseline: every total shown before this vote (a late one included)
					for (long[] update = totals.poll(); update != null; update = totals.poll()) {
						seen = Math.max(seen, update[0]);
					}
					long before = seen;
					HttpResponse<String> answer = http.send(HttpRequest
						.newBuilder(URI.create("http://" + options.host() + ":" + options.moderation() + "/api/reviews/"
								+ probeReview + "/vote"))
						.PUT(HttpRequest.BodyPublishers.ofString("{\"helpful\":true}"))
						.header("Content-Type", "application/json")
						.header("Authorization", "Bearer " + token("probe-" + setup.run + "-" + n++, "USER"))
						.build(), HttpResponse.BodyHandlers.ofString());
					if (answer.statusCode() == 202) {
						long deadline = started + TimeUnit.SECONDS.toNanos(10);
						long[] update = null;
						while (seen <= before) {
							update = totals.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
							if (update == null) {
								break;
							}
							seen = Math.max(seen, update[0]);
						}
						probe.record(update == null ? 0 : update[1] - started, update != null);
					}
					else {
						probeFailures.incrementAndGet();
					}
				}
				catch (IOException | InterruptedException ex) {
					probeFailures.incrementAndGet();
				}
				LockSupport.parkNanos(Math.max(0, started + TimeUnit.MILLISECONDS.toNanos(200) - System.nanoTime()));
			}
		});
		// the probe runs while the background load does: it starts once the load's requests are prepared
		Result load = openLoop("PUT vote at " + rate + "/s (background)", options, stack, options.moderation(), rate,
				seconds, i -> {
					int n = next.getAndIncrement();
					return Http.request("PUT", "/api/reviews/" + background.get(n % background.size()) + "/vote",
							token("f-" + setup.run + "-" + n, "USER"), "{\"helpful\":" + (n % 2 == 0) + "}");
				}, prober::start);
		prober.join();
		probing.set(false);
		listener.interrupt();
		rows.add(load.row(""));
		Recorder.Summary summary = probe.summary();
		rows.add(new Row("vote → SSE review-score (probe)", summary.count() + probeFailures.get(),
				summary.failures() + probeFailures.get(), summary.count() / (double) seconds, summary.p50(),
				summary.p99(), summary.max(), load.cpu(), "", load.pssMb()));
	}

	// ---------------------------------------------------------------- load machinery

	/** Every prepared request was sent: the connection stops (a load above 8,000 requests/s would). */
	static final class OutOfRequests extends RuntimeException {
	}

	/** The statuses of failed requests in the load being measured, and how many of each. */
	static final Map<Integer, AtomicLong> REFUSED = new java.util.concurrent.ConcurrentHashMap<>();

	static void refused(int status) {
		if (status >= 300) {
			REFUSED.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
		}
	}

	/** One request of a closed loop: returns the status, or -1 when it records its own outcome (asynchronously). */
	interface Call {
		int call() throws Exception;
	}

	record Result(String name, long accepted, long acceptedAll, long failures, double perSecond, double p50,
			double p99, double max, Cpu cpu, long pssMb, long endedAt) {

		Row row(String caughtUp) {
			return new Row(name, accepted + failures, failures, perSecond, p50, p99, max, cpu, caughtUp, pssMb);
		}
	}

	/** Latencies of one thread (or of the callbacks of one producer): no locks on the hot path. */
	static final class Recorder {

		private static final ThreadLocal<Recorder> CURRENT = new ThreadLocal<>();

		private static volatile Recorder shared;

		private long[] nanos = new long[1 << 16];

		private int size;

		private long failures;

		private volatile boolean measuring = true;

		static Recorder current() {
			Recorder recorder = CURRENT.get();
			return recorder != null ? recorder : shared;
		}

		synchronized void record(long latency, boolean ok) {
			if (!measuring) {
				return;
			}
			if (!ok) {
				failures++;
				return;
			}
			if (size == nanos.length) {
				nanos = Arrays.copyOf(nanos, size * 2);
			}
			nanos[size++] = latency;
		}

		synchronized void reset() {
			size = 0;
			failures = 0;
		}

		record Summary(long count, long failures, double p50, double p99, double max) {
		}

		synchronized Summary summary() {
			long[] sorted = Arrays.copyOf(nanos, size);
			Arrays.sort(sorted);
			return new Summary(size, failures, percentile(sorted, 0.50), percentile(sorted, 0.99),
					sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
		}

		static double percentile(long[] sorted, double p) {
			return sorted.length == 0 ? Double.NaN
					: sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
		}
	}

	/**
	 * {@code clients} threads, each calling as fast as its answers come back: {@code --warmup} seconds not measured,
	 * then {@code --seconds} measured, with a progress line every second.
	 */
	static Result closedLoop(String name, Options options, Stack stack, int clients, IntFunction<Call> perClient)
			throws Exception {
		List<Recorder> recorders = new ArrayList<>();
		AtomicLong done = new AtomicLong();
		AtomicLong ok = new AtomicLong();
		long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmup());
		long end = warmupEnd + TimeUnit.SECONDS.toNanos(options.seconds());
		List<Thread> threads = new ArrayList<>();
		Recorder.shared = null;
		for (int c = 0; c < clients; c++) {
			Recorder recorder = new Recorder();
			recorders.add(recorder);
			if (clients == 1) {
				Recorder.shared = recorder;
			}
			Call call = perClient.apply(c);
			threads.add(Thread.ofPlatform().name(name + "-" + c).start(() -> {
				Recorder.CURRENT.set(recorder);
				while (System.nanoTime() < end) {
					long started = System.nanoTime();
					int status;
					try {
						status = call.call();
					}
					catch (OutOfRequests ex) {
						break;
					}
					catch (Exception ex) {
						status = 599;
					}
					if (status != -1) {
						recorder.record(System.nanoTime() - started, status < 300);
						refused(status);
						if (status < 300) {
							ok.incrementAndGet();
						}
					}
					done.incrementAndGet();
				}
			}));
		}
		return measure(name, stack, recorders, threads, done, ok, warmupEnd, end);
	}

	static Result http(String name, Options options, Stack stack, int port, int connections,
			IntFunction<byte[]> requests) throws Exception {
		// every request is built before the clock starts: the load generator spends its time on sockets only
		int capacity = Math.min(600_000, (options.warmup() + options.seconds()) * 8_000);
		say(name + ": preparing " + String.format(Locale.ROOT, "%,d", capacity) + " requests");
		byte[][] prepared = new byte[capacity][];
		for (int i = 0; i < capacity; i++) {
			prepared[i] = requests.apply(i);
		}
		AtomicInteger next = new AtomicInteger();
		return closedLoop(name, options, stack, connections, client -> {
			Http http = new Http(options.host(), port);
			return () -> {
				int i = next.getAndIncrement();
				if (i >= prepared.length) {
					throw new OutOfRequests();
				}
				return http.exchange(prepared[i]);
			};
		});
	}

	/** {@code rate} requests per second for {@code seconds}, whatever the answers' speed (up to 256 in flight). */
	static Result openLoop(String name, Options options, Stack stack, int port, int rate, int seconds,
			IntFunction<byte[]> requests, Runnable onStart) throws Exception {
		int total = rate * seconds;
		byte[][] prepared = new byte[total][];
		for (int i = 0; i < total; i++) {
			prepared[i] = requests.apply(i);
		}
		int connections = Math.max(8, Math.min(256, rate / 20));
		onStart.run();
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
		AtomicLong done = new AtomicLong();
		AtomicLong ok = new AtomicLong();
		List<Recorder> recorders = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		AtomicInteger next = new AtomicInteger();
		for (int c = 0; c < connections; c++) {
			Recorder recorder = new Recorder();
			recorders.add(recorder);
			Http http = new Http(options.host(), port);
			threads.add(Thread.ofPlatform().name(name + "-" + c).start(() -> {
				for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
					long due = start + i * 1_000_000_000L / rate;
					LockSupport.parkNanos(due - System.nanoTime());
					int status;
					try {
						status = http.exchange(prepared[i]);
					}
					catch (Exception ex) {
						status = 599;
					}
					// latency from when the request was due, so a stalled server is not hidden by a waiting client
					recorder.record(System.nanoTime() - due, status < 300);
					refused(status);
					if (status < 300) {
						ok.incrementAndGet();
					}
					done.incrementAndGet();
				}
			}));
		}
		return measure(name, stack, recorders, threads, done, ok, start,
				start + TimeUnit.SECONDS.toNanos(seconds));
	}

	static Result measure(String name, Stack stack, List<Recorder> recorders, List<Thread> threads,
			AtomicLong done, AtomicLong ok, long warmupEnd, long end) throws Exception {
		Cpu before = null;
		long last = done.get();
		long pss = 0;
		long nextTick = System.nanoTime() + 1_000_000_000L;
		while (true) {
			long now = System.nanoTime();
			if (before == null && now >= warmupEnd) {
				recorders.forEach(Recorder::reset);
				before = Cpu.sample(stack);
			}
			if (now >= end) {
				break;
			}
			if (now >= nextTick) {
				long count = done.get();
				long left = Math.max(0, (end - now) / 1_000_000_000L);
				// on a terminal one line rewritten every second; into a file a line every ten seconds
				if (CONSOLE || left % 10 == 0) {
					System.out.printf(Locale.ROOT, "%s  %-40s %s %7d/s  %3d s left%s", CONSOLE ? "\r" : "", name,
							before != null ? "measuring" : "warm-up  ", count - last, left, CONSOLE ? "      " : "\n");
				}
				last = count;
				nextTick += 1_000_000_000L;
				if (before != null && end - now < 3_000_000_000L) {
					pss = Math.max(pss, stack.pssMb());
				}
			}
			LockSupport.parkNanos(Math.min(nextTick, before == null ? warmupEnd : end) - now);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		for (Recorder recorder : recorders) {
			recorder.measuring = false;
		}
		long endedAt = System.nanoTime();
		Cpu cpu = Cpu.sample(stack).minus(before);
		long accepted = 0;
		long failures = 0;
		List<long[]> all = new ArrayList<>();
		int size = 0;
		for (Recorder recorder : recorders) {
			synchronized (recorder) {
				accepted += recorder.size;
				failures += recorder.failures;
				all.add(Arrays.copyOf(recorder.nanos, recorder.size));
				size += recorder.size;
			}
		}
		long[] sorted = new long[size];
		int at = 0;
		for (long[] part : all) {
			System.arraycopy(part, 0, sorted, at, part.length);
			at += part.length;
		}
		Arrays.sort(sorted);
		double seconds = cpu.wall();
		if (CONSOLE) {
			System.out.print("\r" + " ".repeat(90) + "\r");
		}
		Result result = new Result(name, accepted, ok.get(), failures, accepted / seconds,
				Recorder.percentile(sorted, 0.5), Recorder.percentile(sorted, 0.99),
				sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6, cpu.per(accepted + failures),
				pss == 0 ? stack.pssMb() : pss, endedAt);
		say(String.format(Locale.ROOT, "%-40s %,9.1f/s  p50 %6.1f ms  p99 %7.1f ms  failures %d%s", name,
				result.perSecond(), result.p50(), result.p99(), failures,
				REFUSED.isEmpty() ? "" : " (statuses, warm-up included: " + new java.util.TreeMap<>(REFUSED) + "; 599 = no answer)"));
		REFUSED.clear();
		return result;
	}

	// ---------------------------------------------------------------- HTTP/1.1 with keep-alive, nothing else

	static final class Http {

		private final String host;

		private final int port;

		private Socket socket;

		private InputStream in;

		private OutputStream out;

		Http(String host, int port) {
			this.host = host;
			this.port = port;
		}

		static byte[] request(String method, String path, String token, String json) {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
			byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
			byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
			System.arraycopy(body, 0, request, headBytes.length, body.length);
			return request;
		}

		/** Sends one request and reads its whole answer; returns the status. Reconnects when the server closed. */
		int exchange(byte[] request) throws IOException {
			if (socket == null) {
				socket = new Socket();
				socket.setTcpNoDelay(true);
				socket.connect(new InetSocketAddress(host, port), 5000);
				socket.setSoTimeout(30_000);
				in = new BufferedInputStream(socket.getInputStream(), 8192);
				out = new BufferedOutputStream(socket.getOutputStream(), 8192);
			}
			try {
				out.write(request);
				out.flush();
				return readResponse();
			}
			catch (IOException ex) {
				socket.close();
				socket = null;
				throw ex;
			}
		}

		private int readResponse() throws IOException {
			String status = line();
			int code = Integer.parseInt(status.substring(9, 12));
			long length = 0;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				for (long chunk = Long.parseLong(line().trim(), 16); chunk > 0; chunk = Long.parseLong(line().trim(), 16)) {
					in.skipNBytes(chunk);
					line();
				}
				line();
			}
			else {
				in.skipNBytes(length);
			}
			if (close) {
				socket.close();
				socket = null;
			}
			return code;
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b == -1) {
					throw new IOException("connection closed");
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}
	}

	// ---------------------------------------------------------------- setting up titles and reviews

	static final class Setup {

		final String run;

		final Options options;

		final HttpClient http = HttpClient.newHttpClient();

		Setup(Options options, String run) {
			this.options = options;
			this.run = run;
		}

		String title(String purpose) throws Exception {
			String title = "bench-" + run + "-" + purpose;
			send("PUT", options.intake(), "/api/titles/" + title, token("bench-admin", "ADMIN"),
					"{\"name\":\"Benchmark " + purpose + "\",\"year\":2026,\"kind\":\"MOVIE\"}");
			return title;
		}

		/** {@code count} reviews on a new title, each by its own author, once moderation has published them. */
		List<String> publishedReviews(String purpose, int count) throws Exception {
			String title = title(purpose);
			List<String> reviews = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String answer = send("POST", options.intake(), "/api/titles/" + title + "/reviews",
						token("a-" + run + "-" + purpose + "-" + i, "USER"), review(i));
				reviews.add(answer.replaceAll("(?s).*\"reviewId\":\"([^\"]+)\".*", "$1"));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			for (String review : reviews) {
				while (!get(options.intake(), "/api/reviews/" + review).contains("\"status\":\"PUBLISHED\"")) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("review " + review + " was not published within 60 s");
					}
					Thread.sleep(50);
				}
			}
			return reviews;
		}

		String titleOf(String review) throws Exception {
			return string(get(options.intake(), "/api/reviews/" + review), "titleId");
		}

		/** Polls until {@code done} (up to 120 s); the seconds from the load's end, as the table shows them. */
		String caughtUp(Check done, long endedAt) throws Exception {
			long deadline = endedAt + TimeUnit.SECONDS.toNanos(120);
			while (!passes(done)) {
				if (System.nanoTime() > deadline) {
					return "not in 120 s";
				}
				Thread.sleep(20);
			}
			return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - endedAt) / 1e9);
		}

		/** A figure not there yet (404 before the first score, 503 while scoring restores its stores) is no pass. */
		static boolean passes(Check done) {
			try {
				return done.check();
			}
			catch (Exception ex) {
				return false;
			}
		}

		interface Check {
			boolean check() throws Exception;
		}

		String get(int port, String path) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + options.host() + ":" + port + path));
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
		}

		String send(String method, int port, String path, String token, String json) throws Exception {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://" + options.host() + ":" + port + path))
						.method(method, HttpRequest.BodyPublishers.ofString(json))
						.header("Content-Type", "application/json")
						.header("Authorization", "Bearer " + token)
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
			}
			return response.body();
		}

		static String review(int i) {
			return "{\"rating\":" + (1 + i % 10) + ",\"headline\":\"Benchmark " + i
					+ "\",\"body\":\"A review written by the load generator.\",\"containsSpoilers\":false}";
		}

		static long number(String json, String field) {
			Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
			if (!matcher.find()) {
				throw new IllegalStateException("no number " + field + " in " + json);
			}
			return Long.parseLong(matcher.group(1));
		}

		static String string(String json, String field) {
			Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
			if (!matcher.find()) {
				throw new IllegalStateException("no string " + field + " in " + json);
			}
			return matcher.group(1);
		}

		/** The text of a nested object, {@code "field":{...}} (no deeper nesting needed here). */
		static String object(String json, String field) {
			Matcher matcher = Pattern.compile("\"" + field + "\":(\\{[^}]*\\})").matcher(json);
			if (!matcher.find()) {
				throw new IllegalStateException("no object " + field + " in " + json);
			}
			return matcher.group(1);
		}
	}

	/** An HS256 development token as local mode expects it (issuer, audience, expiry), signed with the local secret. */
	static String token(String subject, String role) {
		try {
			Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
			long now = System.currentTimeMillis() / 1000;
			String header = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
			String payload = base64.encodeToString(("{\"iss\":\"reviewflow-local\",\"aud\":\"reviewflow\",\"sub\":\""
					+ subject + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")
				.getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return header + "." + payload + "."
					+ base64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- the machine: processes, CPU, memory

	record Stack(long jvm, long self) {

		static Stack find() {
			long jvm = ProcessHandle.allProcesses()
				.filter(process -> commandLine(process.pid()).contains("dev.reviewflow.local.LocalStack\0up"))
				.mapToLong(ProcessHandle::pid)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the local stack is not running: start it with ./reviewflow up"));
			return new Stack(jvm, ProcessHandle.current().pid());
		}

		/** PostgreSQL's processes (the server and its backends), found afresh: backends come and go. */
		List<Long> postgres() {
			return ProcessHandle.allProcesses()
				.filter(process -> comm(process.pid()).equals("postgres"))
				.map(ProcessHandle::pid)
				.toList();
		}

		long pssMb() {
			long kb = pssKb(jvm);
			for (long pid : postgres()) {
				kb += pssKb(pid);
			}
			return kb / 1024;
		}

		static String commandLine(long pid) {
			try {
				return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1);
			}
			catch (IOException ex) {
				return "";
			}
		}

		static String comm(long pid) {
			try {
				return Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
			}
			catch (IOException ex) {
				return "";
			}
		}

		static long pssKb(long pid) {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
					if (line.startsWith("Pss:")) {
						return Long.parseLong(line.replaceAll("\\D", ""));
					}
				}
			}
			catch (IOException ex) {
				// the process ended meanwhile
			}
			return 0;
		}

		/** utime + stime of a process in clock ticks (1/100 s), its ended children not included. */
		static long ticks(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException ex) {
				return 0;
			}
		}
	}

	/** CPU seconds of the stack's JVM, of PostgreSQL and of this load generator, and of the whole machine. */
	record Cpu(double jvm, double postgres, double bench, double machineBusy, double wall) {

		static Cpu sample(Stack stack) throws IOException {
			long postgres = 0;
			for (long pid : stack.postgres()) {
				postgres += Stack.ticks(pid);
			}
			String[] total = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < total.length; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(total[i]);
				}
			}
			return new Cpu(Stack.ticks(stack.jvm()) / 100.0, postgres / 100.0, Stack.ticks(stack.self()) / 100.0,
					busy / 100.0, System.nanoTime() / 1e9);
		}

		Cpu minus(Cpu earlier) {
			return new Cpu(jvm - earlier.jvm, postgres - earlier.postgres, bench - earlier.bench,
					machineBusy - earlier.machineBusy, wall - earlier.wall);
		}

		/** Milliseconds of CPU per request, and the machine's busy share (in cores). */
		Cpu per(long requests) {
			double n = Math.max(1, requests);
			return new Cpu(jvm * 1000 / n, postgres * 1000 / n, bench * 1000 / n, machineBusy / wall, wall);
		}
	}

	// ---------------------------------------------------------------- output

	static String table(Options options) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append("Benchmark of ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
			.append(" on ").append(machine()).append("; ").append(options.connections())
			.append(" connections, ").append(options.warmup()).append(" s warm-up and ").append(options.seconds())
			.append(" s measured per load; the load generator runs on the same machine.\n\n");
		out.append("| load | requests | failed | per second | p50 ms | p99 ms | × INSERT baseline | CPU ms/request: JVM | "
				+ "PostgreSQL | load generator | machine busy (cores) | caught up after the load | stack PSS MB |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
		for (Row row : rows) {
			out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,.0f | %.1f | %.1f | %s | %.2f | %.2f | %.2f | %.2f | %s | %,d |\n",
					row.name(), row.requests(), row.failures(), row.perSecond(), row.p50(), row.p99(),
					Double.isNaN(insertBaseline) ? "–" : String.format(Locale.ROOT, "%.3f", row.perSecond() / insertBaseline),
					row.cpu().jvm(), row.cpu().postgres(), row.cpu().bench(), row.cpu().machineBusy(),
					row.caughtUp().isEmpty() ? "–" : row.caughtUp(), row.pssMb()));
		}
		return out.toString();
	}

	static String machine() throws IOException {
		String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
			.filter(line -> line.startsWith("model name"))
			.findFirst()
			.map(line -> line.substring(line.indexOf(':') + 1).trim())
			.orElse("unknown CPU");
		long memoryKb = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\D", ""));
		return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), "
				+ (memoryKb + 512 * 1024) / (1024 * 1024) + " GiB, Java " + Runtime.version().feature();
	}

	static boolean terminal() {
		try {
			String out = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
			return out.startsWith("/dev/pts/") || out.startsWith("/dev/tty");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	static void say(String message) {
		System.out.println(LocalDateTime.now().format(CLOCK) + " " + message);
	}
}
