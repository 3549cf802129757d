package dev.reviewflow.moderation.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.UnknownReview;
import org.jspecify.annotations.Nullable;

/**
 * One reporter's report on one review, weighted by the reporter's record, and what became of it: OPEN → UPHELD
 * (moderators removed the review) or DISMISSED (they kept it), or CLOSED (its author deleted it); an appeal that
 * restores the review turns UPHELD into DISMISSED. An open report belongs to the review's case once one opens, and is
 * free again when that case closes without a decision.
 */
public class Report {

	private final UUID reportId;

	private final UUID reviewId;

	private final String reporterId;

	private final ReportReason reason;

	private final @Nullable String note;

	private final double weight;

	private final Instant reportedAt;

	private @Nullable UUID caseId;

	private ReportOutcome outcome;

	private @Nullable Instant resolvedAt;

	private final List<Object> events = new ArrayList<>();

	Report(UUID reportId, UUID reviewId, String reporterId, ReportReason reason, @Nullable String note, double weight,
			Instant reportedAt, @Nullable UUID caseId, ReportOutcome outcome, @Nullable Instant resolvedAt) {
		this.reportId = reportId;
		this.reviewId = reviewId;
		this.reporterId = reporterId;
		this.reason = reason;
		this.note = note;
		this.weight = weight;
		this.reportedAt = reportedAt;
		this.caseId = caseId;
		this.outcome = outcome;
		this.resolvedAt = resolvedAt;
	}

	/**
	 * A new report: not on one's own review, only on a published one, and not again by a reporter whose report on it
	 * moderators dismissed.
	 * @param earlier the reporter's earlier reports on the review, none of them open
	 * @param caseId the review's unresolved case, which the report joins, if there is one
	 */
	public static Report file(KnownReview review, String reporterId, ReportReason reason, @Nullable String note,
			List<Report> earlier, double weight, @Nullable UUID caseId, Instant at) {
		if (earlier.stream().anyMatch(report -> report.outcome == ReportOutcome.OPEN)) {
			throw new IllegalStateException(reporterId + " has an open report on " + review.reviewId());
		}
		if (review.authorId().equals(reporterId)) {
			throw new OwnReviewReport();
		}
		if (review.status() != ReviewStatus.PUBLISHED) {
			throw new UnknownReview(review.reviewId());
		}
		if (earlier.stream().anyMatch(report -> report.outcome == ReportOutcome.DISMISSED)) {
			throw new ReportDismissedBefore();
		}
		Report filed = new Report(UUID.randomUUID(), review.reviewId(), reporterId, reason, note, weight, at, caseId,
				ReportOutcome.OPEN, null);
		filed.events.add(new ReportFiled(filed.reportId, filed.reviewId, reporterId, reason, weight, at));
		return filed;
	}

	/** Moderators decided the report's case: REMOVE upholds it, KEEP dismisses it. Only an open report changes. */
	public void resolve(CaseAction action, Instant at) {
		requireOpen();
		outcome = action == CaseAction.KEEP ? ReportOutcome.DISMISSED : ReportOutcome.UPHELD;
		resolvedAt = at;
	}

	/** The report's case closed without a decision (the review changed): it counts again towards a new case. */
	public void detach() {
		requireOpen();
		caseId = null;
	}

	/** An appeal restored the review: the removal this report led to was not upheld after all. */
	public void overturn(Instant at) {
		if (outcome != ReportOutcome.UPHELD) {
			throw new IllegalStateException("Only an upheld report can be overturned; " + reportId + " is " + outcome);
		}
		outcome = ReportOutcome.DISMISSED;
		resolvedAt = at;
	}

	/** The author deleted the review: nothing left to decide. */
	public void close(Instant at) {
		requireOpen();
		outcome = ReportOutcome.CLOSED;
		resolvedAt = at;
	}

	private void requireOpen() {
		if (outcome != ReportOutcome.OPEN) {
			throw new IllegalStateException("Report " + reportId + " is " + outcome + ", no longer open");
		}
	}

	public List<Object> events() {
		return List.copyOf(events);
	}

	void clearEvents() {
		events.clear();
	}

	public UUID reportId() {
		return reportId;
	}

	public UUID reviewId() {
		return reviewId;
	}

	public String reporterId() {
		return reporterId;
	}

	public ReportReason reason() {
		return reason;
	}

	public @Nullable String note() {
		return note;
	}

	public double weight() {
		return weight;
	}

	public Instant reportedAt() {
		return reportedAt;
	}

	public @Nullable UUID caseId() {
		return caseId;
	}

	public ReportOutcome outcome() {
		return outcome;
	}

	public @Nullable Instant resolvedAt() {
		return resolvedAt;
	}
}
