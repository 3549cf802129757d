package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A case as the queue shows it, with enough of its review (title, author, headline) to triage it.
 * @param status OPEN, CLAIMED or RESOLVED; a claim past its expiry shows as OPEN again
 * @param priority the weighted reports (1 for held reviews and appeals) plus one per day the case has waited
 * @param reasons report reasons (SPAM, …) or pre-moderation findings (SUSPECT_TERM, …); for an appeal, those of the
 * removal it contests (BANNED_TERM for a rejection)
 * @param statement the author's appeal
 * @param action the decision, or null when the case was closed because the review changed or was deleted
 */
public record CaseView(UUID caseId, UUID reviewId, String titleId, String authorId, String headline, CaseKind kind, CaseState status, double priority,
		double weight, List<String> reasons, @Nullable String statement, Instant openedAt, @Nullable String claimedBy,
		@Nullable Instant claimExpiresAt, @Nullable Instant resolvedAt, @Nullable String resolvedBy,
		@Nullable CaseAction action, @Nullable String resolution, @Nullable Integer policyVersion) {

	public CaseView {
		reasons = List.copyOf(reasons);
	}
}
