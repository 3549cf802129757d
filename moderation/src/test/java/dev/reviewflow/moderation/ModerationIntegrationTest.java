package dev.reviewflow.moderation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Topics;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What moderation's integration tests share: one context on the shared broker and database, probes and tokens. The
 * application, and {@link #jdbc} with it, runs as moderation's runtime role; {@link #asOwner()} is the owner Flyway
 * migrates as.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "reviewflow.moderation.banned-terms=buy followers", DevelopmentTokens.SERVICE_PROPERTY })
@Import(RealInfrastructure.class)
abstract class ModerationIntegrationTest {

	static final CloudEventCodec CODEC = new CloudEventCodec();

	/** The title the tests' reviews are about unless they name another. */
	static final String TITLE = "wont-back-down-2012";

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static TopicProbe probe;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void watchTopics() {
		probe = TopicProbe.on(Topics.MODERATION_DECISIONS.name(), Topics.REVIEW_EVENTS.deadLetterTopic(),
				Topics.VOTES.name(), Topics.REPORTS.name(), Topics.MODERATION_POLICY.name());
	}

	@AfterAll
	static void stopWatching() {
		probe.close();
	}

	/** A connection as the owner of moderation's schema and tables (Flyway's role), its search path on the schema. */
	static Connection asOwner() throws SQLException {
		SharedInfrastructure.Database owner = SharedInfrastructure.roles("moderation").owner();
		Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.username(), owner.password());
		try (Statement statement = connection.createStatement()) {
			statement.execute("set search_path = moderation");
		}
		return connection;
	}

	Http as(String subject, String... roles) {
		return Http.on(port).as(TOKENS.mint(subject, roles));
	}

	/**
	 * A review by alice of a title of its own: an earlier review of hers that moderation rejected would make another
	 * of the same title a repost, and tests must not depend on which ran first.
	 */
	CloudEvent<ReviewSubmitted> submitted(String body) {
		return submitted("alice", "title-" + UUID.randomUUID().toString().substring(0, 8), body);
	}

	CloudEvent<ReviewSubmitted> submitted(String author, String body) {
		return submitted(author, TITLE, body);
	}

	CloudEvent<ReviewSubmitted> submitted(String author, String titleId, String body) {
		UUID reviewId = UUID.randomUUID();
		return CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewSubmitted(reviewId, titleId, author, ReviewType.USER, 1, 8, null, null, false, "Headline",
						body, false, Instant.now()));
	}

	void send(CloudEvent<?> event) {
		probe.send(Topics.REVIEW_EVENTS.name(), event.subject(), CODEC.encode(event));
	}

	/** Sends a new review by {@code author} and waits until pre-moderation gave it {@code expectedStatus}. */
	UUID moderated(String author, String body, String expectedStatus) {
		return moderated(author, TITLE, body, expectedStatus);
	}

	/** Sends a new review by {@code author} of {@code titleId} and waits for pre-moderation's {@code expectedStatus}. */
	UUID moderated(String author, String titleId, String body, String expectedStatus) {
		CloudEvent<ReviewSubmitted> event = submitted(author, titleId, body);
		send(event);
		UUID reviewId = event.data().reviewId();
		awaitStatus(reviewId, expectedStatus);
		return reviewId;
	}

	/** Sends the review's deletion by its author and waits until moderation has taken it in. */
	void deleteAndAwait(UUID reviewId, String titleId, String author) {
		send(CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewDeleted(reviewId, titleId, author, ReviewType.USER, Instant.now())));
		awaitStatus(reviewId, "DELETED");
	}

	void awaitStatus(UUID reviewId, String expectedStatus) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(reviewId)).isEqualTo(expectedStatus));
	}

	@Nullable String status(UUID reviewId) {
		return jdbc.sql("select status from review where review_id = ?").param(reviewId).query(String.class)
			.optional().orElse(null);
	}

	/** The review's unresolved case. */
	UUID openCase(UUID reviewId) {
		return jdbc.sql("select case_id from moderation_case where review_id = ? and state <> 'RESOLVED'")
			.param(reviewId)
			.query(UUID.class)
			.single();
	}

	Http.Response report(String reporter, UUID reviewId, String reason) {
		return as(reporter, "USER").post("/api/reviews/" + reviewId + "/reports", "{\"reason\":\"" + reason + "\"}");
	}

	/**
	 * The whole queue for the query, page after page, as the moderator reads it: other test classes' cases are in it
	 * too, in any number, so a test looks for its own cases among all of them, never on the first page alone.
	 * @return the pages' items, each page as listed (highest priority first, then oldest)
	 */
	List<List<JsonNode>> queuePages(Http moderator, String query) {
		List<List<JsonNode>> pages = new java.util.ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode read = moderator.get("/api/moderation/cases?" + query + "&size=100&page=" + page).json();
			List<JsonNode> items = read.get("items").valueStream().toList();
			if (items.isEmpty()) {
				return pages;
			}
			pages.add(items);
		}
	}

	/** The review ids of the whole queue for the query, in the queue's order. */
	List<String> queuedReviews(Http moderator, String query) {
		return queuePages(moderator, query).stream()
			.flatMap(List::stream)
			.map(item -> item.get("reviewId").asString())
			.toList();
	}

	/** The decisions published about a review, in order. */
	List<ModerationDecided> decisionsPublished(UUID reviewId, int atLeast) {
		return probe.awaitAll(r -> r.topic().equals(Topics.MODERATION_DECISIONS.name())
				&& r.key().equals(reviewId.toString()), atLeast)
			.stream()
			.map(r -> (ModerationDecided) EventContract.assertConforms(r.value()).data())
			.toList();
	}
}
