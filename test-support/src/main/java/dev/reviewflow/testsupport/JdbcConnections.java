package dev.reviewflow.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Spring Boot's connection details for a database; a class of its own, so applications without JDBC on their class
 * path (scoring) never load it.
 */
public final class JdbcConnections {

	private JdbcConnections() {
	}

	public static JdbcConnectionDetails details(SharedInfrastructure.Database database) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return database.username();
			}

			@Override
			public String getPassword() {
				return database.password();
			}

			@Override
			public String getJdbcUrl() {
				return database.jdbcUrl();
			}
		};
	}
}
