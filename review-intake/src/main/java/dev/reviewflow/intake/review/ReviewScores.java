package dev.reviewflow.intake.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.platform.BatchSpans;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Keeps each review's "X of Y found this helpful" from {@code reviews.review-scores}. Each event is a full current
 * score, applied only when newer than the one stored, so redelivery and reordering change nothing. Scores come a
 * poll at a time: only the newest of each review is written, all in one transaction (a busy review's score changes
 * with every vote, and one commit per score could not keep up with the votes).
 */
@Component
class ReviewScores {

	private final ReviewStore store;

	private final BatchSpans spans;

	ReviewScores(ReviewStore store, BatchSpans spans) {
		this.store = store;
		this.spans = spans;
	}

	@KafkaListener(id = "review-intake.review-scores", topics = "reviews.review-scores", batch = "true")
	void on(List<ConsumerRecord<String, @Nullable Object>> records) {
		Map<UUID, ReviewScoreChanged> newest = new LinkedHashMap<>();
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, @Nullable Object> record = records.get(i);
			if (record.value() == null) {
				// unreadable: what came before it is kept, it goes to the dead-letter topic, and what follows it is
				// delivered again
				apply(records.subList(0, i), newest);
				throw new BatchListenerFailedException("Unreadable event on " + record.topic(), unreadable(record), i);
			}
			if (record.value() instanceof CloudEvent<?> event && event.data() instanceof ReviewScoreChanged score) {
				newest.merge(score.reviewId(), score, ReviewScores::newer);
			}
		}
		apply(records, newest);
	}

	/**
	 * Writes the scores, or fails from the batch's first record on: the error handler then retries from there as it
	 * retries one record (until it succeeds, when the failure is the database's being away), rather than retrying the
	 * batch as a whole, which would dead-letter all of it once an unreadable record in it was reached.
	 */
	private void apply(List<ConsumerRecord<String, @Nullable Object>> records, Map<UUID, ReviewScoreChanged> newest) {
		try {
			// each score's trace (the review's, from its submission on) ends here
			spans.run("review-intake apply review-scores", records, () -> store.applyScores(newest.values()));
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Could not apply " + newest.size() + " review scores", ex, 0);
		}
	}

	private static ReviewScoreChanged newer(ReviewScoreChanged one, ReviewScoreChanged other) {
		if (one.version() != other.version()) {
			return one.version() > other.version() ? one : other;
		}
		return other.updatedAt().isAfter(one.updatedAt()) ? other : one;
	}

	private static RuntimeException unreadable(ConsumerRecord<String, ?> record) {
		DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
		return failure != null ? failure
				: new DeserializationException("No value", new byte[0], false, new IllegalArgumentException());
	}
}
