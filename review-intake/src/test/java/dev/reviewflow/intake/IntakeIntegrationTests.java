package dev.reviewflow.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** review-intake against a real broker and a real PostgreSQL, driven over HTTP and Kafka as its users drive it. */
class IntakeIntegrationTests extends IntakeIntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	EventPublicationRegistry registry;

	void decide(UUID reviewId, String titleId, String author, ReviewStatus status) {
		decide(reviewId, titleId, author, 1, status);
	}

	/**
	 * The application connects as review-intake's runtime role: it owns none of the tables Flyway created as the
	 * schema's owner, changes rows of every one of them (they are all working state), and may create nothing.
	 */
	@Test
	void theApplicationRunsAsARoleThatOwnsNothingAndWritesRowsOnly() {
		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("intake_app");
		assertThat(jdbc.sql("select distinct tableowner from pg_tables where schemaname = 'intake'").query(String.class)
			.list()).containsExactly("intake_owner");
		List<String> tables = jdbc.sql("select tablename from pg_tables where schemaname = 'intake' "
				+ "and tablename not in ('flyway_schema_history', 'flyway_platform_history')").query(String.class).list();
		assertThat(tables).contains("title", "review", "rating", "moderation_policy", "event_publication",
				"processed_event", "idempotency_key", "rate_limit_hit");
		for (String table : tables) {
			assertThat(jdbc.sql("""
					select has_table_privilege(?, 'SELECT') and has_table_privilege(?, 'INSERT')
					  and has_table_privilege(?, 'UPDATE') and has_table_privilege(?, 'DELETE')
					  and not has_table_privilege(?, 'TRUNCATE') and not has_table_privilege(?, 'TRIGGER')""")
				.params(table, table, table, table, table, table)
				.query(Boolean.class)
				.single()).as(table).isTrue();
		}
		assertThat(jdbc.sql("select has_table_privilege('flyway_schema_history', 'SELECT')").query(Boolean.class)
			.single()).isFalse();
		assertThat(jdbc.sql("select has_table_privilege('flyway_platform_history', 'SELECT')").query(Boolean.class)
			.single()).isFalse();
		assertThat(jdbc.sql("select has_schema_privilege('intake', 'CREATE')").query(Boolean.class).single())
			.isFalse();
		assertThatThrownBy(() -> jdbc.sql("alter table review disable trigger all").update()).rootCause()
			.hasMessageContaining("must be owner of table review");
	}

	@Test
	void aSubmittedReviewIsStoredPendingAndPublishedWithItsRatingThroughTheOutbox() {
		title("wont-back-down-2012-" + run);
		UUID reviewId = submit("wont-back-down-2012-" + run, "alice", "Maggie Gyllenhaal is great® 🎬 <b>not bold</b>");

		ConsumerRecord<String, byte[]> submitted = probe.await(r -> r.key().equals(reviewId.toString()));
		assertThat(submitted.topic()).isEqualTo("reviews.review-events");
		assertThat(TopicProbe.header(submitted, "content-type")).isEqualTo("application/cloudevents+json");
		assertThat(submitted.headers().lastHeader("__TypeId__")).isNull();
		CloudEvent<?> event = EventContract.assertConforms(submitted.value());
		assertThat(event.source()).isEqualTo("/reviewflow/review-intake");
		assertThat(event.data()).isInstanceOfSatisfying(ReviewSubmitted.class, data -> {
			assertThat(data.authorId()).isEqualTo("alice");
			assertThat(data.rating()).isEqualTo(8);
			assertThat(data.body()).isEqualTo("Maggie Gyllenhaal is great® 🎬 <b>not bold</b>");
		});

		ConsumerRecord<String, byte[]> rating = probe.await(r -> r.topic().equals("reviews.ratings")
				&& r.key().equals("wont-back-down-2012-" + run));
		assertThat(EventContract.assertConforms(rating.value()).data()).isInstanceOfSatisfying(RatingSet.class, set -> {
			assertThat(set.titleId()).isEqualTo("wont-back-down-2012-" + run);
			assertThat(set.userId()).isEqualTo("alice");
			assertThat(set.rating()).isEqualTo(8);
		});

		Http.Response own = as("alice", "USER").get("/api/reviews/" + reviewId);
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(own.json().get("body").asString()).isEqualTo("Maggie Gyllenhaal is great® 🎬 <b>not bold</b>");
		assertThat(anonymous().get("/api/reviews/" + reviewId).status()).isEqualTo(404);

		// ReviewSubmitted only: the RatingSet names the title and the user, not the review
		awaitSent(reviewId.toString(), 1);
	}

	/**
	 * The outbox's bookkeeping takes no pooled connection of its own: Modulith marks each publication PROCESSING
	 * before the send and COMPLETED after Kafka's acknowledgement in transactions of their own that run no statement
	 * here (a first send's PROCESSING is not written, completions are batched). With every connection of the pool held,
	 * as by requests under load, both go through at once instead of waiting for the pool and failing after its timeout
	 * (which left the event to a resubmission and, on the producer's thread, held up every acknowledgement).
	 */
	@Test
	void theOutboxsBookkeepingGoesThroughWhileRequestsHoldEveryPooledConnection() throws Exception {
		String event = "published by the outbox's test " + run;
		PublicationTargetIdentifier target = PublicationTargetIdentifier.of("outbox-test-" + run);
		UUID publication = registry.store(event, Stream.of(target)).iterator().next().getIdentifier();
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				held.add(pool.getConnection());
			}
			assertThat(runsWithin(Duration.ofSeconds(2), () -> registry.markProcessing(event, target))).isTrue();
			assertThat(runsWithin(Duration.ofSeconds(2), () -> registry.markCompleted(event, target))).isTrue();
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select status from event_publication where id = ?")
				.param(publication)
				.query(String.class)
				.single(), "COMPLETED"::equals);
	}

	private static boolean runsWithin(Duration limit, Runnable step) throws Exception {
		CompletableFuture<Void> running = CompletableFuture.runAsync(step);
		try {
			running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

	/**
	 * A decision delivered again is dropped by its event id, even where moderation's ordering alone would let it
	 * apply again: decisions written before sequences existed (sequence 0) at the same time both apply, so without the
	 * event id the second copy of the rejection would undo the publication that came after it.
	 */
	@Test
	void aDecisionDeliveredAgainIsDroppedByItsEventIdEvenWhereItsOrderWouldLetItApply() {
		title("decided-2012-" + run);
		UUID reviewId = submit("decided-2012-" + run, "bob", "Solid drama.");
		Instant at = Instant.now();
		CloudEvent<ModerationDecided> rejected = CloudEvent.of("moderation", reviewId.toString(),
				new ModerationDecided(UUID.randomUUID(), reviewId, "decided-2012-" + run, "bob", 1,
						ReviewStatus.REJECTED, DecisionActor.AUTOMATIC, null, List.of(), at, 0));
		CloudEvent<ModerationDecided> published = CloudEvent.of("moderation", reviewId.toString(),
				new ModerationDecided(UUID.randomUUID(), reviewId, "decided-2012-" + run, "bob", 1,
						ReviewStatus.PUBLISHED, DecisionActor.MODERATOR, "mod", List.of(), at, 0));
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(), CODEC.encode(rejected));
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(), CODEC.encode(published));
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(), CODEC.encode(rejected));

		awaitStatus(reviewId, "bob", ReviewStatus.PUBLISHED);
		TopicProbe.awaitConsumed("review-intake.moderation-decisions", Topics.MODERATION_DECISIONS.name());
		assertThat(anonymous().get("/api/reviews/" + reviewId).json().get("status").asString())
			.isEqualTo("PUBLISHED");
		assertThat(count("select count(*) from processed_event where event_id in (?, ?)", rejected.id(),
				published.id())).isEqualTo(2);
		// the rating went with the rejection and came back with the publication, once each
		assertThat(count("select version from rating where title_id = ? and user_id = 'bob' and rating = 8",
				"decided-2012-" + run)).isEqualTo(3);
	}

	@Test
	void aRejectedUserReviewWithdrawsItsAuthorsRatingAndStaysVisibleToTheAuthorOnly() {
		title("rejected-2012-" + run);
		UUID reviewId = submit("rejected-2012-" + run, "carol", "Terrible words here.");
		decide(reviewId, "rejected-2012-" + run, "carol", ReviewStatus.REJECTED);

		ConsumerRecord<String, byte[]> withdrawn = probe.await(r -> r.topic().equals("reviews.ratings")
				&& r.key().equals("rejected-2012-" + run)
				&& ((RatingSet) EventContract.assertConforms(r.value()).data()).rating() == null);
		assertThat(EventContract.assertConforms(withdrawn.value()).data()).isInstanceOfSatisfying(RatingSet.class,
				set -> {
					assertThat(set.titleId()).isEqualTo("rejected-2012-" + run);
					assertThat(set.userId()).isEqualTo("carol");
				});
		assertThat(probe.readToEnd()
			.stream()
			.filter(r -> r.topic().equals("reviews.ratings") && r.key().equals("rejected-2012-" + run))
			.map(r -> ((RatingSet) EventContract.assertConforms(r.value()).data()).rating())
			.toList()).as("given with the review, withdrawn with its rejection").containsExactly(8, null);
		assertThat(as("carol", "USER").get("/api/reviews/" + reviewId).json().get("status").asString())
			.isEqualTo("REJECTED");
		assertThat(as("dave", "USER").get("/api/reviews/" + reviewId).status()).isEqualTo(404);
		assertThat(as("mod", "MODERATOR").get("/api/reviews/" + reviewId).status()).isEqualTo(200);
	}

	@Test
	void aMalformedDecisionGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
		title("dead-letter-2012-" + run);
		UUID reviewId = submit("dead-letter-2012-" + run, "erin", "Fine.");
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(),
				"{\"this is\": not a cloud event".getBytes(StandardCharsets.UTF_8));
		decide(reviewId, "dead-letter-2012-" + run, "erin", ReviewStatus.PUBLISHED);

		ConsumerRecord<String, byte[]> dead = probe
			.await(r -> r.topic().equals("reviews.moderation-decisions.DLT") && r.key().equals(reviewId.toString()));
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).startsWith("{\"this is\"");
		assertThat(TopicProbe.header(dead, "kafka_dlt-exception-stacktrace")).contains("Malformed record");
		assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo("reviews.moderation-decisions");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(anonymous().get("/api/reviews/" + reviewId).status()).isEqualTo(200));
	}

	/** Text that reads other than it is is refused; what scripts and emoji sequences need passes. */
	@Test
	void bidirectionalOverridesAndInvisibleCharactersAreRefusedWhileEmojiSequencesAndScriptJoinersPass() {
		title("bidi-2012-" + run);
		for (String hidden : List.of("\\u202Egnp.exe", "in\\u200Bvisible", "iso\\u2066late\\u2069", "bom\\uFEFF",
				"join\\u2060ed")) {
			Http.Response refused = as("bidi", "USER").post("/api/titles/bidi-2012-" + run + "/reviews", """
					{"rating":5,"headline":"%s","body":"ok"}""".formatted(hidden));
			assertThat(refused.status()).as(hidden).isEqualTo(400);
			assertThat(refused.isProblem()).isTrue();
		}
		// a family emoji (three people joined by U+200D) and Persian "mikhaham" with its zero-width non-joiner
		Http.Response accepted = as("bidi", "USER").post("/api/titles/bidi-2012-" + run + "/reviews", """
				{"rating":5,"headline":"Family night \\uD83D\\uDC69\\u200D\\uD83D\\uDC69\\u200D\\uD83D\\uDC67",
				 "body":"\\u0645\\u06CC\\u200C\\u062E\\u0648\\u0627\\u0647\\u0645"}""");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
	}

	@Test
	void theOpenApiDocumentDescribesTheEndpoints() {
		Http.Response docs = anonymous().get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/titles/{titleId}/reviews",
				"/api/reviews/{reviewId}", "/api/titles/{titleId}");
		// the schemas keep their names (a review is "Review", though the aggregate took the class name)
		assertThat(docs.json().at("/paths/~1api~1reviews~1{reviewId}/get/responses/200/content").toString())
			.contains("#/components/schemas/Review\"");
		assertThat(docs.json().get("components").get("schemas").propertyNames()).contains("Review", "PageReview",
				"Title", "Rating");
		assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	/** Anyone may ask whether the service is alive and ready; what it is made of and its metrics are for admins. */
	@Test
	void healthDetailsAndMetricsAreForAdmins() {
		Http.Response anonymousHealth = anonymous().get("/actuator/health");
		assertThat(anonymousHealth.status()).isEqualTo(200);
		assertThat(anonymousHealth.json().get("status").asString()).isEqualTo("UP");
		assertThat(anonymousHealth.json().has("components")).as(anonymousHealth.toString()).isFalse();
		assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(as("someone", "USER").get("/actuator/health").json().has("components")).isFalse();
		Http.Response adminHealth = as("operator", "ADMIN").get("/actuator/health");
		assertThat(adminHealth.json().at("/components/db/status").asString()).as(adminHealth.toString())
			.isEqualTo("UP");

		Http.Response anonymousMetrics = anonymous().raw("GET", "/actuator/prometheus", null, new byte[0]);
		assertThat(anonymousMetrics.status()).isEqualTo(401);
		assertThat(anonymousMetrics.isProblem()).isTrue();
		assertThat(as("someone", "USER").raw("GET", "/actuator/prometheus", null, new byte[0]).status())
			.isEqualTo(403);
		Http.Response adminMetrics = as("operator", "ADMIN").raw("GET", "/actuator/prometheus", null, new byte[0]);
		assertThat(adminMetrics.status()).isEqualTo(200);
		assertThat(adminMetrics.body()).contains("jvm_memory_used_bytes");
		// what docker/prometheus/alerts.yml and the dashboards read beyond the reviewflow meters, which local-stack's
		// AlertRulesTests finds in the sources
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(as("operator", "ADMIN").raw("GET", "/actuator/prometheus", null, new byte[0])
				.body()).contains("kafka_consumer_fetch_manager_records_lag_max{", "http_server_requests_seconds_bucket{",
						"reviewflow_outbox_backlog{", "reviewflow_outbox_oldest_age_seconds{"));
	}

	@Test
	void oneReviewPerAuthorPerTitle() {
		title("twice-2012-" + run);
		UUID first = submit("twice-2012-" + run, "frank", "First.");
		Http.Response second = as("frank", "USER").post("/api/titles/twice-2012-" + run + "/reviews", """
				{"rating":3,"headline":"Again","body":"Second."}""");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.isProblem()).isTrue();
		assertThat(second.json().get("reviewId").asString()).isEqualTo(first.toString());
	}

	@Test
	void badRequestsGetProblemDocumentsAndStoreNothing() {
		title("bad-input-2012-" + run);
		// this test's callers and title only: other tests' reviews are none of its business
		String mine = "select count(*) from review where title_id in ('bad-input-2012-" + run + "', 'no-such-title') "
				+ "or author_id in ('gina', 'roger', 'mod')";
		long before = count(mine);

		Http.Response anonymousPost = anonymous().post("/api/titles/bad-input-2012-" + run + "/reviews", "{}");
		assertThat(anonymousPost.status()).isEqualTo(401);
		assertThat(anonymousPost.isProblem()).isTrue();

		Http.Response badToken = Http.on(port).as("not-a-jwt").post("/api/titles/bad-input-2012-" + run + "/reviews", "{}");
		assertThat(badToken.status()).isEqualTo(401);

		Http.Response wrongRole = as("mod", "MODERATOR").post("/api/titles/bad-input-2012-" + run + "/reviews", "{}");
		assertThat(wrongRole.status()).isEqualTo(403);
		assertThat(wrongRole.isProblem()).isTrue();

		Http.Response invalid = as("gina", "USER").post("/api/titles/bad-input-2012-" + run + "/reviews", """
				{"rating":11,"headline":"","body":"ok"}""");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.isProblem()).isTrue();
		assertThat(invalid.json().get("errors").findValuesAsString("field")).contains("rating", "headline");

		Http.Response broken = as("gina", "USER").post("/api/titles/bad-input-2012-" + run + "/reviews", "{\"rating\":");
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.json().get("detail").asString()).contains("not valid JSON");

		Http.Response control = as("gina", "USER").post("/api/titles/bad-input-2012-" + run + "/reviews", """
				{"rating":5,"headline":"bell\\u0007","body":"ok"}""");
		assertThat(control.status()).isEqualTo(400);

		Http.Response unknownTitle = as("gina", "USER").post("/api/titles/no-such-title/reviews", """
				{"rating":5,"headline":"h","body":"b"}""");
		assertThat(unknownTitle.status()).isEqualTo(404);
		assertThat(unknownTitle.isProblem()).isTrue();

		Http.Response critic = Http.on(port).as(TOKENS.mint("roger", "CRITIC")).post(
				"/api/titles/bad-input-2012-" + run + "/reviews", """
						{"rating":5,"headline":"h","body":"b"}""");
		assertThat(critic.status()).isEqualTo(400);
		assertThat(critic.json().get("errors").findValuesAsString("field")).contains("verdict", "publication",
				"rating");

		assertThat(anonymous().get("/api/reviews/not-a-uuid").status()).isEqualTo(400);
		assertThat(count(mine)).isEqualTo(before);
	}

	@Test
	void moderationsPolicyLimitsReviewsPerAuthorWith429AndRetryAfter() {
		String prefix = "limited-" + UUID.randomUUID().toString().substring(0, 8);
		// an author of this run only: a database kept from another run must not count their reviews
		String author = "prolific-" + prefix;
		for (int i = 0; i < 3; i++) {
			title(prefix + "-" + i);
		}
		// versions above every one applied so far; the last one lifts the limit again
		int version = nextPolicyVersion();
		applyPolicy(version + 1, 2);
		try {
			submit(prefix + "-0", author, "One.");
			submit(prefix + "-1", author, "Two.");
			String retried = UUID.randomUUID().toString();
			String threeBody = """
					{"rating":5,"headline":"Three","body":"Three.","containsSpoilers":false}""";
			Http.Response third = as(author, "USER").send("POST", "/api/titles/" + prefix + "-2/reviews",
					threeBody, retried);
			assertThat(third.status()).isEqualTo(429);
			assertThat(third.isProblem()).isTrue();
			assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(3000L, 3600L);
			assertThat(count("select count(*) from review where author_id = ?", author)).isEqualTo(2);
			submit(prefix + "-2", "someone-else-" + prefix, "Others may still write.");

			// an older version arriving late (a replay of the compacted topic) changes nothing
			applyPolicy(version, 100_000);
			assertThat(as(author, "USER").post("/api/titles/" + prefix + "-2/reviews", """
					{"rating":5,"headline":"Three","body":"Three.","containsSpoilers":false}""").status())
				.isEqualTo(429);

			// the limit lifted, the same Idempotency-Key goes through: a 429 was not kept as the key's answer
			applyPolicy(version + 2, 100_000);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(as(author, "USER")
				.send("POST", "/api/titles/" + prefix + "-2/reviews", threeBody, retried).status()).isEqualTo(202));
		}
		finally {
			liftLimits();
		}
	}

	void applyPolicy(int version, int maxReviews) {
		applyPolicy(version, new ModerationPolicyChanged.RateLimit(maxReviews, 60), LIFTED, LIFTED, LIFTED);
	}
}
