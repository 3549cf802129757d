package dev.reviewflow.moderation.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.policy.PreModeration;
import org.jspecify.annotations.Nullable;

/**
 * Another review of the same title by the same author, which came before: deleted, or its deletion not yet arrived
 * (review-intake allows one review per author and title that is not deleted).
 * @param status where it stood; for a deleted review, where it stood when its author deleted it
 * @param deletedAt when its author deleted it, null while moderation has not learnt of it
 * @param decision the last decision about it, null if there was none
 */
public record EarlierReview(UUID reviewId, ReviewStatus status, @Nullable Instant deletedAt,
		@Nullable Decision decision) {

	/** What pre-moderation needs of it. */
	PreModeration.EarlierReview screened() {
		return new PreModeration.EarlierReview(reviewId, status, deletedAt != null,
				decision == null ? List.of() : decision.reasons());
	}
}
