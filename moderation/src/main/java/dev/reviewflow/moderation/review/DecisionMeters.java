package dev.reviewflow.moderation.review;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts decisions by outcome and actor once they have committed. */
@Component
class DecisionMeters {

	private final MeterRegistry meters;

	DecisionMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@TransactionalEventListener
	void on(ReviewDecided decided) {
		meters.counter("reviewflow.moderation.decisions", "outcome", decided.status().name(), "actor",
				decided.actor().name().toLowerCase(Locale.ROOT)).increment();
	}
}
