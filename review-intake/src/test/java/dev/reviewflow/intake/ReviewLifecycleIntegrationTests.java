package dev.reviewflow.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Editing, deleting, rating without a review, listing, helpfulness figures and Idempotency-Key, end to end. */
class ReviewLifecycleIntegrationTests extends IntakeIntegrationTest {

	@Autowired
	DataSource dataSource;

	<T> T published(Class<T> type, java.util.function.Predicate<T> match) {
		return type.cast(EventContract.assertConforms(probe.await(r -> {
			if (r.topic().endsWith(".DLT")) {
				return false;
			}
			Object data = EventContract.assertConforms(r.value()).data();
			return type.isInstance(data) && match.test(type.cast(data));
		}).value()).data());
	}

	@Test
	void anEditGoesBackThroughModerationWithTheNewTextAndRating() {
		title("edited-2012-" + run);
		UUID reviewId = submit("edited-2012-" + run, "ed", 6, "First take.");
		decide(reviewId, "edited-2012-" + run, "ed", 1, ReviewStatus.PUBLISHED);
		awaitStatus(reviewId, "ed", ReviewStatus.PUBLISHED);

		Http.Response edit = as("ed", "USER").patch("/api/reviews/" + reviewId, """
				{"rating":9,"body":"On reflection, a masterpiece."}""");
		assertThat(edit.status()).as(edit.toString()).isEqualTo(202);
		assertThat(edit.json().get("status").asString()).isEqualTo("PENDING");

		ReviewEdited edited = published(ReviewEdited.class, e -> e.reviewId().equals(reviewId));
		assertThat(edited.revision()).isEqualTo(2);
		assertThat(edited.rating()).isEqualTo(9);
		assertThat(edited.body()).isEqualTo("On reflection, a masterpiece.");
		assertThat(edited.headline()).isEqualTo("Headline");
		RatingSet rerated = published(RatingSet.class,
				r -> r.titleId().equals("edited-2012-" + run) && Integer.valueOf(9).equals(r.rating()));
		assertThat(rerated.userId()).isEqualTo("ed");

		// pending again: only its author sees it; a decision about the old revision changes nothing
		assertThat(anonymous().get("/api/reviews/" + reviewId).status()).isEqualTo(404);
		decide(reviewId, "edited-2012-" + run, "ed", 1, ReviewStatus.REMOVED);
		TopicProbe.awaitConsumed("review-intake.moderation-decisions", Topics.MODERATION_DECISIONS.name());
		Http.Response stillPending = as("ed", "USER").get("/api/reviews/" + reviewId);
		assertThat(stillPending.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(stillPending.json().get("rating").asInt()).isEqualTo(9);
		assertThat(as("ed", "USER").get("/api/titles/edited-2012-" + run + "/rating").json().get("rating").asInt())
			.isEqualTo(9);
		decide(reviewId, "edited-2012-" + run, "ed", 2, ReviewStatus.PUBLISHED);
		awaitStatus(reviewId, "ed", ReviewStatus.PUBLISHED);
		Http.Response review = anonymous().get("/api/reviews/" + reviewId);
		assertThat(review.json().get("rating").asInt()).isEqualTo(9);
		assertThat(review.json().get("editedAt").isNull()).isFalse();
		assertThat(as("ed", "USER").get("/api/titles/edited-2012-" + run + "/rating").json().get("rating").asInt()).isEqualTo(9);
	}

	/**
	 * Moderation's clock an hour behind ours, its decisions arriving out of order and twice: the decision with the
	 * highest sequence stands, and the rating it withdraws is withdrawn once.
	 */
	@Test
	void decisionsApplyByModerationsSequenceWhateverTheClocksAndTheOrderOfArrival() {
		title("skewed-2012-" + run);
		UUID reviewId = submit("skewed-2012-" + run, "skew", 4, "Clocks differ.");
		Instant behind = Instant.now().minus(Duration.ofHours(1));
		CloudEvent<ModerationDecided> removed = decide(reviewId, "skewed-2012-" + run, "skew", 1, ReviewStatus.REMOVED, 3,
				behind);
		decide(reviewId, "skewed-2012-" + run, "skew", 1, ReviewStatus.PUBLISHED, 2, Instant.now().plus(Duration.ofHours(1)));
		probe.send(Topics.MODERATION_DECISIONS.name(), reviewId.toString(), CODEC.encode(removed));
		decide(reviewId, "skewed-2012-" + run, "skew", 1, ReviewStatus.HIDDEN, 1, behind.minusSeconds(5));

		awaitStatus(reviewId, "skew", ReviewStatus.REMOVED);
		TopicProbe.awaitConsumed("review-intake.moderation-decisions", Topics.MODERATION_DECISIONS.name());
		assertThat(as("skew", "USER").get("/api/reviews/" + reviewId).json().get("status").asString())
			.isEqualTo("REMOVED");
		assertThat(as("skew", "USER").get("/api/titles/skewed-2012-" + run + "/rating").status()).isEqualTo(404);
		// ReviewSubmitted, the rating given with it and the rating the removal withdrew, each once
		awaitSent("skewed-2012-" + run, 3);
		assertThat(probe.readToEnd()
			.stream()
			.filter(r -> r.topic().equals(Topics.RATINGS.name()) && r.key().equals("skewed-2012-" + run))
			.map(r -> (RatingSet) EventContract.assertConforms(r.value()).data())
			.map(RatingSet::rating)
			.toList()).containsExactly(4, null);
	}

	@Test
	void onlyTheAuthorEditsOrDeletesAndOthersLearnNothingOfUnpublishedReviews() {
		title("owned-2012-" + run);
		UUID pending = submit("owned-2012-" + run, "owner", "Pending one.");
		assertThat(as("other", "USER").patch("/api/reviews/" + pending, "{\"body\":\"mine now\"}").status())
			.isEqualTo(404);
		assertThat(as("other", "USER").delete("/api/reviews/" + pending).status()).isEqualTo(404);

		decide(pending, "owned-2012-" + run, "owner", 1, ReviewStatus.PUBLISHED);
		awaitStatus(pending, "owner", ReviewStatus.PUBLISHED);
		Http.Response forbidden = as("other", "USER").patch("/api/reviews/" + pending, "{\"body\":\"mine now\"}");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.isProblem()).isTrue();
		assertThat(as("other", "USER").delete("/api/reviews/" + pending).status()).isEqualTo(403);
		assertThat(anonymous().patch("/api/reviews/" + pending, "{\"body\":\"x\"}").status()).isEqualTo(401);

		Http.Response wrongField = as("owner", "USER").patch("/api/reviews/" + pending, """
				{"verdict":"FRESH"}""");
		assertThat(wrongField.status()).isEqualTo(400);
		assertThat(wrongField.json().get("errors").findValuesAsString("field")).containsExactly("verdict");
	}

