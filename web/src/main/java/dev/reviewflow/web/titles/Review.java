package dev.reviewflow.web.titles;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.web.api.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;

/** A review as review-intake serves it. */
public record Review(UUID reviewId, String titleId, String authorId, ReviewType type, @Nullable Integer rating,
		@Nullable Verdict verdict, @Nullable String publication, boolean topCritic, String headline, String body,
		boolean containsSpoilers, ReviewStatus status, long helpfulVotes, long totalVotes, Instant createdAt,
		@Nullable Instant editedAt) {

	/** A page of reviews, as review-intake lists them. */
	public static final ParameterizedTypeReference<Page<Review>> PAGE = new ParameterizedTypeReference<>() {
	};
}
