package dev.reviewflow.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker away while people keep writing: every write is still answered 202 into the outbox, no service leaves
 * rotation because of the broker alone, and once the broker is back the backlog drains and every figure agrees. The
 * services get a broker of their own (stopped and started again on the same log and port) and a database of their
 * own, so nothing else in this test JVM shares what the outage touches.
 */
class BrokerOutageTests {

	/**
	 * Shorter than the services' defaults (30 s, 10 s) so the test waits less; the publications that failed while the
	 * broker was away are still sent again by the outbox's own resubmission, which is what the test proves.
	 */
	static final Duration RESUBMIT_AFTER = Duration.ofSeconds(10);

	static final Duration UNREADY_AFTER = Duration.ofSeconds(5);

	@Test
	void writesAreAcceptedWhileTheBrokerIsAwayAndEveryFigureCatchesUpWhenItReturns(@TempDir Path state)
			throws Exception {
		int port = freePort(21_000);
		int controllerPort = freePort(port + 1);
		LocalKafka kafka = LocalKafka.start(state.resolve("kafka"), port, controllerPort);
		SharedInfrastructure.Database database = database("broker_outage");
		List<ServiceHost> services = new ArrayList<>();
		try {
			for (LocalStack.Service service : LocalStack.SERVICES) {
				Map<String, String> settings = new HashMap<>(Map.of("server.port", "0",
						"spring.kafka.bootstrap-servers", kafka.bootstrapServers(), "spring.datasource.url",
						database.jdbcUrl(), "spring.datasource.username", database.username(),
						"spring.datasource.password", database.password(), "spring.kafka.streams.state-dir",
						state.resolve("scoring").toString(), "logging.file.name",
						state.resolve(service.name() + ".log").toString(), "logging.threshold.console", "WARN"));
				settings.putAll(Map.of("reviewflow.outbox.resubmit-after", RESUBMIT_AFTER.toString(),
						"reviewflow.outbox.check-every", "PT1S", "reviewflow.kafka.retrying-unready-after",
						UNREADY_AFTER.toString()));
				services.add(ServiceHost.start(service.name(), EndToEndTests.REPOSITORY.resolve(service.module()),
						service.mainClass(), LocalStack.inLocalMode(settings)));
			}
			for (ServiceHost service : services) {
				service.awaitReady(Duration.ofMinutes(2));
			}
			Http intake = Http.on(services.get(0).port());
			Http moderation = Http.on(services.get(1).port());
			Http scoring = Http.on(services.get(2).port());
			String title = "outage-2024";
			assertThat(intake.as(EndToEndTests.TOKENS.mint("admin", "ADMIN")).put("/api/titles/" + title, """
					{"name":"Outage","year":2024,"kind":"MOVIE"}""").status()).isEqualTo(201);
			Http first = intake.as(EndToEndTests.TOKENS.mint("author-0", "USER"));
			String reviewed = first.post("/api/titles/" + title + "/reviews", """
					{"rating":6,"headline":"Before","body":"Written before the outage."}""").json().get("reviewId")
				.asString();
			EndToEndTests.awaitStatus(first, reviewed, "PUBLISHED");

			Instant stopped = Instant.now();
			kafka.close();
			List<String> reviews = new ArrayList<>();
			for (int i = 1; i <= 5; i++) {
				Http.Response posted = intake.as(EndToEndTests.TOKENS.mint("author-" + i, "USER"))
					.post("/api/titles/" + title + "/reviews", """
							{"rating":%d,"headline":"During %d","body":"Written while the broker was away %s."}"""
						.formatted(2 * i, i, UUID.randomUUID()));
				assertThat(posted.status()).as(posted.toString()).isEqualTo(202);
				reviews.add(posted.json().get("reviewId").asString());
			}
			for (int v = 0; v < 10; v++) {
				assertThat(moderation.as(EndToEndTests.TOKENS.mint("voter-" + v, "USER"))
					.put("/api/reviews/" + reviewed + "/vote", "{\"helpful\":" + (v % 3 != 0) + "}")
					.status()).isEqualTo(202);
			}
			assertThat(intake.as(EndToEndTests.TOKENS.mint("rater", "USER")).put("/api/titles/" + title + "/rating",
					"{\"rating\":9}").status()).isEqualTo(202);
			// nothing reached the broker: every write waits in its service's outbox, and both stay in rotation. In
			// review-intake each review with its rating is a ReviewSubmitted and a RatingSet (5 x 2), the rating alone
			// a RatingSet (1); in moderation each vote is a HelpfulnessVoteSet (10)
			assertThat(outstandingSince(database, "intake", stopped)).isEqualTo(11);
			assertThat(outstandingSince(database, "moderation", stopped)).isEqualTo(10);
			// longer than a consumer may retry before it reports itself unready: both stay ready throughout
			await().during(UNREADY_AFTER.plusSeconds(2)).atMost(UNREADY_AFTER.plusSeconds(10)).untilAsserted(() -> {
				for (Http writer : List.of(intake, moderation)) {
					Http.Response readiness = writer.get("/actuator/health/readiness");
					assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
				}
			});

			kafka = LocalKafka.start(state.resolve("kafka"), port, controllerPort);
			await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
					outstanding(database, "intake") + outstanding(database, "moderation")).isZero());
			for (int i = 0; i < reviews.size(); i++) {
				EndToEndTests.awaitStatus(intake.as(EndToEndTests.TOKENS.mint("author-" + (i + 1), "USER")),
						reviews.get(i), "PUBLISHED");
			}
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Http.Response review = intake.get("/api/reviews/" + reviewed);
				assertThat(review.json().get("helpfulVotes").asLong()).isEqualTo(6);
				assertThat(review.json().get("totalVotes").asLong()).isEqualTo(10);
				var score = scoring.get("/api/titles/" + title + "/score").json();
				assertThat(score.get("userRating").get("count").asLong()).isEqualTo(7);
			});
			ConsistencyCheck.Result result = new ConsistencyCheck(database.jdbcUrl(), database.username(),
					database.password(), java.net.URI.create("http://localhost:" + services.get(2).port()), 100)
				.run(Duration.ofSeconds(60));
			assertThat(result.divergences()).isEmpty();
			assertThat(result.reviews()).isPositive();
		}
		finally {
			for (ServiceHost service : services.reversed()) {
				service.close();
			}
			kafka.close();
			dropDatabase("broker_outage");
		}
	}

	/** Event publications of the schema's service that Kafka has not acknowledged yet. */
	static long outstanding(SharedInfrastructure.Database database, String schema) throws Exception {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"select count(*) from " + schema + ".event_publication where completion_date is null")) {
			result.next();
			return result.getLong(1);
		}
	}

	/** Event publications of the schema's service made since {@code since} that Kafka has not acknowledged yet. */
	static long outstandingSince(SharedInfrastructure.Database database, String schema, Instant since)
			throws Exception {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password());
				PreparedStatement statement = connection.prepareStatement("select count(*) from " + schema
						+ ".event_publication where completion_date is null and publication_date > ?")) {
			statement.setObject(1, since.atOffset(ZoneOffset.UTC));
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/** A database of its own on the shared PostgreSQL server. */
	static SharedInfrastructure.Database database(String name) throws Exception {
		SharedInfrastructure.Database shared = SharedInfrastructure.database();
		try (Connection connection = DriverManager.getConnection(shared.jdbcUrl(), shared.username(),
				shared.password()); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
			statement.execute("create database " + name);
		}
		String url = shared.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
		return new SharedInfrastructure.Database(url, shared.username(), shared.password());
	}

	static void dropDatabase(String name) throws Exception {
		SharedInfrastructure.Database shared = SharedInfrastructure.database();
		try (Connection connection = DriverManager.getConnection(shared.jdbcUrl(), shared.username(),
				shared.password()); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
		}
	}

	/**
	 * A free port at or above {@code from}, below the range the system hands out for outgoing connections, so no
	 * client takes it while the broker is away.
	 */
	static int freePort(int from) {
		for (int port = from; port < 30_000; port++) {
			if (CrashRecoveryTests.free(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port between " + from + " and 30000");
	}
}
