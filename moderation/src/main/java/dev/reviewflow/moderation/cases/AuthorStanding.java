package dev.reviewflow.moderation.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.UnknownReview;

import org.springframework.stereotype.Service;

/**
 * Where a review stands in moderation, for its author (and moderators): every decision and why, and whether and until
 * when the author may appeal. Authors do not see which moderator decided.
 */
@Service
public class AuthorStanding {

	private final KnownReviews reviews;

	private final CaseQueue queue;

	private final Policies policies;

	private final Clock clock;

	AuthorStanding(KnownReviews reviews, CaseQueue queue, Policies policies, Clock clock) {
		this.reviews = reviews;
		this.queue = queue;
		this.policies = policies;
		this.clock = clock;
	}

	/** @param moderator whether the caller moderates (sees every review and who decided) */
	public Standing of(UUID reviewId, String callerId, boolean moderator) {
		KnownReview review = reviews.find(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.filter(known -> moderator || known.authorId().equals(callerId))
			.orElseThrow(() -> UnknownReview.ofCaller(reviewId));
		Standing standing = Standing.of(review, reviews.decisions(reviewId), queue.appealOf(reviewId).orElse(null),
				policies.current().policy().appealWindowDays(), Instant.now(clock));
		return moderator ? standing : standing.withoutModerators();
	}
}
