package dev.reviewflow.moderation.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads and saves {@link ModerationCase}s (table {@code moderation_case}) and, on save, publishes the events the case
 * registered, in the caller's transaction. Whatever changes a case locks its review first, then the case (row locks
 * {@code for update}), so concurrent reports, decisions and revisions of one review never deadlock and never both
 * win; the unique indexes (one unresolved case, one appeal per review) are the last word.
 */
@Repository
class CaseStore {

	private static final String COLUMNS = """
			select c.case_id, c.review_id, r.author_id, c.kind, c.state, c.reasons, c.weight, c.statement, c.opened_at,
			  c.claimed_by, c.claim_expires_at, c.resolved_at, c.resolved_by, c.action, c.resolution, c.policy_version
			from moderation_case c join review r using (review_id)""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	CaseStore(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	Optional<ModerationCase> find(UUID caseId) {
		return jdbc.sql(COLUMNS + " where c.case_id = ?").param(caseId).query((rs, n) -> moderationCase(rs)).optional();
	}

	/** The case, locked until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<ModerationCase> lock(UUID caseId) {
		return jdbc.sql(COLUMNS + " where c.case_id = ? for update of c")
			.param(caseId)
			.query((rs, n) -> moderationCase(rs))
			.optional();
	}

	/** The review's unresolved cases (at most one), locked until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	List<ModerationCase> lockUnresolved(UUID reviewId) {
		return jdbc.sql(COLUMNS + " where c.review_id = ? and c.state <> 'RESOLVED' for update of c")
			.param(reviewId)
			.query((rs, n) -> moderationCase(rs))
			.list();
	}

	Optional<UUID> unresolved(UUID reviewId) {
		return jdbc.sql("select case_id from moderation_case where review_id = ? and state <> 'RESOLVED'")
			.param(reviewId)
			.query(UUID.class)
			.optional();
	}

	/** Now, as the database's clock tells it (in a transaction: when it began, as {@code now()} in its SQL). */
	Instant databaseNow() {
		return jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
	}

	/** The reasons of the review's last case a moderator decided REMOVE, if any. */
	List<String> reasonsOfLastRemoval(UUID reviewId) {
		return jdbc.sql("""
				select reasons from moderation_case where review_id = ? and action = 'REMOVE'
				order by resolved_at desc limit 1""")
			.param(reviewId)
			.query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
			.optional()
			.orElse(List.of());
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void insert(ModerationCase opened) {
		jdbc.sql("""
				insert into moderation_case (case_id, review_id, kind, state, reasons, weight, statement, opened_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(opened.caseId(), opened.reviewId(), opened.kind().name(), opened.state().name(),
					opened.reasons().toArray(String[]::new), opened.weight(), opened.statement(),
					Timestamp.from(opened.openedAt()))
			.update();
		publish(opened);
	}

	/** Stores what changed on a case the caller holds locked. */
	@Transactional(propagation = Propagation.MANDATORY)
	void save(ModerationCase changed) {
		int updated = jdbc.sql("""
				update moderation_case set state = ?, reasons = ?, weight = ?, claimed_by = ?, claim_expires_at = ?,
				  resolved_at = ?, resolved_by = ?, action = ?, resolution = ?, policy_version = ?
				where case_id = ?""")
			.params(changed.state().name(), changed.reasons().toArray(String[]::new), changed.weight(),
					changed.claimedBy(), timestamp(changed.claimExpiresAt()), timestamp(changed.resolvedAt()),
					changed.resolvedBy(), changed.action() == null ? null : changed.action().name(),
					changed.resolution(), changed.policyVersion(), changed.caseId())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Case " + changed.caseId() + " vanished while locked");
		}
		publish(changed);
	}

	private void publish(ModerationCase changed) {
		changed.events().forEach(events::publishEvent);
		changed.clearEvents();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static ModerationCase moderationCase(ResultSet rs) throws SQLException {
		String action = rs.getString(14);
		return new ModerationCase(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				CaseKind.valueOf(rs.getString(4)), CaseState.valueOf(rs.getString(5)),
				rs.getDouble(7), List.of((String[]) rs.getArray(6).getArray()), rs.getString(8),
				rs.getTimestamp(9).toInstant(), rs.getString(10), instant(rs.getTimestamp(11)),
				instant(rs.getTimestamp(12)), rs.getString(13), action == null ? null : CaseAction.valueOf(action),
				rs.getString(15), (Integer) rs.getObject(16));
	}
}
