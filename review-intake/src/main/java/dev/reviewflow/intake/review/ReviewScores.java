package dev.reviewflow.intake.review;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReviewScoreChanged;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each review's "X of Y found this helpful" from {@code reviews.review-scores}. Each event is a full current
 * score, applied only when newer than the one stored, so redelivery and reordering change nothing.
 */
@Component
class ReviewScores {

	private final ReviewStore store;

	ReviewScores(ReviewStore store) {
		this.store = store;
	}

	@KafkaListener(id = "review-intake.review-scores", topics = "reviews.review-scores")
	void on(CloudEvent<?> event) {
		if (event.data() instanceof ReviewScoreChanged score) {
			store.applyScore(score);
		}
	}
}
