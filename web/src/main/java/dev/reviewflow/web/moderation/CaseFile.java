package dev.reviewflow.web.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/moderation/cases/{caseId}} adds to the case itself (which it carries flattened into the same
 * object, read as a {@link CaseView}): the review as submitted, the case's reports, every decision about the review and
 * the author's earlier reviews of the title.
 */
public record CaseFile(ReviewUnderModeration review, List<CaseReport> reports, List<Decision> decisions,
		List<EarlierReview> earlierReviews) {

	public CaseFile {
		reports = List.copyOf(reports);
		decisions = List.copyOf(decisions);
		earlierReviews = List.copyOf(earlierReviews);
	}

	/**
	 * The review's latest revision as moderation received it.
	 * @param status where it stands now (PUBLISHED, HELD, HIDDEN, REMOVED, …)
	 * @param keeps how often moderators kept it after reports
	 */
	public record ReviewUnderModeration(UUID reviewId, String titleId, String authorId, String status, int keeps,
			String type, int revision, String headline, String body, Instant submittedAt, Instant updatedAt) {
	}

	/** One report as a moderator sees it: who, why, their note, and how much their report weighs. */
	public record CaseReport(UUID reportId, String reporterId, String reason, @Nullable String note, double weight,
			Instant reportedAt, String outcome) {
	}

	/** A decision about one revision of the review, automatic or a moderator's, and the policy version it applied. */
	public record Decision(UUID decisionId, int revision, String status, String actor, @Nullable String moderatorId,
			List<String> reasons, @Nullable Integer policyVersion, Instant decidedAt) {

		public Decision {
			reasons = List.copyOf(reasons);
		}
	}

	/**
	 * The same author's earlier review of the same title (deleted, or its deletion not yet arrived).
	 * @param status where it stood (when deleted)
	 * @param decision the last decision about it, if any
	 */
	public record EarlierReview(UUID reviewId, String status, @Nullable Instant deletedAt,
			@Nullable Decision decision) {
	}
}
