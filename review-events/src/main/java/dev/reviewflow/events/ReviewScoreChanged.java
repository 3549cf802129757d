package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The full current helpfulness score of a review ("46 of 57 people found this review helpful"). {@code version} grows
 * with every change of the score at scoring: a consumer keeps the score with the highest version. {@code updatedAt}
 * (the newest vote's time) is for people, not for ordering. Events written before versions existed read as version 0.
 */
public record ReviewScoreChanged(UUID reviewId, long helpful, long notHelpful, long total, double wilsonLowerBound,
		Instant updatedAt, long version) {

	public ReviewScoreChanged {
		Require.present(reviewId, "reviewId");
		Require.present(updatedAt, "updatedAt");
		Require.version(version, "version");
	}
}
