package dev.reviewflow.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data folder survives a restart. It runs with fsync and
 * synchronous commit on, so a write the services acknowledged survives a crash. It never outlives the launcher for
 * long: a watchdog process stops it (fast shutdown) when the launcher's JVM is gone, however it went; and a server
 * left running from an earlier launcher (the watchdog killed too) is stopped before this one starts. After a crash
 * the start waits for PostgreSQL's recovery, however long it takes.
 */
final class LocalPostgres implements AutoCloseable {

	/** Crash recovery replays the write-ahead log: give it time, rather than fail the start. */
	static final Duration STARTUP_WAIT = Duration.ofMinutes(10);

	private final EmbeddedPostgres postgres;

	private final int port;

	private final @Nullable Process watchdog;

	private LocalPostgres(EmbeddedPostgres postgres, int port, @Nullable Process watchdog) {
		this.postgres = postgres;
		this.port = port;
		this.watchdog = watchdog;
	}

	static LocalPostgres start(Path dataDir, int port) throws IOException {
		Files.createDirectories(dataDir);
		boolean unclean = Files.exists(dataDir.resolve("postmaster.pid"));
		if (stopLeftOver(dataDir)) {
			unclean = false;
		}
		if (unclean) {
			LocalStack.say("PostgreSQL was not shut down cleanly: waiting for its crash recovery (up to "
					+ STARTUP_WAIT.toMinutes() + " min)");
		}
		// only to measure what durability costs (bench/README.md): never for data anyone keeps
		boolean durable = !Boolean.getBoolean("reviewflow.bench.no-fsync");
		if (!durable) {
			LocalStack.say("PostgreSQL runs WITHOUT fsync (-Dreviewflow.bench.no-fsync): a crash can lose answered writes");
		}
		String onOrOff = durable ? "on" : "off";
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setRegisterShutdownHook(false)
			.setPGStartupWait(STARTUP_WAIT)
			// 202 means durable: every commit is flushed to disk before it is acknowledged
			.setServerConfig("fsync", onOrOff)
			.setServerConfig("synchronous_commit", onOrOff)
			.setServerConfig("full_page_writes", onOrOff)
			.start();
		if (durable) {
			requireDurable(postgres);
		}
		return new LocalPostgres(postgres, port, watch(postmasterPid(dataDir)));
	}

	/**
	 * A server still running on this data folder from a launcher that died: stopped with a fast shutdown (true).
	 * A {@code postmaster.pid} whose process is not a server of this folder (it died, and its pid may be another
	 * program's now): removed, or PostgreSQL would take that process for its predecessor and refuse to start.
	 */
	private static boolean stopLeftOver(Path dataDir) throws IOException {
		Optional<ProcessHandle> named = postmasterPid(dataDir).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive);
		if (named.isEmpty()) {
			return false;
		}
		Optional<Boolean> servesThisFolder = servesFolder(named.get(), dataDir);
		if (servesThisFolder.isEmpty()) {
			// cannot tell (no /proc): leave the file to PostgreSQL's own check
			return false;
		}
		if (!servesThisFolder.get()) {
			LocalStack.say("removing the stale postmaster.pid of a PostgreSQL that is gone (pid " + named.get().pid()
					+ " is not a server of this folder)");
			Files.delete(dataDir.resolve("postmaster.pid"));
			// a server killed a moment ago may not be reaped yet: PostgreSQL would still see its pid in the socket
			// lock file and refuse to start
			try {
				named.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				// left to PostgreSQL's own check, which says what holds the lock
			}
			return false;
		}
		ProcessHandle leftOver = named.get();
		long pid = leftOver.pid();
		LocalStack.say("stopping PostgreSQL left running by an earlier start (pid " + pid + ")");
		signal("INT", pid);
		try {
			leftOver.onExit().get(STARTUP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping PostgreSQL " + pid, ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IOException("PostgreSQL " + pid + " (data in " + dataDir + ") did not stop; stop it by hand", ex);
		}
		return true;
	}

	/**
	 * Whether the process is a PostgreSQL server of the folder: a postmaster works in its data folder, so its
	 * working directory is that folder. Empty where {@code /proc} does not say.
	 */
	private static Optional<Boolean> servesFolder(ProcessHandle process, Path dataDir) {
		Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
		if (!Files.isDirectory(Path.of("/proc", "self"))) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.isSameFile(cwd.toRealPath(), dataDir.toRealPath()));
		}
		catch (IOException gone) {
			// exited meanwhile, or a zombie not yet reaped: not a server of anything
			return Optional.of(false);
		}
	}

	/** The postmaster's pid from {@code postmaster.pid}, if the file is there and readable. */
	private static Optional<Long> postmasterPid(Path dataDir) {
		try {
			List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A small process of its own that asks PostgreSQL for a fast shutdown once this JVM has exited, whatever ended it
	 * (a SIGKILL runs no shutdown hook).
	 */
	private static @Nullable Process watch(Optional<Long> postmaster) throws IOException {
		if (postmaster.isEmpty()) {
			return null;
		}
		long jvm = ProcessHandle.current().pid();
		String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; kill -INT " + postmaster.get()
				+ " 2>/dev/null";
		return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	private static void signal(String signal, long pid) throws IOException {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while signalling " + pid, ex);
		}
	}

	private static void requireDurable(EmbeddedPostgres postgres) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String setting : List.of("fsync", "synchronous_commit")) {
				try (ResultSet value = statement.executeQuery("show " + setting)) {
					if (!value.next() || !"on".equals(value.getString(1))) {
						throw new IOException("PostgreSQL runs with " + setting + " off; writes would not be durable");
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not check PostgreSQL's durability settings", ex);
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	@Override
	public void close() throws IOException {
		if (watchdog != null) {
			watchdog.destroy();
		}
		postgres.close();
	}
}
