package dev.reviewflow.platform;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
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
			boolean configured = placeholders.keySet()
				.stream()
				.anyMatch(name -> name.toLowerCase(Locale.ROOT).equals(APP_ROLE));
			JdbcConnectionDetails details = connectionDetails.getIfAvailable();
			if (!configured && details != null && details.getUsername() != null) {
				placeholders.put(APP_ROLE, details.getUsername());
				configuration.placeholders(placeholders);
			}
		};
	}
}
