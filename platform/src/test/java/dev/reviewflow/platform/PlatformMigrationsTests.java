package dev.reviewflow.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.reviewflow.testsupport.SharedInfrastructure;
import dev.reviewflow.testsupport.SharedInfrastructure.Database;
import dev.reviewflow.testsupport.SharedInfrastructure.ServiceRoles;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's tables have a Flyway run and a history table of their own ({@code flyway_platform_history}), after
 * the service's own migrations, on a real PostgreSQL: in a new schema, again on the next start, and in a schema
 * migrated the old way (the platform's migrations in the service's history), which keeps its tables and rows.
 */
class PlatformMigrationsTests {

	/** The service's migrations as every service's application.yml and the platform's defaults give them. */
	static final String SERVICE_LOCATIONS = "classpath:db/test-service,classpath:db/platform-handover";

	static ApplicationContextRunner service(String schema) {
		ServiceRoles roles = SharedInfrastructure.roles(schema);
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
					ReviewflowFlywayAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + roles.runtime().jdbcUrl(),
					"spring.datasource.username=" + roles.runtime().username(),
					"spring.datasource.password=" + roles.runtime().password(),
					"spring.flyway.url=" + roles.owner().jdbcUrl(), "spring.flyway.user=" + roles.owner().username(),
					"spring.flyway.password=" + roles.owner().password(), "spring.flyway.schemas=" + schema,
					"spring.flyway.default-schema=" + schema, "spring.flyway.locations=" + SERVICE_LOCATIONS);
	}

	@Test
	void aNewSchemaGetsTheServicesMigrationsThenThePlatformsEachInItsOwnHistory() throws SQLException {
		String schema = "platform_new";
		ServiceRoles roles = SharedInfrastructure.roles(schema);
		service(schema).run(context -> assertThat(context).hasNotFailed());

		assertThat(scripts(roles.owner(), schema + ".flyway_schema_history")).containsExactly("V1__things.sql");
		assertThat(scripts(roles.owner(), schema + ".flyway_platform_history"))
			.containsExactly("<< Flyway Baseline >>", "V1__platform.sql");
		assertThat(tables(roles.owner(), schema)).containsExactlyInAnyOrder("thing", "thing_log", "event_publication",
				"processed_event", "idempotency_key", "rate_limit_hit", "flyway_schema_history",
				"flyway_platform_history");
		assertRuntimeGrants(roles, schema);

		// the next start applies nothing again
		service(schema).run(context -> assertThat(context).hasNotFailed());
		assertThat(scripts(roles.owner(), schema + ".flyway_schema_history")).containsExactly("V1__things.sql");
		assertThat(scripts(roles.owner(), schema + ".flyway_platform_history")).containsExactly(
				"<< Flyway Baseline >>", "V1__platform.sql");
	}

	/**
	 * A schema (a {@code .reviewflow/} folder, a compose volume) migrated when the platform's migrations shared the
	 * service's history: the platform's entries leave it, the platform's history begins at its baseline, and no table
	 * is created again, nor a row lost.
	 */
	@Test
	void aSchemaOfTheOldLayoutKeepsItsTablesAndRowsAndGetsThePlatformsOwnHistory() throws SQLException {
		String schema = "platform_old";
		ServiceRoles roles = SharedInfrastructure.roles(schema);
		Flyway.configure()
			.dataSource(roles.owner().jdbcUrl(), roles.owner().username(), roles.owner().password())
			.schemas(schema)
			.defaultSchema(schema)
			.locations("classpath:db/test-service", "classpath:db/old-platform")
			.placeholders(Map.of("app-role", roles.runtime().username()))
			.load()
			.migrate();
		assertThat(scripts(roles.owner(), schema + ".flyway_schema_history")).containsExactly("V0__platform.sql",
				"V1__things.sql", "R__idempotency_key_by_caller.sql", "R__rate_limits.sql", "R__runtime_role.sql");
		execute(roles.owner(), "insert into " + schema + ".processed_event values "
				+ "('6f1c1e0e-3b2a-4c55-9a59-0d5e3f4a1b2c', now())",
				"insert into " + schema + ".rate_limit_hit values ('alice', 'review', now())",
				"insert into " + schema + ".thing values (1, 'kept')");
		long oid = single(roles.owner(), "select '" + schema + ".processed_event'::regclass::oid");

		service(schema).run(context -> assertThat(context).hasNotFailed());

		assertThat(scripts(roles.owner(), schema + ".flyway_schema_history")).containsExactly("V1__things.sql");
		assertThat(scripts(roles.owner(), schema + ".flyway_platform_history"))
			.containsExactly("<< Flyway Baseline >>", "V1__platform.sql");
		// the same tables, not new ones, with their rows
		assertThat(single(roles.owner(), "select '" + schema + ".processed_event'::regclass::oid")).isEqualTo(oid);
		assertThat(single(roles.owner(), "select count(*) from " + schema + ".processed_event")).isEqualTo(1);
		assertThat(single(roles.owner(), "select count(*) from " + schema + ".rate_limit_hit")).isEqualTo(1);
		assertThat(single(roles.owner(), "select count(*) from " + schema + ".thing")).isEqualTo(1);
		assertRuntimeGrants(roles, schema);

		// and it stays so
		service(schema).run(context -> assertThat(context).hasNotFailed());
		assertThat(scripts(roles.owner(), schema + ".flyway_schema_history")).containsExactly("V1__things.sql");
		assertThat(single(roles.owner(), "select count(*) from " + schema + ".processed_event")).isEqualTo(1);
	}

	/** Local mode: one role migrates and runs the application; it keeps every right to what it owns. */
	@Test
	void whereOneRoleDoesBothItKeepsItsRightsAndTheNextStartMigratesAgain() throws SQLException {
		String schema = "platform_one_role";
		ServiceRoles roles = SharedInfrastructure.roles(schema);
		Database owner = roles.owner();
		ApplicationContextRunner oneRole = service(schema).withPropertyValues("spring.datasource.url=" + owner.jdbcUrl(),
				"spring.datasource.username=" + owner.username(), "spring.datasource.password=" + owner.password());
		oneRole.run(context -> assertThat(context).hasNotFailed());
		oneRole.run(context -> assertThat(context).hasNotFailed());
		for (String table : List.of("flyway_schema_history", "flyway_platform_history", "thing", "processed_event")) {
			assertThat(privileges(owner, owner.username(), schema + "." + table)).as(table)
				.containsExactly("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE");
		}
		assertThat(scripts(owner, schema + ".flyway_platform_history")).containsExactly("<< Flyway Baseline >>",
				"V1__platform.sql");
	}

	/** The one rule: history is read and added to, working state is written, Flyway's tables are not the application's. */
	static void assertRuntimeGrants(ServiceRoles roles, String schema) throws SQLException {
		String app = roles.runtime().username();
		for (String table : List.of("thing", "event_publication", "processed_event", "idempotency_key",
				"rate_limit_hit")) {
			assertThat(privileges(roles.owner(), app, schema + "." + table)).as(table)
				.containsExactly("SELECT", "INSERT", "UPDATE", "DELETE");
		}
		assertThat(privileges(roles.owner(), app, schema + ".thing_log")).containsExactly("SELECT", "INSERT");
		assertThat(privileges(roles.owner(), app, schema + ".flyway_schema_history")).isEmpty();
		assertThat(privileges(roles.owner(), app, schema + ".flyway_platform_history")).isEmpty();
	}

	static List<String> privileges(Database as, String role, String table) throws SQLException {
		List<String> granted = new ArrayList<>();
		for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")) {
			if (single(as, "select has_table_privilege('" + role + "', '" + table + "', '" + privilege + "')::int") == 1) {
				granted.add(privilege);
			}
		}
		return granted;
	}

	static List<String> scripts(Database as, String history) throws SQLException {
		List<String> scripts = new ArrayList<>();
		try (Connection connection = connect(as); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select script from " + history + " order by installed_rank")) {
			while (rows.next()) {
				scripts.add(rows.getString(1));
			}
		}
		return scripts;
	}

	static List<String> tables(Database as, String schema) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = connect(as); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select tablename from pg_tables where schemaname = '" + schema + "'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}

	static long single(Database as, String sql) throws SQLException {
		try (Connection connection = connect(as); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	static void execute(Database as, String... statements) throws SQLException {
		try (Connection connection = connect(as); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	static Connection connect(Database database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
	}
}
