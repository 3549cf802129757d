package dev.reviewflow.intake;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.JdbcConnections;
import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.testsupport.TcpProxy;
import dev.reviewflow.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while events arrive (review-intake reaches PostgreSQL through a proxy the test cuts): the
 * consumers hold their partitions and retry, say so in readiness and metrics, and apply every event once the database
 * is back; nothing is dead-lettered. Runs in a test JVM of its own (see the pom): no other context shares its
 * consumer groups.
 */
@TestPropertySource(properties = { "reviewflow.kafka.retrying-unready-after=1s",
		"spring.datasource.hikari.connection-timeout=1000" })
@Import(DatabaseOutageIntegrationTests.ThroughProxy.class)
class DatabaseOutageIntegrationTests extends IntakeIntegrationTest {

	static final TcpProxy DATABASE = proxyToSharedDatabase();

	static TcpProxy proxyToSharedDatabase() {
		URI url = URI.create(SharedInfrastructure.database().jdbcUrl().substring("jdbc:".length()));
		return TcpProxy.to(url.getHost(), url.getPort());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ThroughProxy {

		@Bean
		@Primary
		JdbcConnectionDetails throughProxy() {
			// the application's own role, as in every other test (Flyway, as the owner, goes around the proxy)
			SharedInfrastructure.Database database = SharedInfrastructure.roles("intake").runtime();
			URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
			String proxied = "jdbc:postgresql://127.0.0.1:" + DATABASE.port() + url.getRawPath()
					+ (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
			return JdbcConnections.details(
					new SharedInfrastructure.Database(proxied, database.username(), database.password()));
		}
	}

	@Test
	void eventsArrivingWhileTheDatabaseIsDownAreAppliedOnceItIsBackAndNothingIsDeadLettered() {
		title("outage-2012-" + run);
		UUID reviewId = submit("outage-2012-" + run, "outage", 7, "Written before the outage.");
		DATABASE.cut();
		try {
			decide(reviewId, "outage-2012-" + run, "outage", 1, ReviewStatus.PUBLISHED);
			sendScore(new ReviewScoreChanged(reviewId, 5, 1, 6, 0.4, Instant.now(), 6));
			var refused = as("outage", "USER").put("/api/titles/outage-2012-" + run + "/rating", "{\"rating\":5}");
			assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
			assertThat(refused.isProblem()).isTrue();
			assertThat(refused.header("Retry-After")).isEqualTo("2");
			// the consumer keeps trying the held record, and readiness says so
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				var readiness = as("operator", "ADMIN").get("/actuator/health/readiness");
				assertThat(readiness.status()).isEqualTo(503);
				assertThat(readiness.json().at("/components/eventConsumers/status").asString())
					.isEqualTo("OUT_OF_SERVICE");
				// anyone may ask whether the service is ready, but only admins see why not
				var anonymously = anonymous().get("/actuator/health/readiness");
				assertThat(anonymously.status()).isEqualTo(503);
				assertThat(anonymously.json().has("components")).as(anonymously.toString()).isFalse();
			});
		}
		finally {
			DATABASE.restore();
		}

		awaitStatus(reviewId, "outage", ReviewStatus.PUBLISHED);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				anonymous().get("/api/reviews/" + reviewId).json().get("totalVotes").asLong()).isEqualTo(6));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200));
		TopicProbe.awaitConsumed("review-intake.moderation-decisions", Topics.MODERATION_DECISIONS.name());
		TopicProbe.awaitConsumed("review-intake.review-scores", Topics.REVIEW_SCORES.name());
		assertThat(as("operator", "ADMIN").raw("GET", "/actuator/prometheus", null, new byte[0]).body())
			.containsPattern("reviewflow_consumer_retries_total\\{[^}]*topic=\"reviews.moderation-decisions\"[^}]*\\} [1-9]");
		try (TopicProbe dead = TopicProbe.on(Topics.MODERATION_DECISIONS.deadLetterTopic(),
				Topics.REVIEW_SCORES.deadLetterTopic())) {
			assertThat(dead.readToEnd()).noneMatch(record -> reviewId.toString().equals(record.key()));
		}
	}
}
