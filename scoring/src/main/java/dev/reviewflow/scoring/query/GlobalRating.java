package dev.reviewflow.scoring.query;

import org.jspecify.annotations.Nullable;

/** C of the weighted rating ({@code GET /api/ratings/global}): the mean of all ratings of all titles, null before the first. */
public record GlobalRating(@Nullable Double mean, long count) {
}
