package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A review was edited by its author; it carries the whole new text and goes back through moderation. */
public record ReviewEdited(UUID reviewId, String titleId, String authorId, ReviewType type, int revision,
		@Nullable Integer rating, @Nullable Verdict verdict, @Nullable String publication, boolean topCritic,
		String headline, String body, boolean containsSpoilers, Instant editedAt) {

	public ReviewEdited {
		Require.present(reviewId, "reviewId");
		Require.titleId(titleId);
		Require.text(authorId, "authorId");
		Require.present(type, "type");
		Require.rating(rating, "rating");
		Require.present(headline, "headline");
		Require.present(body, "body");
		Require.present(editedAt, "editedAt");
	}
}
