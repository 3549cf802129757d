package dev.reviewflow.intake.review;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.platform.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applies moderation's decisions ({@code reviews.moderation-decisions}) to the reviews they are about. */
@Component
class ModerationDecisions {

	private final Reviews reviews;

	private final ProcessedEvents processed;

	ModerationDecisions(Reviews reviews, ProcessedEvents processed) {
		this.reviews = reviews;
		this.processed = processed;
	}

	@KafkaListener(id = "review-intake.moderation-decisions", topics = "reviews.moderation-decisions")
	@Transactional
	void on(CloudEvent<?> event) {
		if (event.data() instanceof ModerationDecided decided && processed.firstDelivery(event.id())) {
			reviews.apply(decided);
		}
	}
}
