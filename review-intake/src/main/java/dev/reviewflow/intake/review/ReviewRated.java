package dev.reviewflow.intake.review;

import java.util.UUID;

/**
 * The author gave the title a rating through their user review: when submitting it, or by an edit that changed the
 * rating. In-process: the rating feature makes it the author's rating of the title, in the same transaction.
 */
public record ReviewRated(UUID reviewId, String titleId, String authorId, int rating) {
}
