package dev.reviewflow.moderation.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ReviewStatus;
import org.jspecify.annotations.Nullable;

/** A decision about one revision of a review, automatic or human, and the policy version it applied. */
public record Decision(UUID decisionId, int revision, ReviewStatus status, DecisionActor actor,
		@Nullable String moderatorId, List<String> reasons, @Nullable Integer policyVersion, Instant decidedAt) {

	public Decision {
		reasons = List.copyOf(reasons);
	}
}
