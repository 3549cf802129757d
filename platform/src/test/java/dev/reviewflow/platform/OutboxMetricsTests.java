package dev.reviewflow.platform;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's gauges on a real PostgreSQL with the platform's table, read as a scrape reads them: only publications
 * Kafka has not acknowledged count, and the age is the oldest of those, 0 when there is none.
 */
class OutboxMetricsTests {

	@Test
	void theBacklogAndItsOldestAgeCountOnlyWhatKafkaHasNotAcknowledged() {
		PlatformMigrationsTests.service("platform_outbox_metrics")
			.withConfiguration(
					AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
			.withPropertyValues("spring.datasource.hikari.schema=platform_outbox_metrics")
			.run(context -> {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				jdbc.sql("delete from event_publication").update();
				MeterRegistry registry = new SimpleMeterRegistry();
				new OutboxMetrics(jdbc).bindTo(registry);

				assertThat(backlog(registry)).isZero();
				assertThat(oldestAge(registry)).isZero();

				// acknowledged two hours ago, after waiting three: no longer part of the backlog
				publication(jdbc, "5 hours", "2 hours");
				publication(jdbc, "90 seconds", null);
				publication(jdbc, "10 seconds", null);
				assertThat(backlog(registry)).isEqualTo(2);
				assertThat(oldestAge(registry)).isBetween(90.0, 150.0);
				assertThat(registry.get("reviewflow.outbox.oldest.age").gauge().getId().getBaseUnit())
					.isEqualTo("seconds");

				jdbc.sql("update event_publication set completion_date = now(), status = 'COMPLETED'").update();
				assertThat(backlog(registry)).isZero();
				assertThat(oldestAge(registry)).isZero();
			});
	}

	private static void publication(JdbcClient jdbc, String publishedAgo, String completedAgo) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  completion_date, status, completion_attempts)
				values (?, 'listener', 'Event', ?, now() - cast(? as interval),
				  now() - cast(? as interval), ?, 1)""")
			.params(id, "{\"id\":\"" + id + "\"}", publishedAgo, completedAgo,
					completedAgo == null ? "PUBLISHED" : "COMPLETED")
			.update();
	}

	private static double backlog(MeterRegistry registry) {
		return registry.get("reviewflow.outbox.backlog").gauge().value();
	}

	private static double oldestAge(MeterRegistry registry) {
		return registry.get("reviewflow.outbox.oldest.age").gauge().value();
	}
}
