package dev.reviewflow.moderation.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log (table {@code audit_entry}: the application's role may only read and insert, and a trigger
 * refuses updates, deletes and truncation to every role). Entries are written in the transaction of what they
 * describe, so the log never tells of something that did not happen.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
	}

	/** Who did it, as the audit log names them. */
	record Actor(String kind, @Nullable String id) {

		static final Actor AUTOMATIC = new Actor("AUTOMATIC", null);

		static Actor moderator(String id) {
			return new Actor("MODERATOR", id);
		}

		static Actor admin(String id) {
			return new Actor("ADMIN", id);
		}

		static Actor user(String id) {
			return new Actor("USER", id);
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void record(Actor actor, String action, @Nullable UUID reviewId, @Nullable UUID caseId,
			@Nullable Integer policyVersion, List<String> reasons, @Nullable String detail) {
		jdbc.sql("""
				insert into audit_entry (at, actor, actor_id, action, review_id, case_id, policy_version, reasons, detail)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(Instant.now(clock)), actor.kind(), actor.id(), action, reviewId, caseId, policyVersion,
					reasons.toArray(String[]::new), detail)
			.update();
	}

	/** The newest entries first, of one review or of all. */
	public List<AuditEntry> entries(@Nullable UUID reviewId, int offset, int limit) {
		return jdbc.sql("""
				select entry_id, at, actor, actor_id, action, review_id, case_id, policy_version, reasons, detail
				from audit_entry where (cast(? as uuid) is null or review_id = ?)
				order by entry_id desc offset ? limit ?""")
			.params(reviewId, reviewId, offset, limit)
			.query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getObject(7, UUID.class),
					(Integer) rs.getObject(8), List.of((String[]) rs.getArray(9).getArray()), rs.getString(10)))
			.list();
	}

	public long count(@Nullable UUID reviewId) {
		return jdbc.sql("select count(*) from audit_entry where (cast(? as uuid) is null or review_id = ?)")
			.params(reviewId, reviewId)
			.query(Long.class)
			.single();
	}
}
