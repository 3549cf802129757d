package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A voter's current helpfulness vote on a review, or {@code null} when retracted. {@code version} counts the changes
 * of this voter's vote on this review at moderation (1, 2, …): the highest version wins, whatever the order of
 * arrival. Events written before versions existed read as version 0 and are ordered by {@code votedAt} among
 * themselves.
 */
public record HelpfulnessVoteSet(UUID reviewId, String titleId, String voterId, @Nullable Vote vote,
		Instant votedAt, long version) {

	public HelpfulnessVoteSet {
		Require.present(reviewId, "reviewId");
		Require.titleId(titleId);
		Require.text(voterId, "voterId");
		Require.present(votedAt, "votedAt");
		Require.version(version, "version");
	}
}