	@Test
	void aRemovedReviewCannotBeEdited() {
		title("removed-2012-" + run);
		UUID reviewId = submit("removed-2012-" + run, "rem", "Text.");
		decide(reviewId, "removed-2012-" + run, "rem", 1, ReviewStatus.REMOVED);
		awaitStatus(reviewId, "rem", ReviewStatus.REMOVED);
		Http.Response edit = as("rem", "USER").patch("/api/reviews/" + reviewId, "{\"body\":\"new\"}");
		assertThat(edit.status()).isEqualTo(409);
		assertThat(edit.json().get("detail").asString()).contains("appeal");
	}

	@Test
	void aDeletedReviewIsGoneForOthersKeepsTheRatingAndFreesTheTitleForANewReview() {
		title("deleted-2012-" + run);
		UUID reviewId = submit("deleted-2012-" + run, "del", 7, "Soon gone.");
		decide(reviewId, "deleted-2012-" + run, "del", 1, ReviewStatus.PUBLISHED);
		awaitStatus(reviewId, "del", ReviewStatus.PUBLISHED);

		assertThat(as("del", "USER").delete("/api/reviews/" + reviewId).status()).isEqualTo(204);
		assertThat(as("del", "USER").delete("/api/reviews/" + reviewId).status()).isEqualTo(204);
		assertThat(published(ReviewDeleted.class, d -> d.reviewId().equals(reviewId)).authorId()).isEqualTo("del");
		// the second DELETE published nothing: ReviewSubmitted and one ReviewDeleted, both sent
		awaitSent(reviewId.toString(), 2);
		assertThat(probe.readToEnd()
			.stream()
			.filter(r -> r.topic().equals(Topics.REVIEW_EVENTS.name()) && r.key().equals(reviewId.toString()))
			.map(r -> EventContract.assertConforms(r.value()).data())
			.filter(ReviewDeleted.class::isInstance)
			.toList()).hasSize(1);
		assertThat(anonymous().get("/api/reviews/" + reviewId).status()).isEqualTo(404);
		assertThat(as("del", "USER").get("/api/reviews/" + reviewId).json().get("status").asString())
			.isEqualTo("DELETED");
		assertThat(as("del", "USER").get("/api/titles/deleted-2012-" + run + "/rating").json().get("rating").asInt()).isEqualTo(7);
		assertThat(as("del", "USER").patch("/api/reviews/" + reviewId, "{\"body\":\"back\"}").status()).isEqualTo(409);
		submit("deleted-2012-" + run, "del", 5, "A fresh start.");
	}

