package dev.reviewflow.platform;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes consumers idempotent: remembers the id of every event a service has applied, in the same transaction as the
 * state change the event caused (table {@code processed_event} in the service's own schema).
 */
public class ProcessedEvents {

	private final JdbcClient jdbc;

	ProcessedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the event as processed.
	 * @return {@code true} the first time an id is seen, {@code false} for a redelivery that must change nothing
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(UUID eventId) {
		return jdbc
			.sql("insert into processed_event (event_id, processed_at) values (?, ?) on conflict do nothing")
			.params(eventId, java.sql.Timestamp.from(Instant.now()))
			.update() == 1;
	}
}
