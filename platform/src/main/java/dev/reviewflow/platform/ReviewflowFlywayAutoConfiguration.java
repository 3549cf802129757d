package dev.reviewflow.platform;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Gives the services' migrations the placeholder {@code ${app-role}}: the runtime role the application connects as,
 * which their grants name. Flyway itself migrates as the owner of the schema ({@code spring.flyway.user}, or the same
 * user where there is only one). Unless {@code spring.flyway.placeholders.app-role} names another role, it is the
 * user of the application's own connections, so the grants always reach the role that runs the application.
 */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({ Flyway.class, FlywayConfigurationCustomizer.class, JdbcConnectionDetails.class })
public class ReviewflowFlywayAutoConfiguration {

	/** The placeholder's name in the migrations ({@code "${app-role}"}). */
	public static final String APP_ROLE = "app-role";

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
