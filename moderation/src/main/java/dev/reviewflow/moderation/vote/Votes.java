package dev.reviewflow.moderation.vote;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.Vote;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.Outbox;
import dev.reviewflow.platform.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Helpfulness votes. Every change publishes the voter's current vote ({@link HelpfulnessVoteSet}, or {@code null}
 * when retracted), so counting downstream is idempotent by construction; a vote that changes nothing publishes
 * nothing.
 */
@Service
public class Votes {

	private final JdbcClient jdbc;

	private final KnownReviews reviews;

	private final Outbox outbox;

	private final MeterRegistry meters;

	private final Policies policies;

	private final RateLimits rateLimits;

	Votes(JdbcClient jdbc, KnownReviews reviews, Outbox outbox, MeterRegistry meters, Policies policies,
			RateLimits rateLimits) {
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.outbox = outbox;
		this.meters = meters;
		this.policies = policies;
		this.rateLimits = rateLimits;
	}

	/** Sets the voter's vote on a PUBLISHED review of someone else's. */
	@Transactional
	public void vote(UUID reviewId, String voterId, Vote vote) {
		KnownReview review = votable(reviewId, voterId);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		int changed = jdbc.sql("""
				insert into vote (review_id, voter_id, helpful, voted_at) values (?, ?, ?, ?)
				on conflict (review_id, voter_id) do update set helpful = excluded.helpful, voted_at = excluded.voted_at
				where vote.helpful <> excluded.helpful""")
			.params(reviewId, voterId, vote == Vote.HELPFUL, Timestamp.from(now))
			.update();
		if (changed == 1) {
			publish(review, voterId, vote, now);
		}
	}

	/** Retracts the voter's vote, if they have one. */
	@Transactional
	public void retract(UUID reviewId, String voterId) {
		KnownReview review = votable(reviewId, voterId);
		int removed = jdbc.sql("delete from vote where review_id = ? and voter_id = ?").params(reviewId, voterId)
			.update();
		if (removed == 1) {
			publish(review, voterId, null, Instant.now().truncatedTo(ChronoUnit.MICROS));
		}
	}

	/** The voter's current vote. */
	public Optional<Vote> current(UUID reviewId, String voterId) {
		return jdbc.sql("select helpful from vote where review_id = ? and voter_id = ?")
			.params(reviewId, voterId)
			.query(Boolean.class)
			.optional()
			.map(helpful -> helpful ? Vote.HELPFUL : Vote.NOT_HELPFUL);
	}

	private KnownReview votable(UUID reviewId, String voterId) {
		KnownReview review = reviews.find(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.orElseThrow(() -> ApiException.notFound("There is no review " + reviewId + "."));
		if (review.authorId().equals(voterId)) {
			throw ApiException.forbidden("You cannot vote on your own review.");
		}
		if (review.status() != ReviewStatus.PUBLISHED) {
			throw ApiException.conflict("Only published reviews can be voted on; this one is "
					+ review.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
		}
		Policy.RateLimit limit = policies.current().policy().rateLimits().votes();
		rateLimits.acquire(voterId, "vote", limit.max(), limit.window());
		return review;
	}

	private void publish(KnownReview review, String voterId, @Nullable Vote vote, Instant at) {
		outbox.publish(review.reviewId().toString(),
				new HelpfulnessVoteSet(review.reviewId(), review.titleId(), voterId, vote, at));
		meters.counter("reviewflow.votes", "vote", vote == null ? "RETRACTED" : vote.name()).increment();
	}
}
