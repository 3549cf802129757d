package dev.reviewflow.intake.review;

import java.util.Optional;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.platform.ProcessedEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies moderation's decisions ({@code reviews.moderation-decisions}) to the reviews they are about: once per event
 * id, through the aggregate's rules ({@link Review#apply}), publishing what the decision changed in the same
 * transaction.
 */
@Component
class ModerationOutcomes {

	private final ReviewStore store;

	private final ProcessedEvents processed;

	private final ApplicationEventPublisher events;

	ModerationOutcomes(ReviewStore store, ProcessedEvents processed, ApplicationEventPublisher events) {
		this.store = store;
		this.processed = processed;
		this.events = events;
	}

	/**
	 * Three consumers share the topic's partitions (one could not keep up with the reviews submitted): a review's
	 * decisions stay in order, one partition and one consumer each, and each is applied under the review's row lock.
	 */
	@KafkaListener(id = "review-intake.moderation-decisions", topics = "reviews.moderation-decisions",
			concurrency = "3")
	@Transactional
	void on(CloudEvent<?> event) {
		if (event.data() instanceof ModerationDecided decided && processed.firstDelivery(event.id())) {
			Optional<Review> review = store.lock(decided.reviewId());
			if (review.isPresent() && review.get().apply(decided)) {
				store.update(review.get());
				review.get().releaseEvents().forEach(events::publishEvent);
			}
		}
	}
}
