package dev.reviewflow.intake.review;

import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;

/**
 * Moderation rejected or removed a user review ({@code status}): its rating no longer stands for its author.
 * In-process: the rating feature withdraws the author's rating of the title, in the same transaction.
 */
public record ReviewTakenDown(UUID reviewId, String titleId, String authorId, ReviewStatus status) {
}
