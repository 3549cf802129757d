package dev.reviewflow.scoring.topology;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One user's current rating of one title ({@code null} once withdrawn), when it was set and its version at
 * review-intake (0 for ratings stored before versions existed).
 */
record UserRating(@Nullable Integer rating, Instant setAt, long version) {
}