	@Test
	void ratingsWithoutAReviewLatestWinsAndCanBeWithdrawn() {
		title("rated-2012-" + run);
		Http rater = as("rater", "USER");
		assertThat(rater.get("/api/titles/rated-2012-" + run + "/rating").status()).isEqualTo(404);
		assertThat(rater.put("/api/titles/rated-2012-" + run + "/rating", "{\"rating\":4}").status()).isEqualTo(202);
		Http.Response second = rater.put("/api/titles/rated-2012-" + run + "/rating", "{\"rating\":9}");
		assertThat(second.status()).isEqualTo(202);
		assertThat(second.json().get("rating").asInt()).isEqualTo(9);
		assertThat(rater.get("/api/titles/rated-2012-" + run + "/rating").json().get("rating").asInt()).isEqualTo(9);
		assertThat(published(RatingSet.class,
				r -> r.titleId().equals("rated-2012-" + run) && Integer.valueOf(9).equals(r.rating()))
			.userId()).isEqualTo("rater");

		assertThat(rater.delete("/api/titles/rated-2012-" + run + "/rating").status()).isEqualTo(202);
		assertThat(rater.get("/api/titles/rated-2012-" + run + "/rating").status()).isEqualTo(404);
		assertThat(published(RatingSet.class, r -> r.titleId().equals("rated-2012-" + run) && r.rating() == null)
			.userId()).isEqualTo("rater");

		assertThat(rater.put("/api/titles/no-such-title/rating", "{\"rating\":4}").status()).isEqualTo(404);
		assertThat(rater.put("/api/titles/rated-2012-" + run + "/rating", "{\"rating\":0}").status()).isEqualTo(400);
		assertThat(as("critic", "CRITIC").put("/api/titles/rated-2012-" + run + "/rating", "{\"rating\":4}").status())
			.isEqualTo(403);
		assertThat(anonymous().get("/api/titles/rated-2012-" + run + "/rating").status()).isEqualTo(401);
	}

	@Test
	void aUserReviewsRatingIsTheUsersRating() {
		title("carried-2012-" + run);
		UUID reviewId = submit("carried-2012-" + run, "carrier", 6, "Okay.");
		Http carrier = as("carrier", "USER");
		assertThat(carrier.put("/api/titles/carried-2012-" + run + "/rating", "{\"rating\":8}").status()).isEqualTo(202);
		assertThat(carrier.get("/api/reviews/" + reviewId).json().get("rating").asInt()).isEqualTo(8);
		Http.Response withdraw = carrier.delete("/api/titles/carried-2012-" + run + "/rating");
		assertThat(withdraw.status()).isEqualTo(409);
		assertThat(withdraw.isProblem()).isTrue();
	}

