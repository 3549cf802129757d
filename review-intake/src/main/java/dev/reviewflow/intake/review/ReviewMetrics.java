package dev.reviewflow.intake.review;

import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code reviewflow.reviews.submitted}, {@code .edited} and {@code .deleted} ({@code type}, {@code outcome}),
 * counted once the change has committed.
 */
@Component
class ReviewMetrics {

	private final MeterRegistry meters;

	ReviewMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(ReviewSubmitted event) {
		count("reviewflow.reviews.submitted", event.type());
	}

	@EventListener
	void on(ReviewEdited event) {
		count("reviewflow.reviews.edited", event.type());
	}

	@EventListener
	void on(ReviewDeleted event) {
		count("reviewflow.reviews.deleted", event.type());
	}

	private void count(String name, ReviewType type) {
		AfterCommit.run(() -> meters.counter(name, "type", type.name(), "outcome", "accepted").increment());
	}
}
