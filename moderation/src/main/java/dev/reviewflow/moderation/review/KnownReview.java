package dev.reviewflow.moderation.review;

import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;

/** What moderation knows of a review: whose it is, which title, and where it stands. */
public record KnownReview(UUID reviewId, String titleId, String authorId, int revision, ReviewStatus status) {
}
