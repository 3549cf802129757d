package dev.reviewflow.platform;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Two Flyway runs in the service's schema, as the owner of the schema ({@code spring.flyway.user}, or the same user
 * where there is only one): first the service's own migrations ({@code spring.flyway.locations}, history
 * {@code flyway_schema_history}), then the platform's ({@value #PLATFORM_LOCATION}, history
 * {@value #PLATFORM_HISTORY}), whose {@code afterMigrate} grants the runtime role its rows on every table, the
 * service's included. The platform's history starts at a baseline (version 0) in a schema that already has tables, and
 * its migrations create only what is missing, so a schema migrated before the platform had a history table of its
 * own keeps its tables and rows; {@code db/platform-handover}, among the service's locations, moves the platform's old
 * entries out of the service's history. Compose's {@code <service>-migrate} runs the same two with the Flyway CLI.
 * <p>
 * Both runs get the placeholder {@code ${app-role}}: the runtime role the application connects as, which the grants
 * name. Unless {@code spring.flyway.placeholders.app-role} names another role, it is the user of the application's
 * own connections, so the grants always reach the role that runs the application.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({ Flyway.class, FlywayConfigurationCustomizer.class, JdbcConnectionDetails.class })
public class ReviewflowFlywayAutoConfiguration {

	/** The placeholder's name in the migrations ({@code "${app-role}"}). */
	public static final String APP_ROLE = "app-role";

	/** Where the platform's migrations are. */
	public static final String PLATFORM_LOCATION = "classpath:db/platform";

	/** The platform's own history table, in the service's schema. */
	public static final String PLATFORM_HISTORY = "flyway_platform_history";

	/** The platform's history starts here in a schema that has tables already; its first migration is V1. */
	public static final String PLATFORM_BASELINE = "0";

	/** The service's migrations, then the platform's. */
	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy serviceThenPlatformMigrations() {
		return flyway -> {
			flyway.migrate();
			platform(flyway.getConfiguration()).migrate();
		};
	}

	/** The platform's run: the service's settings (connection, schema, placeholders), its own locations and history. */
	public static Flyway platform(Configuration service) {
		return Flyway.configure(service.getClassLoader())
			.configuration(service)
			.locations(PLATFORM_LOCATION)
			.table(PLATFORM_HISTORY)
			.baselineOnMigrate(true)
			.baselineVersion(PLATFORM_BASELINE)
			.load();
	}

	@Bean
	FlywayConfigurationCustomizer appRolePlaceholder(ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		return configuration -> {
			Map<String, String> placeholders = new LinkedHashMap<>(configuration.getPlaceholders());
			// set in the environment (SPRING_FLYWAY_PLACEHOLDERS_APPROLE) the name may arrive without its dash
			boolean configured = placeholders.keySet()
				.stream()
				.anyMatch(name -> name.toLowerCase(Locale.ROOT).replace("-", "").replace(".", "").equals("approle"));
			JdbcConnectionDetails details = connectionDetails.getIfAvailable();
			if (!configured && details != null && details.getUsername() != null) {
				placeholders.put(APP_ROLE, details.getUsername());
				configuration.placeholders(placeholders);
			}
			// the name goes into the migrations' SQL as it is: only a plain role name may
			configuration.getPlaceholders().forEach((name, value) -> {
				if (name.toLowerCase(Locale.ROOT).replace("-", "").replace(".", "").equals("approle")
						&& !value.matches("[a-z_][a-z0-9_]{0,62}")) {
					throw new InvalidConfigurationPropertyValueException("spring.flyway.placeholders.app-role", value,
							"The role the application runs as must be a plain lower-case role name "
									+ "([a-z_][a-z0-9_]*), since the migrations grant to it by name.");
				}
			});
		};
	}
}
