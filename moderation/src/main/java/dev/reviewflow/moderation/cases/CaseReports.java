package dev.reviewflow.moderation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import org.jspecify.annotations.Nullable;

/**
 * What a case shows of its reports, implemented by the report feature (which reacts to {@link CaseResolved} and
 * {@link CaseClosed} for what a case's end means for its reports).
 */
public interface CaseReports {

	/** The reports attached to the case, oldest first. */
	List<CaseReport> ofCase(UUID caseId);

	/** One report as a moderator sees it. */
	record CaseReport(UUID reportId, String reporterId, ReportReason reason, @Nullable String note, double weight,
			Instant reportedAt, String outcome) {
	}
}
