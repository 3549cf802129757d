package dev.reviewflow.web.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A case as moderation's queue serves it ({@code GET /api/moderation/cases}), and as claims and decisions answer.
 * Kind, status and action stay the API's words (REPORTED, HELD, APPEAL; OPEN, CLAIMED, RESOLVED; KEEP, REMOVE).
 * @param priority the weighted reports (1 for held reviews and appeals) plus one per day the case has waited
 * @param reasons report reasons or pre-moderation findings; for an appeal, those of the removal it contests
 * @param statement the author's appeal
 * @param action the decision, or null when the case was closed because the review changed or was deleted
 * @param resolution the moderator's reason, or why the case was closed
 */
public record CaseView(UUID caseId, UUID reviewId, String titleId, String authorId, String headline, String kind,
		String status, double priority, double weight, List<String> reasons, @Nullable String statement,
		Instant openedAt, @Nullable String claimedBy, @Nullable Instant claimExpiresAt, @Nullable Instant resolvedAt,
		@Nullable String resolvedBy, @Nullable String action, @Nullable String resolution,
		@Nullable Integer policyVersion) {

	public CaseView {
		reasons = List.copyOf(reasons);
	}

	public boolean appeal() {
		return "APPEAL".equals(kind);
	}

	public boolean resolved() {
		return "RESOLVED".equals(status);
	}

	/** Whether the named moderator holds the claim (for which button to offer; moderation decides). */
	public boolean heldBy(@Nullable String moderatorId) {
		return "CLAIMED".equals(status) && claimedBy != null && claimedBy.equals(moderatorId);
	}
}
