package dev.reviewflow.moderation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.testsupport.Http;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * moderation runs as its runtime role, which owns nothing: Flyway migrated as the owner of the schema. Decisions, the
 * audit log and the policy's versions take inserts only; the runtime role can neither change their rows nor lift the
 * protection (drop or disable the trigger, alter the table, grant itself more), and the trigger refuses the owner too.
 */
class DatabaseRolesIntegrationTests extends ModerationIntegrationTest {

	/** The history tables, each with a column to try to change. */
	static final Map<String, String> HISTORY = Map.of("decision", "status", "audit_entry", "actor", "policy",
			"changed_by");

	/** PostgreSQL's SQLSTATE for "permission denied" and "must be owner". */
	static final String INSUFFICIENT_PRIVILEGE = "42501";

	/** What the append-only triggers raise. */
	static final String RAISED = "P0001";

	@Test
	void theApplicationRunsAsARoleThatOwnsNothingAndMayCreateNothing() {
		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("moderation_app");
		assertThat(jdbc.sql("select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = "
				+ "current_user)").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select distinct tableowner from pg_tables where schemaname = 'moderation'")
			.query(String.class)
			.list()).containsExactly("moderation_owner");
		assertThat(jdbc.sql("select has_schema_privilege('moderation', 'CREATE')").query(Boolean.class).single())
			.isFalse();
		assertThat(refusal(() -> jdbc.sql("create table moderation.shadow (id int)").update()).getSQLState())
			.isEqualTo(INSUFFICIENT_PRIVILEGE);
		// nor may it replace a trigger's function with one that lets everything through
		SQLException replaced = refusal(() -> jdbc.sql("""
				create or replace function history_is_append_only() returns trigger language plpgsql
				as $$ begin return null; end $$""").update());
		assertThat(replaced.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE);
	}

	@Test
	void theRuntimeRoleMayOnlyReadAndAddHistoryAndCannotLiftThat() {
		UUID reviewId = moderated("author-h1", "Stirring casino scenes.", "HELD");
		Map<String, Long> before = counts();
		assertThat(before).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

		HISTORY.forEach((table, column) -> {
			for (String statement : new String[] { "update " + table + " set " + column + " = " + column,
					"delete from " + table, "truncate " + table, "drop trigger " + table + "_append_only on " + table,
					"alter table " + table + " disable trigger " + table + "_append_only",
					"alter table " + table + " disable trigger all", "alter table " + table + " owner to current_user",
					"drop table " + table }) {
				SQLException refused = refusal(() -> jdbc.sql(statement).update());
				assertThat(refused.getSQLState()).as(statement).isEqualTo(INSUFFICIENT_PRIVILEGE);
				assertThat(refused.getMessage()).as(statement).contains(table);
			}
			// PostgreSQL only warns here ("no privileges were granted"); what counts is that nothing was granted
			jdbc.sql("grant update, delete, truncate on " + table + " to moderation_app").update();
			for (String privilege : new String[] { "UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES" }) {
				assertThat(jdbc.sql("select has_table_privilege(?, ?)").params(table, privilege).query(Boolean.class)
					.single()).as(table + " " + privilege).isFalse();
			}
			for (String privilege : new String[] { "SELECT", "INSERT" }) {
				assertThat(jdbc.sql("select has_table_privilege(?, ?)").params(table, privilege).query(Boolean.class)
					.single()).as(table + " " + privilege).isTrue();
			}
		});
		assertNothingWasTaken(before);
		assertThat(jdbc.sql("""
				select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid
				  join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'moderation' and t.tgname like '%append_only' and t.tgenabled = 'O'""")
			.query(Long.class).single()).isEqualTo(3);
		long auditOfReview = auditEntriesOf(reviewId);

		// and the application still adds to them: a moderator's decision on the held review
		Http moderator = as("mod-h1", "MODERATOR");
		UUID caseId = openCase(reviewId);
		assertThat(moderator.post("/api/moderation/cases/" + caseId + "/claim", "").status()).isEqualTo(200);
		assertThat(moderator.post("/api/moderation/cases/" + caseId + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"fine\"}").status()).isEqualTo(200);
		awaitStatus(reviewId, "PUBLISHED");
		assertThat(jdbc.sql("select status from decision where review_id = ? order by sequence").param(reviewId)
			.query(String.class).list()).containsExactly("HELD", "PUBLISHED");
		assertThat(auditEntriesOf(reviewId)).isGreaterThan(auditOfReview);
	}

	/** A table a later migration creates is append-only for the runtime role until that migration says otherwise. */
	@Test
	void tablesOfLaterMigrationsMayOnlyBeReadAndAddedToByDefault() throws SQLException {
		try (Connection owner = asOwner(); Statement statement = owner.createStatement()) {
			statement.execute("create table moderation.later_history (id int)");
			try {
				for (String privilege : new String[] { "SELECT", "INSERT" }) {
					assertThat(jdbc.sql("select has_table_privilege('moderation.later_history', ?)").param(privilege)
						.query(Boolean.class).single()).as(privilege).isTrue();
				}
				for (String privilege : new String[] { "UPDATE", "DELETE", "TRUNCATE", "TRIGGER" }) {
					assertThat(jdbc.sql("select has_table_privilege('moderation.later_history', ?)").param(privilege)
						.query(Boolean.class).single()).as(privilege).isFalse();
				}
			}
			finally {
				statement.execute("drop table moderation.later_history");
			}
		}
	}

	@Test
	void theTriggersRefuseChangesToHistoryEvenToTheOwner() throws SQLException {
		moderated("author-h2", "Free promo code inside.", "HELD");
		Map<String, Long> before = counts();
		try (Connection owner = asOwner(); Statement statement = owner.createStatement()) {
			HISTORY.forEach((table, column) -> {
				for (String sql : new String[] { "update " + table + " set " + column + " = " + column,
						"delete from " + table, "truncate " + table }) {
					Throwable thrown = catchThrowable(() -> statement.execute(sql));
					assertThat(thrown).as(sql).isInstanceOf(SQLException.class);
					SQLException refused = (SQLException) thrown;
					assertThat(refused.getSQLState()).as(sql).isEqualTo(RAISED);
					assertThat(refused.getMessage()).as(sql).contains("append-only");
				}
			});
		}
		assertNothingWasTaken(before);
	}

	/**
	 * No row of the history tables went: they may have grown meanwhile (the shared context's consumers may still be
	 * working through earlier tests' events), never shrunk.
	 */
	void assertNothingWasTaken(Map<String, Long> before) {
		counts().forEach((table, rows) -> assertThat(rows).as(table).isGreaterThanOrEqualTo(before.get(table)));
	}

	long auditEntriesOf(UUID reviewId) {
		return jdbc.sql("select count(*) from audit_entry where review_id = ?").param(reviewId).query(Long.class)
			.single();
	}

	Map<String, Long> counts() {
		return Map.of("decision", count("decision"), "audit_entry", count("audit_entry"), "policy", count("policy"));
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	/** The database's refusal of what the application's role tried. */
	static SQLException refusal(ThrowingCallable statement) {
		Throwable thrown = catchThrowable(statement);
		assertThat(thrown).isInstanceOf(DataAccessException.class);
		Throwable cause = ((DataAccessException) thrown).getMostSpecificCause();
		assertThat(cause).isInstanceOf(SQLException.class);
		return (SQLException) cause;
	}
}
