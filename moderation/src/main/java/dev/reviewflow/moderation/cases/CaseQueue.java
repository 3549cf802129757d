package dev.reviewflow.moderation.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the queue: highest priority first, then oldest. Priority = the case's weight (its weighted reports; 1 for a
 * held review or an appeal) + one point per day it has been waiting, so nothing waits forever behind newer, heavier
 * cases.
 */
@Service
public class CaseQueue {

	static final String STATUS = """
			case when state = 'CLAIMED' and claim_expires_at <= now() then 'OPEN' else state end""";

	static final String PRIORITY = """
			weight + extract(epoch from (coalesce(resolved_at, now()) - opened_at)) / 86400.0""";

	private static final String COLUMNS = """
			case_id, review_id, kind, %s as status, %s as priority, weight, reasons, statement, opened_at,
			  claimed_by, claim_expires_at, resolved_at, resolved_by, action, resolution, policy_version,
			  title_id, author_id, headline"""
		.formatted(STATUS, PRIORITY);

	private static final String FROM = "from moderation_case join review using (review_id)";

	private static final String FILTER = FROM + """

			where (cast(? as text) is null or %s = ?)
			  and (cast(? as text) is null or kind = ?)
			  and (cast(? as text) is null or ? = any(reasons))""".formatted(STATUS);

	private final JdbcClient jdbc;

	CaseQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<CaseView> list(@Nullable CaseState status, @Nullable CaseKind kind, @Nullable String reason,
			long offset, int limit) {
		return jdbc.sql("select " + COLUMNS + " " + FILTER + " order by priority desc, opened_at, case_id offset ? limit ?")
			.params(filter(status, kind, reason, offset, limit))
			.query((rs, n) -> moderationCase(rs))
			.list();
	}

	public long count(@Nullable CaseState status, @Nullable CaseKind kind, @Nullable String reason) {
		return jdbc.sql("select count(*) " + FILTER).params(filter(status, kind, reason)).query(Long.class).single();
	}

	/** The queue's depth: open and claimed cases, and the oldest open one, in one reading. */
	public QueueDepth depth() {
		return jdbc.sql("""
				with unresolved as (
				  select case_id, opened_at, %s as status from moderation_case where state <> 'RESOLVED'),
				oldest as (
				  select case_id, opened_at from unresolved where status = 'OPEN' order by opened_at, case_id limit 1)
				select (select count(*) from unresolved where status = 'OPEN'),
				  (select count(*) from unresolved where status = 'CLAIMED'),
				  (select opened_at from oldest), (select case_id from oldest), now()""".formatted(STATUS))
			.query((rs, n) -> new QueueDepth(rs.getLong(1), rs.getLong(2), instant(rs.getTimestamp(3)),
					rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant()))
			.single();
	}

	public Optional<CaseView> find(UUID caseId) {
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where case_id = ?")
			.param(caseId)
			.query((rs, n) -> moderationCase(rs))
			.optional();
	}

	/** The author's appeal about the review, if they made one (one per review). */
	public Optional<CaseView> appealOf(UUID reviewId) {
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where review_id = ? and kind = 'APPEAL'")
			.param(reviewId)
			.query((rs, n) -> moderationCase(rs))
			.optional();
	}

	private static Object[] filter(@Nullable CaseState status, @Nullable CaseKind kind, @Nullable String reason,
			Object... more) {
		String s = status == null ? null : status.name();
		String k = kind == null ? null : kind.name();
		Object[] params = { s, s, k, k, reason, reason };
		Object[] all = java.util.Arrays.copyOf(params, params.length + more.length);
		System.arraycopy(more, 0, all, params.length, more.length);
		return all;
	}

	private static CaseView moderationCase(ResultSet rs) throws SQLException {
		String action = rs.getString(14);
		return new CaseView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(17),
				rs.getString(18), rs.getString(19), CaseKind.valueOf(rs.getString(3)), CaseState.valueOf(rs.getString(4)), rs.getDouble(5),
				rs.getDouble(6), List.of((String[]) rs.getArray(7).getArray()), rs.getString(8),
				rs.getTimestamp(9).toInstant(), rs.getString(10), instant(rs.getTimestamp(11)),
				instant(rs.getTimestamp(12)), rs.getString(13), action == null ? null : CaseAction.valueOf(action),
				rs.getString(15), (Integer) rs.getObject(16));
	}

	private static java.time.@Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
