package dev.reviewflow.scoring.topology;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.Vote;
import dev.reviewflow.scoring.formula.Wilson;
import org.jspecify.annotations.Nullable;

/**
 * A review's running count of current helpfulness votes.
 * @param updatedAt time of the newest vote counted, for people
 * @param version number of changes so far: the published score's version
 */
record ReviewTally(long helpful, long notHelpful, Instant updatedAt, long version) {

	static final ReviewTally EMPTY = new ReviewTally(0, 0, Instant.EPOCH, 0);

	/** The tally after a voter's vote went from {@code before} to {@code after} (either null: none): one change. */
	ReviewTally changed(@Nullable Vote before, @Nullable Vote after, Instant at) {
		return new ReviewTally(helpful + count(after, Vote.HELPFUL) - count(before, Vote.HELPFUL),
				notHelpful + count(after, Vote.NOT_HELPFUL) - count(before, Vote.NOT_HELPFUL),
				at.isAfter(updatedAt) ? at : updatedAt, version + 1);
	}

	private static int count(@Nullable Vote vote, Vote side) {
		return vote == side ? 1 : 0;
	}

	ReviewScoreChanged toScore(UUID reviewId) {
		long total = helpful + notHelpful;
		return new ReviewScoreChanged(reviewId, helpful, notHelpful, total, Wilson.lowerBound(helpful, total),
				updatedAt, version);
	}
}
