package dev.reviewflow.moderation.report;

/** Moderators kept the review after this reporter's report: they cannot report it again. */
public class ReportDismissedBefore extends RuntimeException {

	public ReportDismissedBefore() {
		super("Moderators looked at this review after your report and kept it; you cannot report it again.");
	}
}
