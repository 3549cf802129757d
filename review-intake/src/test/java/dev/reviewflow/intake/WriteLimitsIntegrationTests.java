package dev.reviewflow.intake;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.reviewflow.events.ModerationPolicyChanged.RateLimit;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user limits moderation's policy sets on ratings, review edits and deletions (each reached → 429 with
 * {@code Retry-After}, nothing changed), and the bound on a caller's Idempotency-Keys. Every test writes as users of
 * its own and lifts the limits again afterwards, so the rest of the suite is not limited.
 */
class WriteLimitsIntegrationTests extends IntakeIntegrationTest {

	static final RateLimit TWO_AN_HOUR = new RateLimit(2, 60);

	static final RateLimit ONE_AN_HOUR = new RateLimit(1, 60);

	@AfterEach
	void liftLimitsAgain() {
		liftLimits();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static void assertLimited(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(429);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains("2 time(s) per hour", "try again in");
		long retryAfter = Long.parseLong(response.header("Retry-After"));
		assertThat(retryAfter).isBetween(3000L, 3600L);
		assertThat(response.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
	}

	@Test
	void ratingChangesBeyondThePolicysLimitGet429AndLeaveTheRatingAsItWas() {
		String titleId = unique("rated-limit");
		title(titleId);
		applyPolicy(nextPolicyVersion(), LIFTED, LIFTED, LIFTED, TWO_AN_HOUR);
		String user = unique("rater");
		Http rater = as(user, "USER");
		assertThat(rater.put("/api/titles/" + titleId + "/rating", "{\"rating\":4}").status()).isEqualTo(202);
		assertThat(rater.put("/api/titles/" + titleId + "/rating", "{\"rating\":9}").status()).isEqualTo(202);

		// setting and withdrawing count together
		assertLimited(rater.put("/api/titles/" + titleId + "/rating", "{\"rating\":1}"));
		assertLimited(rater.delete("/api/titles/" + titleId + "/rating"));
		assertThat(rater.get("/api/titles/" + titleId + "/rating").json().get("rating").asInt()).isEqualTo(9);
		assertThat(count("select version from rating where title_id = ? and user_id = ? and rating = 9", titleId,
				user)).as("two changes, no third").isEqualTo(2);

		// the limit is per user, and a title's other raters are not affected
		assertThat(as(unique("other-rater"), "USER").put("/api/titles/" + titleId + "/rating", "{\"rating\":6}")
			.status()).isEqualTo(202);
	}

	/** A review's rating is its author's rating: posting and editing it count against the rating limit too. */
	@Test
	void ratingsChangedThroughAReviewCountAgainstTheRatingLimit() {
		String titleId = unique("review-rated-limit");
		title(titleId);
		applyPolicy(nextPolicyVersion(), LIFTED, LIFTED, LIFTED, TWO_AN_HOUR);
		String author = unique("review-rater");
		UUID reviewId = submit(titleId, author, 4, "First words.");
		Http editor = as(author, "USER");
		assertThat(editor.patch("/api/reviews/" + reviewId, "{\"rating\":9}").status()).isEqualTo(202);

		assertLimited(editor.patch("/api/reviews/" + reviewId, "{\"rating\":1}"));
		assertLimited(editor.put("/api/titles/" + titleId + "/rating", "{\"rating\":1}"));
		assertThat(editor.get("/api/reviews/" + reviewId).json().get("rating").asInt()).isEqualTo(9);
		assertThat(editor.get("/api/titles/" + titleId + "/rating").json().get("rating").asInt()).isEqualTo(9);
		// an edit that leaves the rating as it is changes no rating and is not counted as one
		assertThat(editor.patch("/api/reviews/" + reviewId, "{\"body\":\"Second words.\"}").status())
			.isEqualTo(202);
	}

	@Test
	void editsBeyondThePolicysLimitGet429AndLeaveTheReviewAsItWas() {
		String titleId = unique("edited-limit");
		title(titleId);
		applyPolicy(nextPolicyVersion(), LIFTED, TWO_AN_HOUR, LIFTED, LIFTED);
		String author = unique("editor");
		UUID reviewId = submit(titleId, author, "First words.");
		Http editor = as(author, "USER");
		assertThat(editor.patch("/api/reviews/" + reviewId, "{\"body\":\"Second words.\"}").status()).isEqualTo(202);
		assertThat(editor.patch("/api/reviews/" + reviewId, "{\"body\":\"Third words.\"}").status()).isEqualTo(202);

		assertLimited(editor.patch("/api/reviews/" + reviewId, "{\"body\":\"Fourth words.\",\"rating\":2}"));
		Http.Response review = editor.get("/api/reviews/" + reviewId);
		assertThat(review.json().get("body").asString()).isEqualTo("Third words.");
		assertThat(review.json().get("rating").asInt()).isEqualTo(8);
		assertThat(count("select revision from review where review_id = ?", reviewId)).isEqualTo(3);

		// edits have a limit of their own: the author may still write a new review
		String otherTitle = unique("edited-limit-other");
		title(otherTitle);
		submit(otherTitle, author, "Another film.");
	}

	@Test
	void deletionsBeyondThePolicysLimitGet429AndLeaveTheReviewInPlace() {
		String author = unique("deleter");
		UUID[] reviews = new UUID[3];
		for (int i = 0; i < reviews.length; i++) {
			String titleId = unique("deleted-limit");
			title(titleId);
			reviews[i] = submit(titleId, author, "Review " + i + ".");
		}
		applyPolicy(nextPolicyVersion(), LIFTED, LIFTED, TWO_AN_HOUR, LIFTED);
		Http deleter = as(author, "USER");
		assertThat(deleter.delete("/api/reviews/" + reviews[0]).status()).isEqualTo(204);
		assertThat(deleter.delete("/api/reviews/" + reviews[1]).status()).isEqualTo(204);

		assertLimited(deleter.delete("/api/reviews/" + reviews[2]));
		assertThat(deleter.get("/api/reviews/" + reviews[2]).json().get("status").asString()).isEqualTo("PENDING");
		// deleting a deleted review again changes nothing, so it is not counted and not refused
		assertThat(deleter.delete("/api/reviews/" + reviews[0]).status()).isEqualTo(204);
	}

	/**
	 * A policy event written before the edit, delete and rating limits existed still applies: its review limit as
	 * sent, for edits too (they counted as reviews then), the other later limits as their defaults (20 an hour); a
	 * newer version then changes them.
	 */
	@Test
	void aPolicyFromBeforeTheLaterLimitsAppliesTheirDefaultsUntilANewerVersionArrives() {
		int version = nextPolicyVersion();
		applyPolicy(version, """
				{"specversion":"1.0","id":"%s","source":"/reviewflow/moderation","type":"reviewflow.moderation-policy-changed.v1",
				 "time":"2026-11-23T12:00:00Z","subject":"policy","datacontenttype":"application/json",
				 "data":{"version":%d,"reviewRateLimit":{"max":7,"perMinutes":30},"changedAt":"2026-11-23T12:00:00Z"}}"""
			.formatted(UUID.randomUUID(), version).getBytes(StandardCharsets.UTF_8));
		assertThat(jdbc.sql("""
				select array[reviews_max, reviews_per_minutes, review_edits_max, review_edits_per_minutes,
				  review_deletes_max, review_deletes_per_minutes, ratings_max, ratings_per_minutes]::text
				from moderation_policy where version = ?""").param(version).query(String.class).single())
			.isEqualTo("{7,30,7,30,20,60,20,60}");

		// 20 rating changes an hour now: the 21st is refused
		String titleId = unique("default-limit");
		title(titleId);
		Http rater = as(unique("default-rater"), "USER");
		for (int i = 0; i < 20; i++) {
			assertThat(rater.put("/api/titles/" + titleId + "/rating", "{\"rating\":" + (1 + i % 10) + "}").status())
				.isEqualTo(202);
		}
		Http.Response refused = rater.put("/api/titles/" + titleId + "/rating", "{\"rating\":10}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("detail").asString()).contains("20 time(s) per hour");

		// the next version lifts it
		applyPolicy(version + 1, LIFTED, LIFTED, LIFTED, LIFTED);
		assertThat(rater.put("/api/titles/" + titleId + "/rating", "{\"rating\":10}").status()).isEqualTo(202);
	}

	/**
	 * A caller holds at most 1,000 Idempotency-Keys within 48 hours: a new key beyond them is refused with 429 until
	 * the oldest expires and the request is not carried out; the keys already held still replay.
	 */
	@Test
	void aCallerBeyondTheirIdempotencyKeysGets429ForANewKeyAndNothingHappens() {
		String titleId = unique("keys");
		title(titleId);
		String user = unique("key-holder");
		// 998 keys an hour old and the oldest 47 hours old, as earlier requests would have left them
		jdbc.sql("""
				insert into idempotency_key (caller, key, request_hash, status, created_at)
				select ?, 'earlier-' || n, 'x', 202, now() - interval '1 hour' from generate_series(1, 998) n""")
			.param(user)
			.update();
		jdbc.sql("""
				insert into idempotency_key (caller, key, request_hash, status, created_at)
				values (?, 'oldest', 'x', 202, now() - interval '47 hours')""")
			.param(user)
			.update();
		Http holder = as(user, "USER");
		String thousandth = UUID.randomUUID().toString();
		Http.Response accepted = holder.send("PUT", "/api/titles/" + titleId + "/rating", "{\"rating\":5}", thousandth);
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);

		String oneTooMany = UUID.randomUUID().toString();
		Http.Response refused = holder.send("PUT", "/api/titles/" + titleId + "/rating", "{\"rating\":9}", oneTooMany);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.isProblem()).isTrue();
		assertThat(refused.json().get("detail").asString()).contains("1000 Idempotency-Keys", "48 hours");
		long retryAfter = Long.parseLong(refused.header("Retry-After"));
		assertThat(retryAfter).as("when the oldest key expires").isBetween(3500L, 3600L);
		assertThat(refused.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
		assertThat(holder.get("/api/titles/" + titleId + "/rating").json().get("rating").asInt()).isEqualTo(5);
		assertThat(count("select count(*) from idempotency_key where caller = ? and key = ?", user, oneTooMany))
			.isZero();

		// a key already held replays its answer
		Http.Response replayed = holder.send("PUT", "/api/titles/" + titleId + "/rating", "{\"rating\":5}",
				thousandth);
		assertThat(replayed.status()).isEqualTo(202);
		assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");

		// once the oldest key is past 48 hours the refused request goes through with the same key
		jdbc.sql("update idempotency_key set created_at = now() - interval '49 hours' where caller = ? and key = 'oldest'")
			.param(user)
			.update();
		Http.Response later = holder.send("PUT", "/api/titles/" + titleId + "/rating", "{\"rating\":9}", oneTooMany);
		assertThat(later.status()).as(later.toString()).isEqualTo(202);
		assertThat(holder.get("/api/titles/" + titleId + "/rating").json().get("rating").asInt()).isEqualTo(9);
		assertThat(count("select count(*) from idempotency_key where caller = ? and created_at > now() - interval '48 hours'",
				user)).isEqualTo(1000);
	}
}
