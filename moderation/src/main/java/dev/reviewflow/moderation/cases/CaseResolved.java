package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.UUID;

/** In-process event: a moderator decided the case. */
public record CaseResolved(UUID caseId, UUID reviewId, CaseKind kind, CaseAction action, String moderatorId,
		String reason, Instant openedAt, Instant resolvedAt, int policyVersion) {
}
