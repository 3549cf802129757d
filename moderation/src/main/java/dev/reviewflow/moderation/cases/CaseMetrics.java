package dev.reviewflow.moderation.cases;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The queue's size and its oldest unresolved case's age, read from the database at each scrape. */
@Component
class CaseMetrics implements MeterBinder {

	private final JdbcClient jdbc;

	CaseMetrics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (CaseKind kind : CaseKind.values()) {
			Gauge.builder("reviewflow.moderation.cases.open", () -> jdbc
				.sql("select count(*) from moderation_case where state <> 'RESOLVED' and kind = ?")
				.param(kind.name())
				.query(Long.class)
				.single())
				.description("Cases not yet resolved (open or claimed)")
				.tag("kind", kind.name())
				.register(registry);
		}
		Gauge.builder("reviewflow.moderation.cases.oldest.open.age", () -> jdbc.sql("""
				select coalesce(extract(epoch from now() - min(opened_at)), 0) from moderation_case
				where state <> 'RESOLVED'""").query(Double.class).single())
			.description("How long the oldest unresolved case has waited")
			.baseUnit("seconds")
			.register(registry);
	}
}
