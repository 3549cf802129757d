package dev.reviewflow.moderation.vote;

import java.util.UUID;

import dev.reviewflow.events.Vote;
import org.jspecify.annotations.Nullable;

/**
 * In-process event: a voter's vote changed (its Kafka counterpart {@code HelpfulnessVoteSet} is published through the
 * outbox in the same transaction).
 * @param vote the current vote, null when retracted
 */
public record VoteChanged(UUID reviewId, String voterId, @Nullable Vote vote, long version) {
}
