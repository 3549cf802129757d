package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Someone reported a review. */
public record ReviewReported(UUID reportId, UUID reviewId, String reporterId, ReportReason reason,
		@Nullable String note, Instant reportedAt) {

	public ReviewReported {
		Require.present(reportId, "reportId");
		Require.present(reviewId, "reviewId");
		Require.text(reporterId, "reporterId");
		Require.present(reason, "reason");
		Require.present(reportedAt, "reportedAt");
	}
}
