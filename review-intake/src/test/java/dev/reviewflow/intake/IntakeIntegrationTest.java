package dev.reviewflow.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.Topics;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.RealInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What review-intake's integration tests share: one application context on the shared broker and database, a probe
 * on the topics, tokens and a few steps users take.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// the suite lifts the write limits (its tests write as a few authors), and the tests of the limits set small
		// ones through moderation's policy (applyPolicy)
		properties = { "reviewflow.intake.review-rate-limit.max=100000",
				"reviewflow.intake.review-edit-rate-limit.max=100000",
				"reviewflow.intake.review-delete-rate-limit.max=100000",
				"reviewflow.intake.rating-rate-limit.max=100000", DevelopmentTokens.SERVICE_PROPERTY })
@Import(RealInfrastructure.class)
abstract class IntakeIntegrationTest {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	static final CloudEventCodec CODEC = new CloudEventCodec();

	static TopicProbe probe;

	static final AtomicLong SEQUENCES = new AtomicLong();

	/**
	 * This test's own suffix for the titles it creates: a database or broker kept from an earlier run (or shared with
	 * other tests) holds nothing of it.
	 */
	final String run = UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void watchTopics() {
		probe = TopicProbe.on(Topics.REVIEW_EVENTS.name(), Topics.RATINGS.name(),
				Topics.MODERATION_DECISIONS.deadLetterTopic(), Topics.REVIEW_SCORES.deadLetterTopic());
	}

	@AfterAll
	static void stopWatching() {
		probe.close();
	}

	Http anonymous() {
		return Http.on(port);
	}

	Http as(String subject, String... roles) {
		return Http.on(port).as(TOKENS.mint(subject, roles));
	}

	void title(String titleId) {
		Http.Response response = as("admin", "ADMIN").put("/api/titles/" + titleId, """
				{"name":"Won't Back Down","year":2012,"kind":"MOVIE"}""");
		assertThat(response.status()).as(response.toString()).isIn(200, 201);
	}

	UUID submit(String titleId, String author, String text) {
		return submit(titleId, author, 8, text);
	}

	UUID submit(String titleId, String author, int rating, String text) {
		Http.Response response = as(author, "USER").post("/api/titles/" + titleId + "/reviews", """
				{"rating":%d,"headline":"Headline","body":"%s","containsSpoilers":false}""".formatted(rating, text));
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
		UUID reviewId = UUID.fromString(response.json().get("reviewId").asString());
		assertThat(response.location()).isEqualTo("/api/reviews/" + reviewId);
		return reviewId;
	}

	/** Moderation's next decision: sequences grow with every decision, as moderation numbers them. */
	void decide(UUID reviewId, String titleId, String author, int revision, ReviewStatus status) {
		decide(reviewId, titleId, author, revision, status, SEQUENCES.incrementAndGet(), Instant.now());
	}

	CloudEvent<ModerationDecided> decide(UUID reviewId, String titleId, String author, int revision,
			ReviewStatus status, long sequence, Instant decidedAt) {
		CloudEvent<ModerationDecided> event = CloudEvent.of("moderation", reviewId.toString(),
				new ModerationDecided(UUID.randomUUID(), reviewId, titleId, author, revision, status,
						DecisionActor.AUTOMATIC, null, List.of(), decidedAt, sequence));
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(), CODEC.encode(event));
		return event;
	}

	void awaitStatus(UUID reviewId, String viewer, ReviewStatus status) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				as(viewer, "USER").get("/api/reviews/" + reviewId).json().get("status").asString())
			.isEqualTo(status.name()));
	}

	/** A limit no test reaches: what the suite runs with between the tests of the limits. */
	static final ModerationPolicyChanged.RateLimit LIFTED = new ModerationPolicyChanged.RateLimit(100_000, 60);

	/** The version after the highest policy version review-intake has applied. */
	int nextPolicyVersion() {
		return (int) count("select coalesce(max(version), 0) + 1 from moderation_policy");
	}

	/**
	 * Sends moderation's policy with these limits (review, edit, delete, rating) and waits until review-intake has
	 * consumed it and keeps this version or a higher one.
	 */
	void applyPolicy(int version, ModerationPolicyChanged.RateLimit reviews, ModerationPolicyChanged.RateLimit edits,
			ModerationPolicyChanged.RateLimit deletes, ModerationPolicyChanged.RateLimit ratings) {
		applyPolicy(version, CODEC.encode(CloudEvent.of("moderation", ModerationPolicyChanged.KEY,
				new ModerationPolicyChanged(version, reviews, Instant.now(), edits, deletes, ratings))));
	}

	void applyPolicy(int version, byte[] event) {
		probe.send(Topics.MODERATION_POLICY.name(), ModerationPolicyChanged.KEY, event);
		TopicProbe.awaitConsumed("review-intake.moderation-policy", Topics.MODERATION_POLICY.name());
		await().atMost(Duration.ofSeconds(30)).until(() -> count(
				"select count(*) from moderation_policy where version >= ?", version) == 1);
	}

	/** Every limit lifted again, as a version above every one sent so far. */
	void liftLimits() {
		applyPolicy(nextPolicyVersion(), LIFTED, LIFTED, LIFTED, LIFTED);
	}

	void sendScore(ReviewScoreChanged score) {
		probe.send(Topics.REVIEW_SCORES.name(), score.reviewId().toString(),
				CODEC.encode(CloudEvent.of("scoring", score.reviewId().toString(), score)));
	}

	/**
	 * Asserts that exactly {@code publications} outbox publications mention {@code fragment} (an id of this test's),
	 * and waits until Kafka has acknowledged them all: other tests' publications are none of its business.
	 */
	void awaitSent(String fragment, long publications) {
		String like = "%" + fragment + "%";
		assertThat(count("select count(*) from event_publication where serialized_event like ?", like))
			.as("publications mentioning %s", fragment)
			.isEqualTo(publications);
		await().atMost(Duration.ofSeconds(30)).until(() -> count(
				"select count(*) from event_publication where completion_date is null and serialized_event like ?",
				like) == 0);
	}

	long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}
}
