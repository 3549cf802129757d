package dev.reviewflow.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user's current rating of a title: 1–10, or {@code null} when withdrawn. {@code version} counts the changes of
 * this user's rating of this title at review-intake (1, 2, …): the highest version wins, whatever the order of
 * arrival. Events written before versions existed read as version 0 and are ordered by {@code setAt} among
 * themselves.
 */
public record RatingSet(String titleId, String userId, @Nullable Integer rating, Instant setAt, long version) {

	public RatingSet {
		Require.titleId(titleId);
		Require.text(userId, "userId");
		Require.rating(rating, "rating");
		Require.present(setAt, "setAt");
		Require.version(version, "version");
	}
}
