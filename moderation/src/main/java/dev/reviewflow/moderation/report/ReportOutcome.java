package dev.reviewflow.moderation.report;

/**
 * What became of a report: OPEN until moderators decide; UPHELD when they removed the review, DISMISSED when they kept
 * it (or an appeal overturned the removal); CLOSED when its author deleted the review.
 */
public enum ReportOutcome {
	OPEN, UPHELD, DISMISSED, CLOSED
}
