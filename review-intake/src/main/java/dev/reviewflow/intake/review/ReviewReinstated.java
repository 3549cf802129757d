package dev.reviewflow.intake.review;

import java.util.UUID;

/**
 * A moderator published a user review again after it had been rejected or removed (an appeal kept). In-process: the
 * rating feature gives the author their review's rating back, unless they rated the title anew meanwhile.
 */
public record ReviewReinstated(UUID reviewId, String titleId, String authorId, int rating) {
}
