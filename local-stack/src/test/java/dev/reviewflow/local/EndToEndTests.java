package dev.reviewflow.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.reviewflow.events.Topics;
import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * All three services, each as it runs in the local stack (own class loader, own configuration), against one broker
 * and one PostgreSQL, driven over HTTP as users drive them.
 */
@ExtendWith(RunningStack.class)
class EndToEndTests {

	static final DevelopmentTokens TOKENS = RunningStack.TOKENS;

	static final Path REPOSITORY = RunningStack.REPOSITORY;

	static Http intake;

	static Http moderation;

	static Http scoring;

	@BeforeAll
	static void services() throws Exception {
		intake = RunningStack.get().intake();
		moderation = RunningStack.get().moderation();
		scoring = RunningStack.get().scoring();
	}

	@AfterAll
	static void deadLettersForTheRecord() throws Exception {
		// what the dead-letter topics hold after these tests, for the record (the test output file)
		try (DeadLetters deadLetters = new DeadLetters(SharedInfrastructure.kafkaBootstrapServers())) {
			deadLetters.list().forEach((topic, records) -> System.out.printf("dead letters after the tests: %s %d %s%n",
					topic, records.size(), records.stream().map(record -> record.originalTopic() + " "
							+ record.exception() + (record.resentFrom() == null ? "" : " (sent back)")).toList()));
		}
	}

	/** The consistency check of {@code ./reviewflow check}, on this test's database and scoring instance. */
	static ConsistencyCheck.Result check() throws Exception {
		SharedInfrastructure.Database database = SharedInfrastructure.database();
		return new ConsistencyCheck(database.jdbcUrl(), database.username(), database.password(),
				java.net.URI.create("http://localhost:" + RunningStack.get().service(2).port()), 100)
			.run(Duration.ofSeconds(60));
	}

