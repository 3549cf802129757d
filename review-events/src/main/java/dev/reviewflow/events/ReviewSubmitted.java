package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A review was submitted and waits for moderation. User reviews carry {@code rating}; critic reviews carry
 * {@code verdict}, {@code publication} and {@code topCritic}. {@code revision} starts at 1 and grows with each edit.
 */
public record ReviewSubmitted(UUID reviewId, String titleId, String authorId, ReviewType type, int revision,
		@Nullable Integer rating, @Nullable Verdict verdict, @Nullable String publication, boolean topCritic,
		String headline, String body, boolean containsSpoilers, Instant submittedAt) {

	public ReviewSubmitted {
		Require.present(reviewId, "reviewId");
		Require.titleId(titleId);
		Require.text(authorId, "authorId");
		Require.present(type, "type");
		Require.rating(rating, "rating");
		Require.present(headline, "headline");
		Require.present(body, "body");
		Require.present(submittedAt, "submittedAt");
	}
}
