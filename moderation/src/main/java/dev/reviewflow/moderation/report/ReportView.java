package dev.reviewflow.moderation.report;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import org.jspecify.annotations.Nullable;

/**
 * A report as its reporter sees it.
 * @param outcome OPEN (moderators have not decided), UPHELD (the review was removed), DISMISSED (it was kept), CLOSED
 * (its author deleted it)
 */
public record ReportView(UUID reportId, UUID reviewId, String titleId, ReportReason reason, @Nullable String note,
		Instant reportedAt, ReportOutcome outcome, @Nullable Instant resolvedAt) {
}
