package dev.reviewflow.moderation.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import org.jspecify.annotations.Nullable;

/**
 * In-process event: a decision about a review's revision was recorded (automatic or a moderator's); its Kafka
 * counterpart {@code ModerationDecided} is published through the outbox in the same transaction.
 * @param caseId the case the decision resolves, if any
 */
public record ReviewDecided(UUID decisionId, UUID reviewId, @Nullable UUID caseId, int revision, ReviewStatus status,
		DecisionActor actor, @Nullable String moderatorId, List<String> reasons, int policyVersion, Instant decidedAt) {

	public ReviewDecided {
		reasons = List.copyOf(reasons);
	}
}
