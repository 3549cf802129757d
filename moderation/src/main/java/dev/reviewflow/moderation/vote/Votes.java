package dev.reviewflow.moderation.vote;

import java.sql.Timestamp;
import java.time.Clock;
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
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.platform.Outbox;
import dev.reviewflow.platform.RateLimits;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Helpfulness votes. Every change publishes the voter's current vote ({@link HelpfulnessVoteSet}, or {@code null}
 * when retracted) with the vote's version, which grows with each change, so counting downstream is idempotent and
 * order-proof by construction; a vote that changes nothing publishes nothing. A retracted vote keeps its row (helpful
 * null) and so its version.
 */
@Service
public class Votes {

	private final JdbcClient jdbc;

	private final KnownReviews reviews;

	private final Outbox outbox;

	private final ApplicationEventPublisher events;

	private final Policies policies;

	private final RateLimits rateLimits;

	private final Clock clock;

	Votes(JdbcClient jdbc, KnownReviews reviews, Outbox outbox, ApplicationEventPublisher events, Policies policies,
			RateLimits rateLimits, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.reviews = reviews;
		this.outbox = outbox;
		this.events = events;
		this.policies = policies;
		this.rateLimits = rateLimits;
	}

	/** Sets the voter's vote on a PUBLISHED review of someone else's. */
	@Transactional
	public void vote(UUID reviewId, String voterId, Vote vote) {
		KnownReview review = votable(reviewId, voterId);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				insert into vote (review_id, voter_id, helpful, voted_at, version) values (?, ?, ?, ?, 1)
				on conflict (review_id, voter_id) do update
				  set helpful = excluded.helpful, voted_at = excluded.voted_at, version = vote.version + 1
				where vote.helpful is distinct from excluded.helpful
				returning version""")
			.params(reviewId, voterId, vote == Vote.HELPFUL, Timestamp.from(now))
			.query(Long.class)
			.optional()
			.ifPresent(version -> publish(review, voterId, vote, now, version));
	}

	/** Retracts the voter's vote, if they have one. */
	@Transactional
	public void retract(UUID reviewId, String voterId) {
		KnownReview review = votable(reviewId, voterId);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				update vote set helpful = null, voted_at = ?, version = version + 1
				where review_id = ? and voter_id = ? and helpful is not null
				returning version""")
			.params(Timestamp.from(now), reviewId, voterId)
			.query(Long.class)
			.optional()
			.ifPresent(version -> publish(review, voterId, null, now, version));
	}

	/** The voter's current vote. */
	public Optional<Vote> current(UUID reviewId, String voterId) {
		return jdbc.sql("select helpful from vote where review_id = ? and voter_id = ? and helpful is not null")
			.params(reviewId, voterId)
			.query(Boolean.class)
			.optional()
			.map(helpful -> helpful ? Vote.HELPFUL : Vote.NOT_HELPFUL);
	}

	private KnownReview votable(UUID reviewId, String voterId) {
		KnownReview review = reviews.find(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.orElseThrow(() -> new UnknownReview(reviewId));
		if (review.authorId().equals(voterId)) {
			throw new OwnReviewVote();
		}
		if (review.status() != ReviewStatus.PUBLISHED) {
			throw new ReviewNotVotable(review.status());
		}
		Policy.RateLimit limit = policies.current().policy().rateLimits().votes();
		rateLimits.acquire(voterId, "vote", limit.max(), limit.window());
		return review;
	}

	private void publish(KnownReview review, String voterId, @Nullable Vote vote, Instant at, long version) {
		outbox.publish(review.reviewId().toString(),
				new HelpfulnessVoteSet(review.reviewId(), review.titleId(), voterId, vote, at, version));
		events.publishEvent(new VoteChanged(review.reviewId(), voterId, vote, version));
	}
}
