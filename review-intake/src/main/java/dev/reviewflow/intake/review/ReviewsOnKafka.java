package dev.reviewflow.intake.review;

import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.platform.Outbox;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends the reviews' contract events to {@code reviews.review-events} through the transactional outbox, keyed by
 * review id, in the transaction that changed the review (so in the order they happened; a rollback sends nothing).
 */
@Component
class ReviewsOnKafka {

	private final Outbox outbox;

	ReviewsOnKafka(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(ReviewSubmitted event) {
		outbox.publish(event.reviewId().toString(), event);
	}

	@EventListener
	void on(ReviewEdited event) {
		outbox.publish(event.reviewId().toString(), event);
	}

	@EventListener
	void on(ReviewDeleted event) {
		outbox.publish(event.reviewId().toString(), event);
	}
}
