package dev.reviewflow.scoring.topology;

import java.time.Instant;

import dev.reviewflow.events.Vote;
import org.jspecify.annotations.Nullable;

/** One voter's current vote on one review ({@code null} once retracted) and when it was cast. */
record VoterVote(@Nullable Vote vote, Instant votedAt) {
}
