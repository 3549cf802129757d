package dev.reviewflow.moderation.review;

import java.util.UUID;

import dev.reviewflow.moderation.policy.Screening;

/**
 * In-process event: pre-moderation screened a new revision of a review (published in the transaction that stored
 * it, so listeners act in the same transaction).
 */
public record ReviewScreened(UUID reviewId, int revision, Screening screening, int policyVersion) {
}
