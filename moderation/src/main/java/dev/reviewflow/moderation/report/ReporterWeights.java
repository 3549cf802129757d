package dev.reviewflow.moderation.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How much a reporter's report weighs, from their record (as Discourse weighs flags by the flagger's accuracy):
 * <pre>weight = clamp((1 + upheld) / (1 + dismissed), 0.25, 4)</pre>
 * where {@code upheld} counts their past reports on reviews moderators removed and {@code dismissed} those on reviews
 * moderators kept. Someone with no record weighs exactly 1; three upheld reports and none dismissed make 4 (the most);
 * three dismissed and none upheld make 0.25 (the least: even a careless reporter is still heard).
 */
@Component
class ReporterWeights {

	static final double MIN = 0.25;

	static final double MAX = 4;

	private final JdbcClient jdbc;

	ReporterWeights(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	double of(String reporterId) {
		return jdbc.sql("""
				select count(*) filter (where outcome = 'UPHELD'), count(*) filter (where outcome = 'DISMISSED')
				from report where reporter_id = ?""")
			.param(reporterId)
			.query((rs, n) -> weight(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	static double weight(long upheld, long dismissed) {
		return Math.clamp((1.0 + upheld) / (1.0 + dismissed), MIN, MAX);
	}
}
