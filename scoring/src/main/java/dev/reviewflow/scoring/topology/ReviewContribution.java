package dev.reviewflow.scoring.topology;

import java.time.Instant;

/**
 * What reviews add to a title's counts: published user and critic reviews, and the critics' verdicts (all, and top
 * critics'). The difference of two contributions is what one review event changes.
 */
record ReviewContribution(long userReviews, long criticReviews, long fresh, long rotten, long topFresh,
		long topRotten) {

	static final ReviewContribution NONE = new ReviewContribution(0, 0, 0, 0, 0, 0);

	ReviewContribution minus(ReviewContribution other) {
		return new ReviewContribution(userReviews - other.userReviews, criticReviews - other.criticReviews,
				fresh - other.fresh, rotten - other.rotten, topFresh - other.topFresh, topRotten - other.topRotten);
	}

	ReviewContribution plus(ReviewContribution other) {
		return minus(new ReviewContribution(-other.userReviews, -other.criticReviews, -other.fresh, -other.rotten,
				-other.topFresh, -other.topRotten));
	}

	/** A change to a title's counts, at the event time that caused it. */
	record Change(ReviewContribution delta, Instant at) {
	}
}
