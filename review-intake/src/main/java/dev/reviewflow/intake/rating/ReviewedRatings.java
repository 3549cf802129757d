package dev.reviewflow.intake.rating;

import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.review.ReviewRated;
import dev.reviewflow.intake.review.ReviewReinstated;
import dev.reviewflow.intake.review.ReviewTakenDown;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A user review carries its author's rating: what happens to the review happens to the rating, synchronously in the
 * review's transaction (a refused rating undoes the review's change too).
 */
@Component
class ReviewedRatings {

	private final RatingChanges changes;

	private final RatingStore store;

	private final WriteLimits limits;

	ReviewedRatings(RatingChanges changes, RatingStore store, WriteLimits limits) {
		this.changes = changes;
		this.store = store;
		this.limits = limits;
	}

	/** The author rated through their review: counted against their rating limit like any rating change. */
	@EventListener
	void on(ReviewRated event) {
		limits.acquire(event.authorId(), Write.RATING);
		changes.set(event.titleId(), event.authorId(), event.rating());
	}

	/** Rejected or removed by moderation: the author's rating goes with the review. */
	@EventListener
	void on(ReviewTakenDown event) {
		changes.withdraw(event.titleId(), event.authorId());
	}

	/** Restored by a moderator: the rating comes back, unless the author has rated the title anew meanwhile. */
	@EventListener
	void on(ReviewReinstated event) {
		if (store.find(event.titleId(), event.authorId()).isEmpty()) {
			changes.set(event.titleId(), event.authorId(), event.rating());
		}
	}
}
