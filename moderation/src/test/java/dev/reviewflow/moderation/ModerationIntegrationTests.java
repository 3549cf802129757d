package dev.reviewflow.moderation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.Topics;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** moderation against a real broker and PostgreSQL: review events in, decisions out through the outbox. */
class ModerationIntegrationTests extends ModerationIntegrationTest {

	ModerationDecided decisionFor(UUID reviewId) {
		ConsumerRecord<String, byte[]> record = probe.await(r -> r.key().equals(reviewId.toString())
				&& r.topic().equals(Topics.MODERATION_DECISIONS.name()));
		assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/cloudevents+json");
		CloudEvent<?> event = EventContract.assertConforms(record.value());
		assertThat(event.source()).isEqualTo("/reviewflow/moderation");
		return (ModerationDecided) event.data();
	}

	@Test
	void aCleanReviewIsPublishedOnceEvenWhenItsEventArrivesTwice() {
		CloudEvent<ReviewSubmitted> event = submitted("A warm, well acted drama.");
		send(event);
		send(event);

		ModerationDecided decided = decisionFor(event.data().reviewId());
		assertThat(decided.status()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(decided.actor()).isEqualTo(DecisionActor.AUTOMATIC);
		assertThat(decided.revision()).isEqualTo(1);
		assertThat(decided.authorId()).isEqualTo("alice");

		// both copies consumed: one decision, one audit entry
		TopicProbe.awaitConsumed("moderation.review-events", Topics.REVIEW_EVENTS.name());
		assertThat(jdbc.sql("select count(*) from audit_entry where review_id = ?")
			.param(event.data().reviewId())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from decision where review_id = ?")
			.param(event.data().reviewId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aReviewWithABannedTermIsRejectedWithTheReason() {
		CloudEvent<ReviewSubmitted> event = submitted("Great film. BUY  FOLLOWERS at example dot com");
		send(event);

		ModerationDecided decided = decisionFor(event.data().reviewId());
		assertThat(decided.status()).isEqualTo(ReviewStatus.REJECTED);
		assertThat(decided.reasons()).containsExactly("banned term: buy followers");
	}

	@Test
	void aMalformedReviewEventGoesToTheDeadLetterTopicAndTheNextOneIsStillModerated() {
		String key = UUID.randomUUID().toString();
		probe.send(Topics.REVIEW_EVENTS.name(), key, "garbage".getBytes(StandardCharsets.UTF_8));
		// an author of its own: alice's rejected review of the title (another test) would hold hers as a repost
		CloudEvent<ReviewSubmitted> next = submitted("author-dlt", "Fine.");
		probe.send(Topics.REVIEW_EVENTS.name(), key, CODEC.encode(next));

		ConsumerRecord<String, byte[]> dead = probe.await(r -> r.topic().equals("reviews.review-events.DLT")
				&& r.key().equals(key));
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
		assertThat(decisionFor(next.data().reviewId()).status()).isEqualTo(ReviewStatus.PUBLISHED);
	}
}
