package dev.reviewflow.intake.rating;

import dev.reviewflow.events.RatingSet;
import dev.reviewflow.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code reviewflow.ratings.set{outcome=set|withdrawn}}, counted once the change has committed. */
@Component
class RatingMetrics {

	private final MeterRegistry meters;

	RatingMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(RatingSet event) {
		String outcome = event.rating() == null ? "withdrawn" : "set";
		AfterCommit.run(() -> meters.counter("reviewflow.ratings.set", "outcome", outcome).increment());
	}
}
