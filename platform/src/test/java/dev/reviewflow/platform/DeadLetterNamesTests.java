package dev.reviewflow.platform;

import dev.reviewflow.events.Topic;
import dev.reviewflow.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** One rule names every dead-letter topic: the topic descriptors, the listeners' error handler and the tools use it. */
class DeadLetterNamesTests {

	@Test
	void aTopicsDeadLetterTopicIsItsNameWithTheSuffix() {
		assertThat(Topic.DEAD_LETTER_SUFFIX).isEqualTo(".DLT");
		assertThat(Topics.VOTES.deadLetterTopic()).isEqualTo("reviews.votes.DLT");
		assertThat(Topic.deadLetterTopicOf("reviews.ratings")).isEqualTo("reviews.ratings.DLT");
		assertThat(Topic.isDeadLetterTopic("reviews.ratings.DLT")).isTrue();
		assertThat(Topic.isDeadLetterTopic("reviews.ratings")).isFalse();
		assertThat(Topic.isDeadLetterTopic(".DLT")).isFalse();
		assertThat(Topic.sourceOfDeadLetterTopic("reviews.moderation-decisions.DLT"))
			.isEqualTo("reviews.moderation-decisions");
		for (Topic topic : Topics.ALL) {
			assertThat(Topic.sourceOfDeadLetterTopic(topic.deadLetterTopic())).isEqualTo(topic.name());
		}
	}

	@Test
	void aDeadLetterTopicHasNoDeadLetterTopicAndAPlainTopicIsNoDeadLetterTopic() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.deadLetterTopicOf("reviews.votes.DLT"))
			.withMessageContaining("is a dead-letter topic itself");
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.sourceOfDeadLetterTopic("reviews.votes"))
			.withMessageContaining("is not a dead-letter topic (<topic>.DLT)");
	}

	@Test
	void theErrorHandlerSendsPoisonToTheSamePartitionOfTheDeadLetterTopicAndCountsIt() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		var destination = ReviewflowKafkaAutoConfiguration.deadLetterDestination(meters);
		TopicPartition target = destination.apply(new ConsumerRecord<>(Topics.VOTES.name(), 4, 17L, "key", "value"),
				new IllegalArgumentException("poison"));
		assertThat(target).isEqualTo(new TopicPartition(Topics.VOTES.deadLetterTopic(), 4));
		destination.apply(new ConsumerRecord<>(Topics.VOTES.name(), 1, 3L, "key", "value"), new RuntimeException());
		assertThat(meters.get("reviewflow.dead.lettered").tag("topic", "reviews.votes").counter().count()).isEqualTo(2);
	}
}
