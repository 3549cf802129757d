package dev.reviewflow.moderation.review;

import java.time.Instant;

import dev.reviewflow.events.ReviewType;

/** The review as its author wrote its latest revision, for the moderator looking at it. */
public record ReviewContent(ReviewType type, int revision, String headline, String body, Instant submittedAt,
		Instant updatedAt) {
}
