package dev.reviewflow.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A user's current rating of a title: 1–10, or {@code null} when withdrawn. The latest one wins. */
public record RatingSet(String titleId, String userId, @Nullable Integer rating, Instant setAt) {

	public RatingSet {
		Require.titleId(titleId);
		Require.text(userId, "userId");
		Require.rating(rating, "rating");
		Require.present(setAt, "setAt");
	}
}
