package dev.reviewflow.scoring.topology;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One user's current rating of one title ({@code null} once withdrawn) and when it was set. */
record UserRating(@Nullable Integer rating, Instant setAt) {
}
