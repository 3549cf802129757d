package dev.reviewflow.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A power cut in the middle of the stream: the whole local stack runs as {@code ./reviewflow up} does, in a process
 * of its own, while people vote; its PostgreSQL and its JVM are SIGKILLed together, and the stack is started once
 * more on the same state. It comes back on the first try, every vote that was answered 202 is there, and the
 * consistency check finds nothing.
 */
class CrashRecoveryTests {

	static final Pattern HEALTHY = Pattern.compile("healthy in (\\d+) s");

	@Test
	void afterAPowerCutMidStreamTheStackComesBackWithEveryAcceptedVoteAndNoDivergence(
			@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path state)
			throws Exception {
		int offset = portOffset();
		LocalStack.Ports ports = LocalStack.Ports.offsetBy(offset);
		Process stack = start(state, offset, "first");
		Path firstLog = state.resolve("first.log");
		try {
			awaitHealthy(stack, firstLog);
			Http intake = Http.on(ports.service(0));
			Http moderation = Http.on(ports.service(1));
			String title = "power-cut-2024";
			assertThat(intake.as(EndToEndTests.TOKENS.mint("admin", "ADMIN")).put("/api/titles/" + title, """
					{"name":"Power Cut","year":2024,"kind":"MOVIE"}""").status()).isEqualTo(201);
			List<String> reviews = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				reviews.add(intake.as(EndToEndTests.TOKENS.mint("cut-author-" + i, "USER"))
					.post("/api/titles/" + title + "/reviews", """
							{"rating":%d,"headline":"Cut %d","body":"Review %d before the lights went out."}"""
						.formatted(1 + i, i, i))
					.json().get("reviewId").asString());
			}
			for (int i = 0; i < reviews.size(); i++) {
				EndToEndTests.awaitStatus(intake.as(EndToEndTests.TOKENS.mint("cut-author-" + i, "USER")),
						reviews.get(i), "PUBLISHED");
			}

			// voters and raters at full speed; each voter votes once on each review, so a 202 names the final vote
			Map<String, Boolean> accepted = new ConcurrentHashMap<>();
			AtomicBoolean running = new AtomicBoolean(true);
			ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
			for (int worker = 0; worker < 16; worker++) {
				int w = worker;
				load.submit(() -> {
					for (int voter = w; running.get(); voter += 16) {
						Http as = moderation.as(EndToEndTests.TOKENS.mint("cut-voter-" + voter, "USER"));
						for (String reviewId : reviews) {
							boolean helpful = (voter + reviewId.hashCode()) % 3 != 0;
							try {
								if (as.put("/api/reviews/" + reviewId + "/vote", "{\"helpful\":" + helpful + "}")
									.status() == 202) {
									accepted.put("cut-voter-" + voter + " " + reviewId, helpful);
								}
							}
							catch (RuntimeException refused) {
								return;
							}
						}
						try {
							intake.as(EndToEndTests.TOKENS.mint("cut-voter-" + voter, "USER"))
								.put("/api/titles/" + title + "/rating", "{\"rating\":" + (1 + voter % 10) + "}");
						}
						catch (RuntimeException refused) {
							return;
						}
					}
				});
			}
			int answered;
			try {
				await().atMost(Duration.ofMinutes(2)).until(() -> accepted.size() >= 400);
				powerCut(stack, state);
				answered = accepted.size();
			}
			finally {
				running.set(false);
				load.shutdownNow();
			}

			long restarted = System.nanoTime();
			stack = start(state, offset, "second");
			int healthyIn = awaitHealthy(stack, state.resolve("second.log"));
			System.out.printf("power cut after %d accepted votes; up again in %d s (%d ms until healthy)%n", answered,
					healthyIn, Duration.ofNanos(System.nanoTime() - restarted).toMillis());

			String jdbcUrl = "jdbc:postgresql://localhost:" + ports.postgres() + "/postgres";
			try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
					PreparedStatement vote = connection.prepareStatement(
							"select helpful from moderation.vote where voter_id = ? and review_id = ?::uuid")) {
				for (Map.Entry<String, Boolean> entry : accepted.entrySet()) {
					String[] voterAndReview = entry.getKey().split(" ");
					vote.setString(1, voterAndReview[0]);
					vote.setString(2, voterAndReview[1]);
					try (ResultSet row = vote.executeQuery()) {
						assertThat(row.next()).as("the vote %s was answered 202", entry.getKey()).isTrue();
						assertThat(row.getBoolean(1)).as(entry.getKey()).isEqualTo(entry.getValue());
					}
				}
			}
			ConsistencyCheck.Result result = new ConsistencyCheck(jdbcUrl, "postgres", "postgres",
					java.net.URI.create("http://localhost:" + ports.service(2)), 100)
				.run(Duration.ofSeconds(90));
			assertThat(result.divergences()).isEmpty();
			assertThat(result.reviews()).isGreaterThanOrEqualTo(reviews.size());
		}
		finally {
			stack.destroy();
			if (!stack.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				powerCut(stack, state);
			}
		}
	}

	/** {@code ./reviewflow up} on this state and these ports, as the script launches it. */
	static Process start(Path state, int offset, String name) throws IOException {
		Path repository = EndToEndTests.REPOSITORY;
		String classPath = repository.resolve("local-stack/target/classes") + java.io.File.pathSeparator
				+ Files.readString(repository.resolve("local-stack/target/runtime-classpath.txt")).strip();
		Files.createDirectories(state.resolve("tmp"));
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
				"-Djava.io.tmpdir=" + state.resolve("tmp"), "-Dreviewflow.state=" + state,
				"-Dreviewflow.port-offset=" + offset, "-cp", classPath, LocalStack.class.getName(), "up")
			.directory(repository.toFile())
			.redirectErrorStream(true)
			.redirectOutput(state.resolve(name + ".log").toFile());
		builder.environment().put("REVIEWFLOW_LOG_DIR", state.resolve("logs").toString());
		return builder.start();
	}

	/** Waits for the stack's "healthy in N s" line and returns N. */
	static int awaitHealthy(Process stack, Path log) throws IOException {
		try {
			return awaitHealthyIn(stack, log);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("the stack did not become healthy; its output:\n" + Files.readString(log), ex);
		}
	}

	private static int awaitHealthyIn(Process stack, Path log) {
		return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(stack.isAlive()).as("the stack is running; its output:%n%s", Files.readString(log)).isTrue();
			Matcher healthy = HEALTHY.matcher(Files.readString(log));
			return healthy.find() ? Integer.parseInt(healthy.group(1)) : -1;
		}, seconds -> seconds >= 0);
	}

	/** SIGKILL of the stack's PostgreSQL and of its JVM, one right after the other, as a power cut would. */
	static void powerCut(Process stack, Path state) throws Exception {
		Path pid = state.resolve("postgres/postmaster.pid");
		List<ProcessHandle> killed = new ArrayList<>();
		if (Files.exists(pid)) {
			ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).getFirst().strip())).ifPresent(postmaster -> {
				killed.add(postmaster);
				postmaster.descendants().forEach(killed::add);
			});
		}
		stack.toHandle().descendants().forEach(killed::add);
		killed.add(stack.toHandle());
		killed.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : killed) {
			process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	/** An offset that puts every port of the stack on a free one, away from a stack running as usual. */
	static int portOffset() throws IOException {
		for (int offset = 20_000; offset < 30_000; offset += 1_000) {
			if (LocalStack.Ports.offsetBy(offset).all().stream().allMatch(CrashRecoveryTests::free)) {
				return offset;
			}
		}
		throw new IllegalStateException("no free set of ports for a second local stack");
	}

	static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}
}
