package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A voter's current helpfulness vote on a review, or {@code null} when retracted. The latest one wins. */
public record HelpfulnessVoteSet(UUID reviewId, String titleId, String voterId, @Nullable Vote vote,
		Instant votedAt) {

	public HelpfulnessVoteSet {
		Require.present(reviewId, "reviewId");
		Require.titleId(titleId);
		Require.text(voterId, "voterId");
		Require.present(votedAt, "votedAt");
	}
}
