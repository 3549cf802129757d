package dev.reviewflow.web.me;

import java.time.Instant;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import org.jspecify.annotations.Nullable;

/** One of the caller's reports, as moderation's {@code GET /api/me/reports} serves it, with what became of it. */
public record MyReport(UUID reportId, UUID reviewId, String titleId, ReportReason reason,
		@Nullable String note, Instant reportedAt, Outcome outcome, @Nullable Instant resolvedAt) {

	/** Moderation's ReportOutcome. */
	public enum Outcome {

		OPEN("Open", "Waiting for moderators: a moderator looks at a review once enough people report it."),
		UPHELD("Upheld", "Upheld: a moderator removed the review."),
		DISMISSED("Dismissed", "Dismissed: moderators kept the review."),
		CLOSED("Closed", "Closed: the review's author deleted it.");

		private final String label;

		private final String words;

		Outcome(String label, String words) {
			this.label = label;
			this.words = words;
		}

		public String label() {
			return label;
		}

		public String words() {
			return words;
		}
	}
}
