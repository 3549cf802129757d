package dev.reviewflow.moderation.review;

import java.util.UUID;

/** In-process event: the author deleted the review; nothing about it is left to decide. */
public record ReviewWithdrawn(UUID reviewId) {
}
