import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Can the live score stream be turned against scoring? From one address, anonymous callers make a bounded number of
 * attempts to open {@code GET /api/stream/scores} with 20 titleIds each, holding every stream they get, while another
 * client measures {@code GET /api/titles/{id}/score} one request at a time. Prints the latency before, during and
 * after the abuse, and what the abusers got (200, 429, 503, ...). Loopback only, bounded in count and time; JDK only.
 *
 *   java bench/StreamAbuse.java [--attempts=2000] [--concurrency=64] [--seconds=10] [--base=http://localhost:8083]
 *       [--title=<titleId to measure>]
 */
public class StreamAbuse {

	static final int TITLES_PER_STREAM = 20;

	static final int MAX_ATTEMPTS = 10_000;

	static final int MAX_SECONDS = 120;

	/** No phase of the run lasts longer than this, whatever the server does. */
	static final Duration PHASE_LIMIT = Duration.ofSeconds(180);

	static final Pattern TITLE_ID = Pattern.compile("\"titleId\":\"([a-z0-9][a-z0-9-]{0,63})\"");

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new TreeMap<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				usage();
				return;
			}
			Matcher option = Pattern.compile("--([a-z]+)=(.*)").matcher(arg);
			if (!option.matches()) {
				fail("unknown argument '" + arg + "'");
			}
			options.put(option.group(1), option.group(2));
		}
		Set<String> known = Set.of("attempts", "concurrency", "seconds", "base", "title");
		for (String name : options.keySet()) {
			if (!known.contains(name)) {
				fail("unknown option --" + name);
			}
		}
		int attempts = number(options, "attempts", 2000, 1, MAX_ATTEMPTS);
		int concurrency = number(options, "concurrency", 64, 1, 1000);
		int seconds = number(options, "seconds", 10, 1, MAX_SECONDS);
		URI base = URI.create(options.getOrDefault("base", "http://localhost:8083").replaceAll("/+$", ""));
		requireLoopback(base);

		try (HttpClient probe = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build()) {
			List<String> titles = titles(probe, base);
			String measured = options.getOrDefault("title", titles.isEmpty() ? null : titles.getFirst());
			if (measured == null) {
				fail("scoring at " + base + " has no title with a score yet: rate one first (the local stack's demo"
						+ " data has some), or name one with --title=");
			}
			List<String> streamTitles = new ArrayList<>(titles);
			for (int i = 0; streamTitles.size() < TITLES_PER_STREAM; i++) {
				streamTitles.add("bench-abuse-" + i);
			}
			String query = String.join("&", streamTitles.stream()
				.limit(TITLES_PER_STREAM)
				.map(id -> "titleId=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
				.toList());
			URI scoreUri = base.resolve("/api/titles/" + URLEncoder.encode(measured, StandardCharsets.UTF_8) + "/score");
			System.out.printf("scoring at %s; measuring GET /api/titles/%s/score; %d stream attempts with %d titles"
					+ " each, %d in flight%n", base, measured, attempts, TITLES_PER_STREAM, concurrency);

			Latencies before = measure(probe, scoreUri, Duration.ofSeconds(seconds), () -> false);
			before.print("before");

			Abuse abuse = new Abuse(base.resolve("/api/stream/scores?" + query), attempts, concurrency);
			Thread abusers = Thread.ofPlatform().name("abusers").start(abuse::run);
			long started = System.nanoTime();
			// during: while attempts are being made, and at least as long as the other phases
			Latencies during = measure(probe, scoreUri, PHASE_LIMIT, () -> abuse.finished()
					&& System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(seconds));
			abuse.stop();
			abusers.join(PHASE_LIMIT.toMillis());
			during.print("during");
			abuse.print();

			Latencies after = measure(probe, scoreUri, Duration.ofSeconds(seconds), () -> false);
			after.print("after");
		}
		catch (ConnectException ex) {
			fail("cannot connect to scoring at " + base + ": is the local stack up (./reviewflow up)?");
		}
		// whatever a held stream's reader may still be doing, the run ends here
		System.exit(0);
	}

	static void usage() {
		System.out.println("""
				java bench/StreamAbuse.java [--attempts=2000] [--concurrency=64] [--seconds=10]
				    [--base=http://localhost:8083] [--title=<titleId>]

				From one address, anonymous callers make --attempts (at most %d) attempts to open
				GET /api/stream/scores with %d titleIds each (the first titles scoring lists, padded with made-up
				ids), --concurrency at a time, holding every stream they get until the attempts are done. Another
				client measures GET /api/titles/{title}/score one request at a time: --seconds before, during (at
				least --seconds, as long as the attempts last), and --seconds after the abusers hung up. The base URL
				must be a loopback address. Prints p50/p99 of each phase and what the abusers were answered."""
			.formatted(MAX_ATTEMPTS, TITLES_PER_STREAM));
	}

	static int number(Map<String, String> options, String name, int fallback, int min, int max) {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value);
			if (number < min || number > max) {
				fail("--" + name + " must be between " + min + " and " + max);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			fail("--" + name + " must be a number");
			return fallback;
		}
	}

	/** Load goes to this machine only. */
	static void requireLoopback(URI base) throws IOException {
		if (!"http".equals(base.getScheme()) || base.getHost() == null) {
			fail("--base must be an http URL, e.g. http://localhost:8083");
		}
		InetAddress[] addresses = InetAddress.getAllByName(base.getHost());
		if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
			fail("--base must name a loopback address (localhost, 127.0.0.1, [::1]); " + base.getHost() + " is not");
		}
	}

	static void fail(String message) {
		System.err.println("StreamAbuse: " + message);
		System.exit(2);
	}

	/** The first titles scoring lists (the paginated list; an older scoring's full list reads the same way). */
	static List<String> titles(HttpClient http, URI base) throws IOException, InterruptedException {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/titles/scores?page=0&size="
				+ TITLES_PER_STREAM)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			fail("GET /api/titles/scores answered " + answer.statusCode() + ": " + answer.body());
		}
		Set<String> ids = new LinkedHashSet<>();
		Matcher matcher = TITLE_ID.matcher(answer.body());
		while (matcher.find() && ids.size() < TITLES_PER_STREAM) {
			ids.add(matcher.group(1));
		}
		return List.copyOf(ids);
	}

	/** One request at a time, until the time is up or {@code done} says so (and never past the phase limit). */
	static Latencies measure(HttpClient http, URI uri, Duration atMost, java.util.function.BooleanSupplier done)
			throws InterruptedException {
		Latencies latencies = new Latencies();
		long deadline = System.nanoTime() + Math.min(atMost.toNanos(), PHASE_LIMIT.toNanos());
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
		while (System.nanoTime() < deadline && !done.getAsBoolean()) {
			long start = System.nanoTime();
			try {
				HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
				latencies.add(System.nanoTime() - start, Integer.toString(answer.statusCode()));
			}
			catch (IOException ex) {
				latencies.add(System.nanoTime() - start, ex.getClass().getSimpleName());
			}
		}
		return latencies;
	}

	static final class Latencies {

		final List<Long> nanos = new ArrayList<>();

		final Map<String, Integer> outcomes = new TreeMap<>();

		void add(long took, String outcome) {
			nanos.add(took);
			outcomes.merge(outcome, 1, Integer::sum);
		}

		void print(String phase) {
			if (nanos.isEmpty()) {
				System.out.printf("%-7s no request made%n", phase);
				return;
			}
			long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("%-7s %6d requests  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  answers %s%n", phase,
					sorted.length, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
					millis(sorted[sorted.length - 1]), outcomes);
		}

		static long percentile(long[] sorted, double p) {
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
		}

		static double millis(long nanos) {
			return nanos / 1_000_000.0;
		}
	}

	/** The abusers: one HTTP client (one address), a bounded number of attempts, every stream they get held. */
	static final class Abuse {

		final URI uri;

		final int attempts;

		final int concurrency;

		final HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();

		final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

		final List<InputStream> held = new CopyOnWriteArrayList<>();

		final AtomicInteger mostHeld = new AtomicInteger();

		final AtomicLong snapshotBytes = new AtomicLong();

		final AtomicLong attemptNanos = new AtomicLong();

		volatile boolean finished;

		volatile boolean stopped;

		Abuse(URI uri, int attempts, int concurrency) {
			this.uri = uri;
			this.attempts = attempts;
			this.concurrency = concurrency;
		}

		boolean finished() {
			return finished;
		}

		void run() {
			long start = System.nanoTime();
			Semaphore inFlight = new Semaphore(concurrency);
			try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < attempts && !stopped; i++) {
					if (!inFlight.tryAcquire(PHASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
						break;
					}
					workers.submit(() -> {
						try {
							attempt();
						}
						finally {
							inFlight.release();
						}
					});
				}
				inFlight.tryAcquire(concurrency, PHASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				attemptNanos.set(System.nanoTime() - start);
				finished = true;
			}
		}

		void attempt() {
			HttpRequest request = HttpRequest.newBuilder(uri)
				.header("Accept", "text/event-stream")
				.timeout(Duration.ofSeconds(10))
				.build();
			try {
				HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
				outcomes.merge(Integer.toString(answer.statusCode()), 1, Integer::sum);
				InputStream body = answer.body();
				if (answer.statusCode() != 200) {
					body.close();
					return;
				}
				held.add(body);
				mostHeld.accumulateAndGet(held.size(), Math::max);
				// read what the stream sends (its snapshot, then changes and heartbeats) until it is let go
				Thread.ofVirtual().start(() -> drain(body));
			}
			catch (IOException ex) {
				outcomes.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		void drain(InputStream body) {
			byte[] buffer = new byte[8192];
			try (body) {
				for (int read; !stopped && (read = body.read(buffer)) >= 0;) {
					snapshotBytes.addAndGet(read);
				}
			}
			catch (IOException ex) {
				// let go, or the server ended the stream
			}
			finally {
				held.remove(body);
			}
		}

		/** Hangs up every stream held. */
		void stop() {
			stopped = true;
			for (InputStream body : held) {
				try {
					body.close();
				}
				catch (IOException ex) {
					// gone already
				}
			}
			http.shutdownNow();
		}

		void print() {
			System.out.printf("abusers %6d attempts in %.1f s, answered %s; at most %d streams held at once,"
					+ " %d bytes read from them%n", outcomes.values().stream().mapToInt(Integer::intValue).sum(),
					attemptNanos.get() / 1e9, new TreeMap<>(outcomes), mostHeld.get(), snapshotBytes.get());
		}
	}
}
