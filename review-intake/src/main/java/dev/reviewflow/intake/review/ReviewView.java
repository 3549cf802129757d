package dev.reviewflow.intake.review;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A review as review-intake serves it, with scoring's helpfulness figures (named {@code Review} in the API
 * documents, as before the aggregate took that name).
 */
@Schema(name = "Review")
public record ReviewView(UUID reviewId, String titleId, String authorId, ReviewType type, int revision,
		@Nullable Integer rating, @Nullable Verdict verdict, @Nullable String publication, boolean topCritic,
		String headline, String body, boolean containsSpoilers, ReviewStatus status, long helpfulVotes,
		long totalVotes, Instant createdAt, @Nullable Instant editedAt) {

	/** Anyone sees a PUBLISHED review; its author and moderators see it in every state. */
	public boolean visibleTo(@Nullable Author viewer) {
		return Review.visibleTo(status, authorId, viewer);
	}
}
