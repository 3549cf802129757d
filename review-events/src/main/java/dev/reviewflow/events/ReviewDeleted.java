package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

/** A review was deleted by its author. */
public record ReviewDeleted(UUID reviewId, String titleId, String authorId, ReviewType type, Instant deletedAt) {

	public ReviewDeleted {
		Require.present(reviewId, "reviewId");
		Require.titleId(titleId);
		Require.text(authorId, "authorId");
		Require.present(type, "type");
		Require.present(deletedAt, "deletedAt");
	}
}
