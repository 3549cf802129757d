package dev.reviewflow.moderation.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads and saves {@link Report}s (table {@code report}) and, on save, publishes the events a report registered, in
 * the caller's transaction. Callers hold the review's lock: whatever changes a review's reports locks the review
 * first. The unique index {@code one_open_report_per_reporter} is the last word on one open report per reporter.
 */
@Repository
class ReportStore {

	private static final String COLUMNS = """
			select report_id, review_id, reporter_id, reason, note, weight, reported_at, case_id, outcome, resolved_at
			from report""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	ReportStore(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** The reporter's reports on the review. */
	List<Report> byReporter(UUID reviewId, String reporterId) {
		return jdbc.sql(COLUMNS + " where review_id = ? and reporter_id = ?")
			.params(reviewId, reporterId)
			.query((rs, n) -> report(rs))
			.list();
	}

	List<Report> openOfCase(UUID caseId) {
		return jdbc.sql(COLUMNS + " where case_id = ? and outcome = 'OPEN'").param(caseId).query((rs, n) -> report(rs)).list();
	}

	List<Report> ofReview(UUID reviewId, ReportOutcome outcome) {
		return jdbc.sql(COLUMNS + " where review_id = ? and outcome = ?")
			.params(reviewId, outcome.name())
			.query((rs, n) -> report(rs))
			.list();
	}

	/** The review's open reports that belong to no case yet: their total weight and their reasons. */
	Pending pending(UUID reviewId) {
		return jdbc.sql("""
				select coalesce(sum(weight), 0), coalesce(array_agg(distinct reason), '{}')
				from report where review_id = ? and outcome = 'OPEN' and case_id is null""")
			.param(reviewId)
			.query((rs, n) -> new Pending(rs.getDouble(1), List.of((String[]) rs.getArray(2).getArray())))
			.single();
	}

	record Pending(double weight, List<String> reasons) {
	}

	/** The review's open reports that belong to no case join the case just opened. */
	@Transactional(propagation = Propagation.MANDATORY)
	void attachPending(UUID reviewId, UUID caseId) {
		jdbc.sql("update report set case_id = ? where review_id = ? and outcome = 'OPEN' and case_id is null")
			.params(caseId, reviewId)
			.update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void insert(Report filed) {
		jdbc.sql("""
				insert into report (report_id, review_id, reporter_id, reason, note, weight, reported_at, case_id, outcome)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(filed.reportId(), filed.reviewId(), filed.reporterId(), filed.reason().name(), filed.note(),
					filed.weight(), Timestamp.from(filed.reportedAt()), filed.caseId(), filed.outcome().name())
			.update();
		publish(filed);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void save(Report changed) {
		jdbc.sql("update report set case_id = ?, outcome = ?, resolved_at = ? where report_id = ?")
			.params(changed.caseId(), changed.outcome().name(),
					changed.resolvedAt() == null ? null : Timestamp.from(changed.resolvedAt()), changed.reportId())
			.update();
		publish(changed);
	}

	private void publish(Report changed) {
		changed.events().forEach(events::publishEvent);
		changed.clearEvents();
	}

	private static Report report(ResultSet rs) throws SQLException {
		Timestamp resolvedAt = rs.getTimestamp(10);
		return new Report(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				ReportReason.valueOf(rs.getString(4)), rs.getString(5), rs.getDouble(6), rs.getTimestamp(7).toInstant(),
				rs.getObject(8, UUID.class), ReportOutcome.valueOf(rs.getString(9)),
				resolvedAt == null ? null : resolvedAt.toInstant());
	}
}
