package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.UUID;

/** In-process event: a moderator claimed a case until {@code until} (the database's clock). */
public record CaseClaimed(UUID caseId, UUID reviewId, String moderatorId, Instant until, int policyVersion) {
}
