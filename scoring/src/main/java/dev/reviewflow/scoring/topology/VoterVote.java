package dev.reviewflow.scoring.topology;

import java.time.Instant;

import dev.reviewflow.events.Vote;
import org.jspecify.annotations.Nullable;

/**
 * One voter's current vote on one review ({@code null} once retracted), when it was cast and its version at
 * moderation (0 for votes stored before versions existed).
 */
record VoterVote(@Nullable Vote vote, Instant votedAt, long version) {
}
