package dev.reviewflow.moderation.report;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.moderation.cases.CaseReports;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of reports: the reporter's own, and those behind a case (for the moderator looking at it). */
@Service
public class ReportQueries implements CaseReports {

	private static final String SELECT = """
			select r.report_id, r.review_id, v.title_id, r.reason, r.note, r.reported_at, r.outcome, r.resolved_at
			from report r join review v on v.review_id = r.review_id""";

	private final JdbcClient jdbc;

	ReportQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The reporter's reports, newest first. */
	public List<ReportView> of(String reporterId, long offset, int limit) {
		return jdbc.sql(SELECT + " where r.reporter_id = ? order by r.reported_at desc, r.report_id offset ? limit ?")
			.params(reporterId, offset, limit)
			.query((rs, n) -> {
				Timestamp resolvedAt = rs.getTimestamp(8);
				return new ReportView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						ReportReason.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
						ReportOutcome.valueOf(rs.getString(7)), resolvedAt == null ? null : resolvedAt.toInstant());
			})
			.list();
	}

	public long count(String reporterId) {
		return jdbc.sql("select count(*) from report where reporter_id = ?").param(reporterId).query(Long.class).single();
	}

	@Override
	public List<CaseReport> ofCase(UUID caseId) {
		return jdbc.sql("""
				select report_id, reporter_id, reason, note, weight, reported_at, outcome from report
				where case_id = ? order by reported_at, report_id""")
			.param(caseId)
			.query((rs, n) -> new CaseReport(rs.getObject(1, UUID.class), rs.getString(2),
					ReportReason.valueOf(rs.getString(3)), rs.getString(4), rs.getDouble(5),
					rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.list();
	}

	/** The report as its reporter sees it. */
	ReportView view(Report report, String titleId) {
		return new ReportView(report.reportId(), report.reviewId(), titleId, report.reason(), report.note(),
				report.reportedAt(), report.outcome(), report.resolvedAt());
	}
}
