package dev.reviewflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Moderation decided what becomes of one revision of a review. {@code status} is the review's resulting status
 * (PUBLISHED, HELD, REJECTED, HIDDEN or REMOVED); {@code moderatorId} is set when a human decided. {@code sequence}
 * numbers moderation's decisions about this review (1, 2, …, across all its revisions): of the decisions about a
 * revision, the one with the highest sequence stands, whatever the order of arrival; {@code decidedAt} is for people
 * and never orders anything. Events written before sequences existed read as sequence 0.
 */
public record ModerationDecided(UUID decisionId, UUID reviewId, String titleId, String authorId, int revision,
		ReviewStatus status, DecisionActor actor, @Nullable String moderatorId, List<String> reasons,
		Instant decidedAt, long sequence) {

	public ModerationDecided {
		Require.present(decisionId, "decisionId");
		Require.present(reviewId, "reviewId");
		Require.titleId(titleId);
		Require.text(authorId, "authorId");
		Require.present(status, "status");
		Require.present(actor, "actor");
		reasons = List.copyOf(Require.present(reasons, "reasons"));
		Require.present(decidedAt, "decidedAt");
		Require.version(sequence, "sequence");
	}
}
