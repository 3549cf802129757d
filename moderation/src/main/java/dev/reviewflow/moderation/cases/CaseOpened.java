package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * In-process event: a case opened (reports reached the threshold, pre-moderation held a review, or its author
 * appealed).
 * @param appellant the author who appealed, null when the case opened automatically
 * @param why what the audit log records as the reasons
 */
public record CaseOpened(UUID caseId, UUID reviewId, CaseKind kind, double weight, List<String> reasons,
		@Nullable String appellant, List<String> why, int policyVersion, Instant openedAt) {

	public CaseOpened {
		reasons = List.copyOf(reasons);
		why = List.copyOf(why);
	}
}
