package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How much work waits in the queue, read in one statement on the database's clock: cases OPEN (a claim past its
 * expiry counts as open again, as the queue lists it) and CLAIMED, and the oldest open case.
 * @param oldestOpenSince when the oldest open case was opened; null when none is open
 * @param oldestOpenCaseId that case; null when none is open
 * @param asOf the database's time of the reading, to measure the oldest case's wait against
 */
public record QueueDepth(long open, long claimed, @Nullable Instant oldestOpenSince, @Nullable UUID oldestOpenCaseId,
		Instant asOf) {
}
