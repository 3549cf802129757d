package dev.reviewflow.platform;

import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's completions, batched, on a real PostgreSQL with the platform's table: PROCESSING is not written,
 * completions are written by the writer thread with their own dates, and what is queued at shutdown is written then.
 * Modulith's own repository is not reached on these paths (its stand-in refuses every call).
 */
class BatchedCompletionsTests {

	static final EventPublicationRepository REFUSES_EVERYTHING = (EventPublicationRepository) Proxy.newProxyInstance(
			BatchedCompletionsTests.class.getClassLoader(), new Class<?>[] { EventPublicationRepository.class },
			(proxy, method, args) -> {
				throw new AssertionError("Modulith's repository was called: " + method.getName());
			});

	@Test
	void completionsAreWrittenInBatchesWithTheirDatesAndProcessingIsNotWritten() {
		PlatformMigrationsTests.service("platform_completions")
			.withConfiguration(
					AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
			.withPropertyValues("spring.datasource.hikari.schema=platform_completions")
			.run(context -> {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
				for (UUID id : ids) {
					jdbc.sql("""
							insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
							  status, completion_attempts) values (?, 'listener', 'Event', ?, now(), 'PUBLISHED', 1)""")
						.params(id, "{\"id\":\"" + id + "\"}")
						.update();
				}
				BatchedCompletions completions = new BatchedCompletions(REFUSES_EVERYTHING, jdbc);
				Instant acknowledged = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(5);

				completions.markProcessing(ids.get(0));
				for (int i = 0; i < 3; i++) {
					completions.markCompleted(ids.get(i), acknowledged.plusSeconds(i));
				}
				assertThat(status(jdbc, ids.get(0))).as("queued, not yet written").isEqualTo("PUBLISHED");

				completions.start();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> jdbc.sql("select count(*) from event_publication where completion_date is not null")
						.query(Long.class)
						.single() == 3);
				for (int i = 0; i < 3; i++) {
					assertThat(status(jdbc, ids.get(i))).isEqualTo("COMPLETED");
					assertThat(jdbc.sql("select completion_date from event_publication where id = ?")
						.param(ids.get(i))
						.query(Timestamp.class)
						.single()
						.toInstant()).isEqualTo(acknowledged.plusSeconds(i));
				}

				completions.markCompleted(ids.get(3), acknowledged);
				completions.stop();
				assertThat(completions.isRunning()).isFalse();
				assertThat(status(jdbc, ids.get(3))).as("written at shutdown").isEqualTo("COMPLETED");
			});
	}

	static String status(JdbcClient jdbc, UUID id) {
		return jdbc.sql("select status from event_publication where id = ?").param(id).query(String.class).single();
	}
}
