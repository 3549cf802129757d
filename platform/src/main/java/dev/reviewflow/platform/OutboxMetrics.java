package dev.reviewflow.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's backlog, read from the event publication registry at each scrape: how many publications Kafka has not
 * acknowledged yet, and how long the oldest of them has waited (0 when there is none).
 */
class OutboxMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	OutboxMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("reviewflow.outbox.backlog",
				() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
					.query(Long.class)
					.single())
			.description("Events stored but not yet acknowledged by Kafka")
			.register(registry);
		Gauge.builder("reviewflow.outbox.oldest.age", () -> jdbc.sql("""
				select coalesce(extract(epoch from now() - min(publication_date)), 0) from event_publication
				where completion_date is null""").query(Double.class).single())
			.description("How long the oldest event not yet acknowledged by Kafka has waited")
			.baseUnit("seconds")
			.register(registry);
	}
}
