package dev.reviewflow.intake.rating;

import java.time.Instant;

/** A user's current rating of a title. */
public record Rating(String titleId, int rating, Instant updatedAt) {
}
