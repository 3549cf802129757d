package dev.reviewflow.moderation.review;

import java.util.Locale;

import dev.reviewflow.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts decisions by outcome and actor once they have committed. */
@Component
class DecisionMeters {

	private final MeterRegistry meters;

	DecisionMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(ReviewDecided decided) {
		AfterCommit.run(() -> {
			meters.counter("reviewflow.moderation.decisions", "outcome", decided.status().name(), "actor",
					decided.actor().name().toLowerCase(Locale.ROOT)).increment();
		});
	}
}
