package dev.reviewflow.moderation.cases;

import java.util.UUID;

/** In-process event: the moderator who held the claim gave the case back to the queue. */
public record CaseReleased(UUID caseId, UUID reviewId, String moderatorId, int policyVersion) {
}
