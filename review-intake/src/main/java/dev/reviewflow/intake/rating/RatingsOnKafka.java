package dev.reviewflow.intake.rating;

import dev.reviewflow.events.RatingSet;
import dev.reviewflow.platform.Outbox;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sends every rating change to {@code reviews.ratings} through the transactional outbox, keyed by title id. */
@Component
class RatingsOnKafka {

	private final Outbox outbox;

	RatingsOnKafka(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(RatingSet event) {
		outbox.publish(event.titleId(), event);
	}
}
