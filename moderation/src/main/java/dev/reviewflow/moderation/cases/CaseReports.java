package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import org.jspecify.annotations.Nullable;

/**
 * What cases need of reports, implemented by the report feature: the reports behind a case, and what a case's
 * resolution means for them.
 */
public interface CaseReports {

	/** The reports attached to the case, oldest first. */
	List<CaseReport> ofCase(UUID caseId);

	/**
	 * The case was resolved: KEEP dismisses its reports, REMOVE upholds them; an appeal kept overturns the reports
	 * upheld before; a case closed without a decision ({@code action} null, the review changed) lets its reports
	 * count again towards a new case.
	 */
	void resolved(UUID caseId, UUID reviewId, CaseKind kind, @Nullable CaseAction action);

	/** One report as a moderator sees it. */
	record CaseReport(UUID reportId, String reporterId, ReportReason reason, @Nullable String note, double weight,
			Instant reportedAt, String outcome) {
	}
}
