package dev.reviewflow.web.dashboard;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Moderation's {@code GET /api/moderation/queue}: cases open and claimed, the oldest open case and when it was opened,
 * and moderation's time of the reading, which the case's wait is measured against.
 */
record QueueDepth(long open, long claimed, @Nullable Instant oldestOpenSince, @Nullable UUID oldestOpenCaseId,
		Instant asOf) {
}
