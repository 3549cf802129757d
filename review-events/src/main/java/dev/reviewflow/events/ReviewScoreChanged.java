package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

/** The full current helpfulness score of a review ("46 of 57 people found this review helpful"). */
public record ReviewScoreChanged(UUID reviewId, long helpful, long notHelpful, long total, double wilsonLowerBound,
		Instant updatedAt) {

	public ReviewScoreChanged {
		Require.present(reviewId, "reviewId");
		Require.present(updatedAt, "updatedAt");
	}
}