	/**
	 * 50 reviews, 60 voters each, 48 votes in flight at a time, some voters changing their mind: every review's
	 * figures, and every title's, are the same in all three services as the votes and ratings say.
	 */
	@Test
	void manyVotersAtOnceLeaveEveryFigureEqualInAllThreeServices() throws Exception {
		assertThat(intake.as(TOKENS.mint("admin", "ADMIN")).put("/api/titles/crowd-2012", """
				{"name":"Crowd","year":2012,"kind":"MOVIE"}""").status()).isIn(200, 201);
		List<String> reviews = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Http.Response posted = intake.as(TOKENS.mint("crowd-author-" + i, "USER"))
				.post("/api/titles/crowd-2012/reviews", """
						{"rating":%d,"headline":"Take %d","body":"Review number %d of the crowd, in its own words %s."}"""
					.formatted(1 + i % 10, i, i, UUID.randomUUID()));
			assertThat(posted.status()).as(posted.toString()).isEqualTo(202);
			reviews.add(posted.json().get("reviewId").asString());
		}
		for (String reviewId : reviews) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(intake.get("/api/reviews/" + reviewId).status()).isEqualTo(200));
		}
		java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(48);
		java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
		try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			for (int voter = 0; voter < 60; voter++) {
				Http as = moderation.as(TOKENS.mint("crowd-voter-" + voter, "USER"));
				int v = voter;
				for (int r = 0; r < reviews.size(); r++) {
					String reviewId = reviews.get(r);
					boolean changesMind = v % 10 == 0 && r < 5;
					executor.submit(() -> {
						inFlight.acquireUninterruptibly();
						try {
							String path = "/api/reviews/" + reviewId + "/vote";
							if (as.put(path, "{\"helpful\":" + (v % 4 != 0) + "}").status() == 202) {
								accepted.incrementAndGet();
							}
							if (changesMind && as.put(path, "{\"helpful\":true}").status() == 202) {
								accepted.incrementAndGet();
							}
						}
						finally {
							inFlight.release();
						}
					});
				}
			}
		}
		assertThat(accepted.get()).isEqualTo(50 * 60 + 5 * 6);

		ConsistencyCheck.Result result = check();
		assertThat(result.divergences()).isEmpty();
		assertThat(result.reviews()).isGreaterThanOrEqualTo(50);
		// voters 0, 4, 8, … said no (15 of 60); on the first five reviews 0, 20 and 40 changed their mind
		for (int r = 0; r < reviews.size(); r++) {
			Http.Response review = intake.get("/api/reviews/" + reviews.get(r));
			assertThat(review.json().get("helpfulVotes").asLong()).as(reviews.get(r)).isEqualTo(r < 5 ? 48 : 45);
			assertThat(review.json().get("totalVotes").asLong()).as(reviews.get(r)).isEqualTo(60);
		}
	}

	@Test
	void aReviewIsPublishedAndScoredWhileOneWithABannedTermIsRejectedAndNotScored() {
		Http admin = intake.as(TOKENS.mint("admin", "ADMIN"));
		assertThat(admin.put("/api/titles/e2e-2012", """
				{"name":"Won't Back Down","year":2012,"kind":"MOVIE"}""").status()).isEqualTo(201);

		Http alice = intake.as(TOKENS.mint("alice", "USER"));
		Http.Response accepted = alice.post("/api/titles/e2e-2012/reviews", """
				{"rating":8,"headline":"Moving","body":"Viola Davis is superb.","containsSpoilers":false}""");
		assertThat(accepted.status()).isEqualTo(202);
		String published = accepted.json().get("reviewId").asString();

		Http mallory = intake.as(TOKENS.mint("mallory", "USER"));
		Http.Response spam = mallory.post("/api/titles/e2e-2012/reviews", """
				{"rating":1,"headline":"Deal","body":"Buy followers cheap!","containsSpoilers":false}""");
		assertThat(spam.status()).isEqualTo(202);
		String rejected = spam.json().get("reviewId").asString();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response review = intake.get("/api/reviews/" + published);
			assertThat(review.status()).isEqualTo(200);
			assertThat(review.json().get("status").asString()).isEqualTo("PUBLISHED");
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response review = mallory.get("/api/reviews/" + rejected);
			assertThat(review.json().get("status").asString()).isEqualTo("REJECTED");
		});
		assertThat(intake.get("/api/reviews/" + rejected).status()).isEqualTo(404);
		// moderation decided by its own clock, seconds behind everyone else's: applied all the same
		java.time.Instant decidedAt = java.time.Instant.parse(moderation.as(TOKENS.mint("mod-1", "MODERATOR"))
			.get("/api/reviews/" + published + "/moderation").json().get("decisions").get(0).get("decidedAt")
			.asString());
		assertThat(decidedAt).isBefore(java.time.Instant.now().minusSeconds(4));

		// "1 of 2 people found this review helpful", from moderation's votes through scoring back to intake
		assertThat(moderation.as(TOKENS.mint("bob", "USER")).put("/api/reviews/" + published + "/vote",
				"{\"helpful\":true}").status()).isEqualTo(202);
		assertThat(moderation.as(TOKENS.mint("carol", "USER")).put("/api/reviews/" + published + "/vote",
				"{\"helpful\":false}").status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response review = intake.get("/api/reviews/" + published);
			assertThat(review.json().get("helpfulVotes").asLong()).isEqualTo(1);
			assertThat(review.json().get("totalVotes").asLong()).isEqualTo(2);
		});
		assertThat(scoring.get("/api/reviews/" + published + "/score").json().get("total").asLong()).isEqualTo(2);

		// the rejected review's rating was withdrawn: only alice's 8 counts
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response score = scoring.get("/api/titles/e2e-2012/score");
			assertThat(score.status()).isEqualTo(200);
			assertThat(score.json().get("userRating").get("count").asLong()).isEqualTo(1);
			assertThat(score.json().get("userRating").get("average").asDouble()).isEqualTo(8.0);
			assertThat(score.json().get("userRating").get("histogram").get(0).asLong()).isZero();
			assertThat(score.json().get("reviewCounts").get("user").asLong()).isEqualTo(1);
		});
	}

	/**
	 * A review's way through the three services is one trace: the trace of the request that submitted it goes with
	 * review-intake's event, moderation's decision and scoring's title score; a vote's, with moderation's vote event and
	 * scoring's review score.
	 */
	@Test
	void aReviewsWayThroughTheThreeServicesIsOneTrace() throws Exception {
		Http admin = intake.as(TOKENS.mint("admin", "ADMIN"));
		assertThat(admin.put("/api/titles/e2e-trace-2012", """
				{"name":"Traced","year":2012,"kind":"MOVIE"}""").status()).isEqualTo(201);
		String submitted = traceId();
		String voted = traceId();
		try (TopicProbe probe = TopicProbe.on(Topics.REVIEW_EVENTS.name(), Topics.MODERATION_DECISIONS.name(),
				Topics.TITLE_SCORES.name(), Topics.VOTES.name(), Topics.REVIEW_SCORES.name())) {
			java.net.http.HttpResponse<String> accepted = traced(submitted, "POST",
					RunningStack.get().service(0).port(), "/api/titles/e2e-trace-2012/reviews",
					TOKENS.mint("tracy", "USER"), """
							{"rating":9,"headline":"Traced","body":"Followed from end to end.","containsSpoilers":false}""");
			assertThat(accepted.statusCode()).isEqualTo(202);
			String review = tools.jackson.databind.json.JsonMapper.builder().build().readTree(accepted.body())
				.get("reviewId").asString();
			for (String topic : List.of(Topics.REVIEW_EVENTS.name(), Topics.MODERATION_DECISIONS.name(),
					Topics.TITLE_SCORES.name())) {
				inTrace(probe, submitted, record -> record.topic().equals(topic));
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> intake.get("/api/reviews/" + review).json().get("status").asString().equals("PUBLISHED"));

			assertThat(traced(voted, "PUT", RunningStack.get().service(1).port(), "/api/reviews/" + review + "/vote",
					TOKENS.mint("vic", "USER"), "{\"helpful\":true}").statusCode()).isEqualTo(202);
			for (String topic : List.of(Topics.VOTES.name(), Topics.REVIEW_SCORES.name())) {
				inTrace(probe, voted, record -> record.topic().equals(topic) && record.key().equals(review));
			}
		}
	}

	/** Waits for a record the condition picks in the trace {@code traceId}; says what the probe saw if none comes. */
	private static void inTrace(TopicProbe probe, String traceId,
			java.util.function.Predicate<ConsumerRecord<String, byte[]>> condition) {
		try {
			// in the trace, and in a span of the service's own: not the client's header passed on as it came
			String clientSpan = traceId.substring(0, 16);
			probe.await(record -> condition.test(record) && traceId.equals(traceIdOf(record))
					&& !TopicProbe.header(record, "traceparent").split("-")[2].equals(clientSpan));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("no record in trace " + traceId + " among "
					+ probe.seen().stream().map(record -> record.topic() + " " + record.key() + " "
							+ TopicProbe.header(record, "traceparent")).toList(), ex);
		}
	}

	/** A new W3C trace id. */
	private static String traceId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** The trace id of a record's {@code traceparent} header; null without one. */
	private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
		String traceparent = TopicProbe.header(record, "traceparent");
		return traceparent == null ? null : traceparent.split("-")[1];
	}

	/** A request made in the trace {@code traceId}, as a traced client (or a gateway) makes it. */
	private static java.net.http.HttpResponse<String> traced(String traceId, String method, int port, String path,
			String token, String json) throws Exception {
		try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
			return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
				.method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		}
	}

	/**
	 * The whole moderation story, with every service following: a review posted and found helpful, reported three
	 * times and hidden, claimed and removed, appealed and restored.
	 */
	@Test
	void aReportedReviewIsHiddenRemovedAppealedAndRestoredWhileScoresFollowEachStep() {
		String title = "e2e-story";
		assertThat(intake.as(TOKENS.mint("admin", "ADMIN")).put("/api/titles/" + title, """
				{"name":"The Story","year":2024,"kind":"MOVIE"}""").status()).isEqualTo(201);
		Http dana = intake.as(TOKENS.mint("dana", "USER"));
		String reviewId = dana.post("/api/titles/" + title + "/reviews", """
				{"rating":9,"headline":"Gripping","body":"Tense from start to finish.","containsSpoilers":false}""")
			.json().get("reviewId").asString();
		assertThat(intake.as(TOKENS.mint("erin", "USER")).put("/api/titles/" + title + "/rating", "{\"rating\":5}")
			.status()).isEqualTo(202);
		awaitStatus(dana, reviewId, "PUBLISHED");
		for (String voter : List.of("v1", "v2", "v3")) {
			assertThat(moderation.as(TOKENS.mint(voter, "USER")).put("/api/reviews/" + reviewId + "/vote",
					"{\"helpful\":" + !voter.equals("v3") + "}").status()).isEqualTo(202);
		}
		awaitScores(dana, reviewId, title, 2, 7.0, 1);

		// three reports: the review is hidden, out of the title's review count, its rating still counted
		for (String reporter : List.of("r1", "r2", "r3")) {
			assertThat(moderation.as(TOKENS.mint(reporter, "USER")).post("/api/reviews/" + reviewId + "/reports",
					"{\"reason\":\"SPOILER\"}").status()).isEqualTo(202);
		}
		awaitStatus(dana, reviewId, "HIDDEN");
		assertThat(intake.get("/api/reviews/" + reviewId).status()).isEqualTo(404);
		awaitScores(dana, reviewId, title, 2, 7.0, 0);

		// a moderator claims the case and removes the review: its rating goes with it
		Http mod = moderation.as(TOKENS.mint("mod-1", "MODERATOR"));
		String caseId = mod.get("/api/moderation/cases?status=OPEN&kind=REPORTED&size=100").json().get("items")
			.valueStream()
			.filter(item -> item.get("reviewId").asString().equals(reviewId))
			.findFirst()
			.orElseThrow()
			.get("caseId")
			.asString();
		assertThat(mod.post("/api/moderation/cases/" + caseId + "/claim", "").status()).isEqualTo(200);
		assertThat(mod.post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"spoils the ending\"}").status()).isEqualTo(200);
		awaitStatus(dana, reviewId, "REMOVED");
		awaitScores(dana, reviewId, title, 1, 5.0, 0);

		// the author appeals; another moderator keeps the review: published again, rating and counts back
		Http.Response appeal = moderation.as(TOKENS.mint("dana", "USER")).post("/api/reviews/" + reviewId + "/appeal",
				"{\"statement\":\"I flagged the spoiler myself.\"}");
		assertThat(appeal.status()).as(appeal.toString()).isEqualTo(202);
		assertThat(moderation.as(TOKENS.mint("mod-2", "MODERATOR")).post("/api/moderation/cases/"
				+ appeal.json().get("caseId").asString() + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"spoiler was marked\"}").status()).isEqualTo(200);
		awaitStatus(dana, reviewId, "PUBLISHED");
		awaitScores(dana, reviewId, title, 2, 7.0, 1);
		Http.Response restored = intake.get("/api/reviews/" + reviewId);
		assertThat(restored.json().get("helpfulVotes").asLong()).isEqualTo(2);
		assertThat(restored.json().get("totalVotes").asLong()).isEqualTo(3);
		assertThat(moderation.as(TOKENS.mint("r1", "USER")).get("/api/me/reports").json().get("items").get(0)
			.get("outcome").asString()).isEqualTo("DISMISSED");
	}

	/**
	 * Every record the services wrote about one title and its reviews delivered a second time, to every consumer:
	 * once each consumer has consumed the copies, no figure has moved, nothing was published in reaction, and the
	 * consistency check finds nothing.
	 */
	@Test
	void everyEventDeliveredTwiceToEveryConsumerChangesNothing() throws Exception {
		String title = "e2e-twice";
		assertThat(intake.as(TOKENS.mint("admin", "ADMIN")).put("/api/titles/" + title, """
				{"name":"Twice","year":2020,"kind":"MOVIE"}""").status()).isEqualTo(201);
		Http gus = intake.as(TOKENS.mint("gus", "USER"));
		String kept = gus.post("/api/titles/" + title + "/reviews", """
				{"rating":7,"headline":"Twice as good","body":"Worth a second look."}""").json().get("reviewId")
			.asString();
		Http spammer = intake.as(TOKENS.mint("spammer", "USER"));
		String rejected = spammer.post("/api/titles/" + title + "/reviews", """
				{"rating":2,"headline":"Deal","body":"Buy followers here."}""").json().get("reviewId").asString();
		assertThat(intake.as(TOKENS.mint("hal", "USER")).put("/api/titles/" + title + "/rating", "{\"rating\":4}")
			.status()).isEqualTo(202);
		awaitStatus(gus, kept, "PUBLISHED");
		awaitStatus(spammer, rejected, "REJECTED");
		for (String voter : List.of("w1", "w2", "w3")) {
			Http as = moderation.as(TOKENS.mint(voter, "USER"));
			assertThat(as.put("/api/reviews/" + kept + "/vote", "{\"helpful\":false}").status()).isEqualTo(202);
			if (!voter.equals("w3")) {
				assertThat(as.put("/api/reviews/" + kept + "/vote", "{\"helpful\":true}").status()).isEqualTo(202);
			}
		}
		assertThat(moderation.as(TOKENS.mint("w4", "USER")).post("/api/reviews/" + kept + "/reports",
				"{\"reason\":\"SPOILER\"}").status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(intake.get("/api/reviews/" + kept).json().get("helpfulVotes").asLong()).isEqualTo(2);
			assertThat(intake.get("/api/reviews/" + kept).json().get("totalVotes").asLong()).isEqualTo(3);
			assertThat(scoring.get("/api/titles/" + title + "/score").json().get("userRating").get("count").asLong())
				.isEqualTo(2);
		});

		Set<String> keys = Set.of(title, kept, rejected);
		List<String> topics = List.of(Topics.REVIEW_EVENTS.name(), Topics.RATINGS.name(), Topics.VOTES.name(),
				Topics.REPORTS.name(), Topics.MODERATION_DECISIONS.name(), Topics.REVIEW_SCORES.name());
		awaitEveryConsumer();
		Map<String, String> before = figures(title, kept, rejected);
		try (TopicProbe probe = TopicProbe.on(topics.toArray(String[]::new));
				TopicProbe titleScores = TopicProbe.on(Topics.TITLE_SCORES.name())) {
			List<ConsumerRecord<String, byte[]>> originals = probe.readToEnd().stream()
				.filter(record -> keys.contains(record.key()))
				.toList();
			assertThat(originals).extracting(ConsumerRecord::topic).containsAll(topics);
			int titleScoresBefore = scoresOf(titleScores.readToEnd(), title).size();
			originals.forEach(record -> probe.send(record.topic(), record.key(), record.value()));
			awaitEveryConsumer();

			List<ConsumerRecord<String, byte[]>> after = probe.readToEnd().stream()
				.filter(record -> keys.contains(record.key()))
				.toList();
			assertThat(after).as("the copies, and nothing published in reaction to them").hasSize(2 * originals.size());
			// scoring may publish the title again only because C moved its weighted rating, never for a copy
			List<dev.reviewflow.events.TitleScoreChanged> scores = scoresOf(titleScores.readToEnd(), title);
			for (int i = Math.max(titleScoresBefore, 1); i < scores.size(); i++) {
				assertThat(scores.get(i).userRating().weighted()).as("title score %d, published after the copies", i)
					.isNotEqualTo(scores.get(i - 1).userRating().weighted());
			}
		}
		assertThat(figures(title, kept, rejected)).isEqualTo(before);
		assertThat(check().divergences()).isEmpty();
	}

	/**
	 * {@code ./reviewflow dlt}: a record scoring cannot read is listed with where it came from and why it failed; sent
	 * back, it reaches its source partition unchanged, fails again and is listed a second time, naming the first.
	 */
	@Test
	void aDeadLetterIsListedWithItsFailureAndCanBeSentBackToWhereItCameFrom() throws Exception {
		String key = "dead-" + UUID.randomUUID();
		byte[] poison = "{\"specversion\":\"1.0\", not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		org.apache.kafka.clients.producer.RecordMetadata written;
		try (TopicProbe probe = TopicProbe.on(Topics.VOTES.name())) {
			written = probe.write(Topics.VOTES.name(), key, poison);
		}
		try (DeadLetters deadLetters = new DeadLetters(SharedInfrastructure.kafkaBootstrapServers())) {
			DeadLetters.DeadLetter first = await().atMost(Duration.ofSeconds(60))
				.until(() -> deadLetter(deadLetters, key, null), java.util.Objects::nonNull);
			assertThat(first.topic()).isEqualTo(Topics.VOTES.deadLetterTopic());
			assertThat(TopicProbe.header(first.record(), "kafka_dlt-original-topic")).isEqualTo(Topics.VOTES.name());
			assertThat(first.originalTopic()).isEqualTo(Topics.VOTES.name());
			assertThat(first.originalPartition()).isEqualTo(written.partition());
			assertThat(first.originalOffset()).isEqualTo(written.offset());
			assertThat(first.eventType()).isNull();
			assertThat(first.exception()).isNotBlank();
			assertThat(first.describe()).contains("from reviews.votes " + first.originalPartition() + ":")
				.contains("not a readable CloudEvent")
				.contains("failed: ");

			List<DeadLetters.Resent> resent = deadLetters.resend(first.topic(),
					record -> record.coordinates().equals(first.coordinates()));
			assertThat(resent).singleElement().satisfies(sent -> {
				assertThat(sent.topic()).isEqualTo(Topics.VOTES.name());
				assertThat(sent.partition()).isEqualTo(written.partition());
				assertThat(sent.offset()).isGreaterThan(written.offset());
			});
			DeadLetters.DeadLetter again = await().atMost(Duration.ofSeconds(60))
				.until(() -> deadLetter(deadLetters, key, first.coordinates()), java.util.Objects::nonNull);
			assertThat(again.originalOffset()).isEqualTo(resent.getFirst().offset());
			assertThat(again.record().value()).isEqualTo(poison);
			assertThat(again.describe()).contains("was sent back from " + first.coordinates());
			assertThatThrownBy(() -> deadLetters.resend(Topics.VOTES.name(), record -> true))
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	static DeadLetters.@org.jspecify.annotations.Nullable DeadLetter deadLetter(DeadLetters deadLetters, String key,
			@org.jspecify.annotations.Nullable String resentFrom) throws Exception {
		return deadLetters.list().get(Topics.VOTES.deadLetterTopic()).stream()
			.filter(record -> key.equals(record.key()) && java.util.Objects.equals(resentFrom, record.resentFrom()))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Waits until every consumer of the services has consumed everything written so far, in the order events flow:
	 * moderation, then scoring (its inputs, its repartition topics and its own title scores), then review-intake,
	 * with both outboxes emptied between, so a reaction to what was consumed is published and consumed too.
	 */
	static void awaitEveryConsumer() throws Exception {
		TopicProbe.awaitConsumed("moderation.review-events", Topics.REVIEW_EVENTS.name());
		awaitOutboxesEmpty();
		for (String topic : List.of(Topics.REVIEW_EVENTS.name(), Topics.RATINGS.name(), Topics.VOTES.name(),
				Topics.MODERATION_DECISIONS.name(), "scoring-title-review-changes-repartition",
				"scoring-all-ratings-repartition", Topics.TITLE_SCORES.name())) {
			TopicProbe.awaitConsumed("scoring", topic);
		}
		TopicProbe.awaitConsumed("review-intake.moderation-decisions", Topics.MODERATION_DECISIONS.name());
		TopicProbe.awaitConsumed("review-intake.review-scores", Topics.REVIEW_SCORES.name());
		awaitOutboxesEmpty();
	}

	/** Waits until review-intake and moderation have published every event they have recorded. */
	static void awaitOutboxesEmpty() {
		SharedInfrastructure.Database database = SharedInfrastructure.database();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				BrokerOutageTests.outstanding(database, "intake") + BrokerOutageTests.outstanding(database, "moderation"))
			.isZero());
	}

	/** The title's scores as published, in order. */
	static List<dev.reviewflow.events.TitleScoreChanged> scoresOf(List<ConsumerRecord<String, byte[]>> records,
			String titleId) {
		dev.reviewflow.events.CloudEventCodec codec = new dev.reviewflow.events.CloudEventCodec();
		return records.stream()
			.filter(record -> titleId.equals(record.key()))
			.map(record -> codec.decode(record.value()).data())
			.filter(dev.reviewflow.events.TitleScoreChanged.class::isInstance)
			.map(dev.reviewflow.events.TitleScoreChanged.class::cast)
			.toList();
	}

	/** What people read about the title and its reviews, in all three services (versions left out). */
	static Map<String, String> figures(String title, String... reviewIds) {
		Map<String, String> figures = new java.util.TreeMap<>();
		var score = (tools.jackson.databind.node.ObjectNode) scoring.get("/api/titles/" + title + "/score").json();
		score.remove("version");
		figures.put("scoring " + title, score.toString());
		Http admin = intake.as(TOKENS.mint("admin", "ADMIN"));
		for (String reviewId : reviewIds) {
			figures.put("intake " + reviewId, admin.get("/api/reviews/" + reviewId).body());
			figures.put("scoring " + reviewId, scoring.get("/api/reviews/" + reviewId + "/score").body());
			Http moderator = moderation.as(TOKENS.mint("mod-1", "MODERATOR"));
			figures.put("moderation " + reviewId, moderator.get("/api/reviews/" + reviewId + "/moderation").body());
			figures.put("audit " + reviewId, moderator.get("/api/moderation/audit?reviewId=" + reviewId).body());
		}
		return figures;
	}

	static void awaitStatus(Http author, String reviewId, String status) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(
				() -> assertThat(author.get("/api/reviews/" + reviewId).json().get("status").asString()).isEqualTo(status));
	}

	/** Waits until the title's ratings and published user reviews, and the review's helpfulness, read as given. */
	static void awaitScores(Http author, String reviewId, String title, long ratings, double average, long reviews) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			var score = scoring.get("/api/titles/" + title + "/score").json();
			assertThat(score.get("userRating").get("count").asLong()).isEqualTo(ratings);
			assertThat(score.get("userRating").get("average").asDouble()).isEqualTo(average);
			assertThat(score.get("reviewCounts").get("user").asLong()).isEqualTo(reviews);
			var review = author.get("/api/reviews/" + reviewId).json();
			assertThat(review.get("helpfulVotes").asLong()).isEqualTo(2);
			assertThat(review.get("totalVotes").asLong()).isEqualTo(3);
		});
	}
}
