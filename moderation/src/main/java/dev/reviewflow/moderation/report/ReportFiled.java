package dev.reviewflow.moderation.report;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;

/**
 * In-process event: a reporter filed a new report on a review (its Kafka counterpart {@code ReviewReported} is
 * published through the outbox in the same transaction).
 */
public record ReportFiled(UUID reportId, UUID reviewId, String reporterId, ReportReason reason, double weight,
		Instant reportedAt) {
}
