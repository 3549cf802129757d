package dev.reviewflow.intake.rating;

import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.review.ReviewCommands;
import dev.reviewflow.intake.review.ReviewQueries;
import dev.reviewflow.intake.title.Titles;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a user does with their own rating of a title. A user review carries its author's rating: a new rating is
 * also the review's, and a rating a review carries cannot be withdrawn on its own.
 */
@Service
public class RatingCommands {

	private final Titles titles;

	private final WriteLimits limits;

	private final RatingChanges changes;

	private final RatingStore store;

	private final ReviewQueries reviews;

	private final ReviewCommands reviewCommands;

	RatingCommands(Titles titles, WriteLimits limits, RatingChanges changes, RatingStore store, ReviewQueries reviews,
			ReviewCommands reviewCommands) {
		this.titles = titles;
		this.limits = limits;
		this.changes = changes;
		this.store = store;
		this.reviews = reviews;
		this.reviewCommands = reviewCommands;
	}

	/**
	 * The user's rating, also carried by their review if they have one; 429 beyond the user's rating limit (setting
	 * and withdrawing count together).
	 */
	@Transactional
	public Rating rate(String titleId, String userId, int rating) {
		titles.requireExists(titleId);
		limits.acquire(userId, Write.RATING);
		// the review first, then the rating: the order an edit of the review takes them in, so the two never deadlock
		reviewCommands.takeAuthorsRating(titleId, userId, rating);
		changes.set(titleId, userId, rating);
		return store.find(titleId, userId).orElseThrow();
	}

	/**
	 * Withdraws it, unless a review of theirs carries it ({@link RatingCarriedByReview}); 429 beyond the user's
	 * rating limit.
	 */
	@Transactional
	public void unrate(String titleId, String userId) {
		titles.requireExists(titleId);
		if (reviews.carriesRating(titleId, userId)) {
			throw new RatingCarriedByReview(titleId, userId);
		}
		limits.acquire(userId, Write.RATING);
		changes.withdraw(titleId, userId);
	}
}