	@Test
	void helpfulnessFiguresFollowTheLatestScoreOnly() {
		title("helpful-2012-" + run);
		UUID reviewId = submit("helpful-2012-" + run, "helper", "Useful.");
		decide(reviewId, "helpful-2012-" + run, "helper", 1, ReviewStatus.PUBLISHED);
		awaitStatus(reviewId, "helper", ReviewStatus.PUBLISHED);

		// the newer version carries the older vote time: versions order scores, times do not
		Instant now = Instant.now();
		sendScore(new ReviewScoreChanged(reviewId, 46, 11, 57, 0.687, now.minusSeconds(60), 57));
		sendScore(new ReviewScoreChanged(reviewId, 46, 11, 57, 0.687, now.minusSeconds(60), 57));
		sendScore(new ReviewScoreChanged(reviewId, 3, 1, 4, 0.3, now, 4));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response review = anonymous().get("/api/reviews/" + reviewId);
			assertThat(review.json().get("helpfulVotes").asLong()).isEqualTo(46);
			assertThat(review.json().get("totalVotes").asLong()).isEqualTo(57);
		});
		TopicProbe.awaitConsumed("review-intake.review-scores", Topics.REVIEW_SCORES.name());
		assertThat(count("select count(*) from review where review_id = ? and total_votes = 57", reviewId)).isOne();
	}

	/** Scores come in batches: an unreadable one is dead-lettered, those before and after it in its batch are kept. */
	@Test
	void anUnreadableScoreIsDeadLetteredAndTheScoresAroundItAreApplied() {
		title("unreadable-2012-" + run);
		UUID before = submit("unreadable-2012-" + run, "u1", "Before.");
		UUID after = submit("unreadable-2012-" + run, "u2", "After.");
		decide(before, "unreadable-2012-" + run, "u1", 1, ReviewStatus.PUBLISHED);
		decide(after, "unreadable-2012-" + run, "u2", 1, ReviewStatus.PUBLISHED);
		awaitStatus(before, "u1", ReviewStatus.PUBLISHED);
		awaitStatus(after, "u2", ReviewStatus.PUBLISHED);

		Instant now = Instant.now();
		sendScore(new ReviewScoreChanged(before, 2, 1, 3, 0.2, now, 3));
		sendScore(new ReviewScoreChanged(before, 1, 1, 2, 0.1, now, 2));
		probe.send(Topics.REVIEW_SCORES.name(), after.toString(), "{\"not\": a score".getBytes(StandardCharsets.UTF_8));
		sendScore(new ReviewScoreChanged(after, 4, 0, 4, 0.5, now, 4));

		ConsumerRecord<String, byte[]> dead = probe
			.await(r -> r.topic().equals("reviews.review-scores.DLT") && r.key().equals(after.toString()));
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).startsWith("{\"not\"");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(anonymous().get("/api/reviews/" + before).json().get("totalVotes").asLong()).isEqualTo(3);
			assertThat(anonymous().get("/api/reviews/" + after).json().get("totalVotes").asLong()).isEqualTo(4);
		});
	}

	@Test
	void reviewsAreListedPublishedOnlyByHelpfulnessNewestOrRating() {
		title("listed-2012-" + run);
		UUID low = submit("listed-2012-" + run, "l1", 3, "Low.");
		UUID high = submit("listed-2012-" + run, "l2", 9, "High.");
		UUID pending = submit("listed-2012-" + run, "l3", 5, "Pending.");
		for (UUID id : List.of(low, high)) {
			decide(id, "listed-2012-" + run, id.equals(low) ? "l1" : "l2", 1, ReviewStatus.PUBLISHED);
		}
		awaitStatus(low, "l1", ReviewStatus.PUBLISHED);
		awaitStatus(high, "l2", ReviewStatus.PUBLISHED);
		Instant now = Instant.now();
		sendScore(new ReviewScoreChanged(low, 46, 11, 57, 0.687, now, 57));
		sendScore(new ReviewScoreChanged(high, 1, 0, 1, 0.2065, now, 1));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from review where review_id = ? and total_votes = 1", high) == 1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from review where review_id = ? and total_votes = 57", low) == 1);

		Http.Response helpful = anonymous().get("/api/titles/listed-2012-" + run + "/reviews?sort=helpful");
		assertThat(helpful.status()).isEqualTo(200);
		assertThat(helpful.json().get("totalItems").asLong()).isEqualTo(2);
		assertThat(helpful.json().get("items").findValuesAsString("reviewId")).containsExactly(low.toString(),
				high.toString());
		assertThat(anonymous().get("/api/titles/listed-2012-" + run + "/reviews?sort=rating").json().get("items")
			.findValuesAsString("reviewId")).containsExactly(high.toString(), low.toString());
		assertThat(anonymous().get("/api/titles/listed-2012-" + run + "/reviews?sort=newest").json().get("items")
			.findValuesAsString("reviewId")).containsExactly(high.toString(), low.toString());
		Http.Response page = anonymous().get("/api/titles/listed-2012-" + run + "/reviews?sort=helpful&page=1&size=1");
		assertThat(page.json().get("items").findValuesAsString("reviewId")).containsExactly(high.toString());
		assertThat(page.json().get("page").asInt()).isEqualTo(1);
		assertThat(page.json().get("size").asInt()).isEqualTo(1);
		assertThat(anonymous().get("/api/titles/listed-2012-" + run + "/reviews?type=CRITIC").json().get("totalItems").asLong())
			.isZero();
		assertThat(helpful.body()).doesNotContain(pending.toString());
		assertThat(anonymous().get("/api/titles/listed-2012-" + run + "/reviews?sort=best").status()).isEqualTo(400);
		assertThat(anonymous().get("/api/titles/listed-2012-" + run + "/reviews?type=FAN").status()).isEqualTo(400);
		assertThat(anonymous().get("/api/titles/unlisted-2012-" + run + "/reviews").status()).isEqualTo(404);
	}

	@Test
	void anIdempotencyKeyReplaysTheFirstResponseAndRefusesADifferentRequest() {
		title("idempotent-2012-" + run);
		Http idem = as("idem", "USER");
		String body = """
				{"rating":7,"headline":"Once","body":"Only once."}""";
		String key = UUID.randomUUID().toString();
		Http.Response first = idem.send("POST", "/api/titles/idempotent-2012-" + run + "/reviews", body, key);
		Http.Response again = idem.send("POST", "/api/titles/idempotent-2012-" + run + "/reviews", body, key);
		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.location()).isEqualTo(first.location());
		assertThat(count("select count(*) from review where title_id = 'idempotent-2012-" + run + "'")).isEqualTo(1);

		Http.Response other = idem.send("POST", "/api/titles/idempotent-2012-" + run + "/reviews",
				body.replace("Only once.", "Something else."), key);
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.isProblem()).isTrue();

		// a first request that never finished (its instance died mid-request) holds its key for minutes, not days
		String abandoned = UUID.randomUUID().toString();
		jdbc.sql("insert into idempotency_key (caller, key, request_hash, created_at) values ('idem', ?, 'x', ?)")
			.params(abandoned, java.sql.Timestamp.from(Instant.now().minus(Duration.ofMinutes(3))))
			.update();
		title("idempotent-crash-2012-" + run);
		Http.Response afterCrash = as("idem", "USER").send("POST", "/api/titles/idempotent-crash-2012-" + run + "/reviews", body,
				abandoned);
		assertThat(afterCrash.status()).as(afterCrash.toString()).isEqualTo(202);
		assertThat(as("idem", "USER").send("POST", "/api/titles/idempotent-crash-2012-" + run + "/reviews", body, abandoned)
			.body()).isEqualTo(afterCrash.body());

		// keys belong to their caller: another user's identical key is a new request
		Http.Response someoneElse = as("idem2", "USER").send("POST", "/api/titles/idempotent-2012-" + run + "/reviews", body, key);
		assertThat(someoneElse.status()).isEqualTo(202);
		assertThat(someoneElse.body()).isNotEqualTo(first.body());
	}

	/**
	 * Two submissions by one author for one title at the same time: the second waits in the database for the first
	 * (the unique index of live reviews), then gets 409 naming the first, neither a 500 nor a second review. The
	 * first is held uncommitted by the test, so the two really overlap (a serial run could not tell a check-then-insert
	 * from the index deciding).
	 */
	@Test
	void aSubmissionRacingAnUncommittedOneWaitsForItThenGetsAConflictNamingIt() throws Exception {
		String titleId = "racing-" + UUID.randomUUID().toString().substring(0, 8);
		title(titleId);
		String racer = "racer-" + titleId;
		UUID first = UUID.randomUUID();
		try (Connection connection = dataSource.getConnection();
				ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into review (review_id, title_id, author_id, type, revision, rating, headline, body, status,
					  created_at, status_changed_at)
					values (?, ?, ?, 'USER', 1, 6, 'First', 'First.', 'PENDING', now(), now())""")) {
				insert.setObject(1, first);
				insert.setString(2, titleId);
				insert.setString(3, racer);
				insert.executeUpdate();
			}
			Future<Http.Response> second = executor.submit(() -> as(racer, "USER").post(
					"/api/titles/" + titleId + "/reviews", """
							{"rating":6,"headline":"Second","body":"Sent at once."}"""));
			await().atMost(Duration.ofSeconds(30)).until(() -> count("""
					select count(*) from pg_stat_activity
					where wait_event_type = 'Lock' and query like '%insert into review%'""") == 1);
			assertThat(second.isDone()).as("the second submission waits for the first").isFalse();
			connection.commit();

			Http.Response response = second.get(30, TimeUnit.SECONDS);
			assertThat(response.status()).as(response.toString()).isEqualTo(409);
			assertThat(response.json().get("reviewId").asString()).isEqualTo(first.toString());
		}
		assertThat(count("select count(*) from review where title_id = ?", titleId)).isOne();
	}

	/**
	 * A rating racing an edit of the same review: the author's new rating locks their review before the rating row,
	 * in the order an edit takes them, so the two wait for each other and never deadlock. The test holds the review row
	 * as an edit would (uncommitted); the rating waits for it without having taken the rating row, then goes through.
	 */
	@Test
	void aRatingRacingAnEditWaitsForTheReviewBeforeTakingTheRatingRow() throws Exception {
		String titleId = "rate-edit-" + run;
		title(titleId);
		String author = "rate-edit-" + run;
		UUID reviewId = submit(titleId, author, 6, "Locked.");
		// the executor closes last: should the test fail while the review is locked, the connections close first, so
		// the waiting rating is let go rather than waited for
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				Connection edit = dataSource.getConnection();
				Connection other = dataSource.getConnection()) {
			edit.setAutoCommit(false);
			try (PreparedStatement lock = edit.prepareStatement(
					"select review_id from review where review_id = ? for update")) {
				lock.setObject(1, reviewId);
				lock.executeQuery().close();
			}
			Future<Http.Response> rating = executor
				.submit(() -> as(author, "USER").put("/api/titles/" + titleId + "/rating", "{\"rating\":9}"));
			await().atMost(Duration.ofSeconds(30)).until(() -> count("""
					select count(*) from pg_stat_activity
					where wait_event_type = 'Lock' and query like '%from review where title_id%for update%'""") == 1);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
				.until(() -> !rating.isDone());

			// while it waits for the review, the rating row is free: it was not taken first (were it, this transaction,
			// holding the rating and then asking for the review, would deadlock with an edit)
			other.setAutoCommit(false);
			try (PreparedStatement free = other.prepareStatement(
					"select rating from rating where title_id = ? and user_id = ? for update nowait")) {
				free.setString(1, titleId);
				free.setString(2, author);
				try (var rows = free.executeQuery()) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getInt(1)).isEqualTo(6);
				}
			}
			finally {
				other.rollback();
			}
			edit.commit();

			Http.Response answer = rating.get(30, TimeUnit.SECONDS);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
			assertThat(answer.json().get("rating").asInt()).isEqualTo(9);
		}
		assertThat(as(author, "USER").get("/api/reviews/" + reviewId).json().get("rating").asInt()).isEqualTo(9);
		assertThat(as(author, "USER").get("/api/titles/" + titleId + "/rating").json().get("rating").asInt())
			.isEqualTo(9);
	}

	@Test
	void aBodyOverSixtyFourKibibytesIsRefusedWith413() {
		title("large-2012-" + run);
		String huge = "x".repeat(70 * 1024);
		Http.Response response = as("big", "USER").post("/api/titles/large-2012-" + run + "/reviews", """
				{"rating":7,"headline":"Big","body":"%s"}""".formatted(huge));
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.isProblem()).isTrue();
		assertThat(count("select count(*) from review where title_id = 'large-2012-" + run + "'")).isZero();
	}
}
