package dev.reviewflow.web.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One line of moderation's audit log ({@code GET /api/moderation/audit}).
 * @param actor AUTOMATIC, MODERATOR, ADMIN or USER
 * @param actorId who, when a person acted
 * @param action DECIDED, CASE_OPENED, CLAIMED, RELEASED, CASE_CLOSED, APPEALED, POLICY_CHANGED, …
 */
public record AuditEntry(long entryId, Instant at, String actor, @Nullable String actorId, String action,
		@Nullable UUID reviewId, @Nullable UUID caseId, @Nullable Integer policyVersion, List<String> reasons,
		@Nullable String detail) {

	public AuditEntry {
		reasons = List.copyOf(reasons);
	}
}
