package dev.reviewflow.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (binaries from Maven Central) whose data folder survives a restart. */
final class LocalPostgres implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final int port;

	private LocalPostgres(EmbeddedPostgres postgres, int port) {
		this.postgres = postgres;
		this.port = port;
	}

	static LocalPostgres start(Path dataDir, int port) throws IOException {
		Files.createDirectories(dataDir);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setRegisterShutdownHook(false)
			.start();
		return new LocalPostgres(postgres, port);
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}
}
