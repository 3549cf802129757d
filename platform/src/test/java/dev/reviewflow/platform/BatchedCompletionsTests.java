package dev.reviewflow.platform;

import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's completions, batched, on a real PostgreSQL with the platform's table: a first send's PROCESSING is not
 * written, completions are written by the writer thread with their own dates, and what is queued when the repository
 * closes is written then. Modulith's own repository is reached only for a resubmission (its stand-in records those
 * calls and refuses every other).
 */
class BatchedCompletionsTests {

	final List<String> forwarded = new CopyOnWriteArrayList<>();

	final EventPublicationRepository modulith = (EventPublicationRepository) Proxy.newProxyInstance(
			BatchedCompletionsTests.class.getClassLoader(), new Class<?>[] { EventPublicationRepository.class },
			(proxy, method, args) -> {
				switch (method.getName()) {
					case "markResubmitted" -> {
						forwarded.add("resubmitted " + args[0]);
						return true;
					}
					case "markProcessing" -> {
						forwarded.add("processing " + args[0]);
						return null;
					}
					default -> throw new AssertionError("Modulith's repository was called: " + method.getName());
				}
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
				BatchedCompletions completions = new BatchedCompletions(modulith, jdbc);
				Instant acknowledged = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(5);

				completions.markProcessing(ids.get(0));
				assertThat(forwarded).as("a first send's PROCESSING is not written").isEmpty();
				assertThat(completions.isWriting()).as("no writer before the first completion").isFalse();
				for (int i = 0; i < 3; i++) {
					completions.markCompleted(ids.get(i), acknowledged.plusSeconds(i));
				}
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

				// a resubmission is marked PROCESSING by Modulith, once, or it would stay RESUBMITTED and never be sent again
				assertThat(completions.markResubmitted(ids.get(3), acknowledged)).isTrue();
				completions.markProcessing(ids.get(3));
				completions.markProcessing(ids.get(3));
				assertThat(forwarded).containsExactly("resubmitted " + ids.get(3), "processing " + ids.get(3));

				completions.markCompleted(ids.get(3), acknowledged);
				completions.close();
				assertThat(completions.isWriting()).isFalse();
				assertThat(status(jdbc, ids.get(3))).as("written when closed").isEqualTo("COMPLETED");
			});
	}

	static String status(JdbcClient jdbc, UUID id) {
		return jdbc.sql("select status from event_publication where id = ?").param(id).query(String.class).single();
	}
}
