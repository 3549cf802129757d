package dev.reviewflow.moderation.cases;

import java.util.UUID;

/** In-process event: the case closed without a decision (its review changed or was deleted). */
public record CaseClosed(UUID caseId, UUID reviewId, CaseKind kind, String why, int policyVersion) {
}
