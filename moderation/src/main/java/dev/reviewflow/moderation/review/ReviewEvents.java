package dev.reviewflow.moderation.review;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.platform.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps moderation's view of reviews current and pre-moderates every new revision. */
@Component
class ReviewEvents {

	private final ReviewScreening screening;

	private final ProcessedEvents processed;

	ReviewEvents(ReviewScreening screening, ProcessedEvents processed) {
		this.screening = screening;
		this.processed = processed;
	}

	/**
	 * Three consumers share the topic's partitions: screening a review takes several statements and a commit, and one
	 * consumer could not keep up with the reviews review-intake accepts. A review's events stay in order (one
	 * partition, one consumer); ReviewScreening screens one author's reviews one at a time.
	 */
	@KafkaListener(id = "moderation.review-events", topics = "reviews.review-events", concurrency = "3")
	@Transactional
	void on(CloudEvent<?> event) {
		if (!processed.firstDelivery(event.id())) {
			return;
		}
		switch (event.data()) {
			case ReviewSubmitted submitted -> screening.received(submitted.reviewId(), submitted.titleId(),
					submitted.authorId(), submitted.type(), submitted.revision(), submitted.headline(),
					submitted.body(), submitted.submittedAt());
			case ReviewEdited edited -> screening.received(edited.reviewId(), edited.titleId(), edited.authorId(),
					edited.type(), edited.revision(), edited.headline(), edited.body(), edited.editedAt());
			case ReviewDeleted deleted -> screening.deleted(deleted.reviewId(), deleted.deletedAt());
			default -> throw new IllegalArgumentException("Unexpected event on reviews.review-events: " + event.type());
		}
	}
}
