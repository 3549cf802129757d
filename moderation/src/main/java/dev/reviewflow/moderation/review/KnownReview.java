package dev.reviewflow.moderation.review;

import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;

/**
 * What moderation knows of a review: whose it is, which title, where it stands, and how often moderators kept it
 * after reports.
 */
public record KnownReview(UUID reviewId, String titleId, String authorId, int revision, ReviewStatus status,
		int keeps) {
}
