package dev.reviewflow.scoring.topology;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.Vote;

/** A review's running count of current helpfulness votes. */
public record ReviewTally(long helpful, long notHelpful, Instant updatedAt) {

	public static final ReviewTally EMPTY = new ReviewTally(0, 0, Instant.EPOCH);

	ReviewTally with(Vote vote, int delta, Instant at) {
		return new ReviewTally(helpful + (vote == Vote.HELPFUL ? delta : 0),
				notHelpful + (vote == Vote.NOT_HELPFUL ? delta : 0), at.isAfter(updatedAt) ? at : updatedAt);
	}

	public ReviewScoreChanged toScore(UUID reviewId) {
		long total = helpful + notHelpful;
		return new ReviewScoreChanged(reviewId, helpful, notHelpful, total, Wilson.lowerBound(helpful, total),
				updatedAt);
	}
}
