package dev.reviewflow.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.reviewflow.events.Topic;
import dev.reviewflow.events.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings shared by the services.
 * @param publishes the topics this service publishes (names from {@link Topics}): it declares them, with their
 *     partitions and cleanup policy, and nobody else does
 * @param consumes the topics this service reads (its listeners, its Kafka Streams topology): it declares their
 *     dead-letter topics; a service's listener on a topic not listed here stops it from starting
 * @param consumedTopicsWait how long a Kafka Streams application waits, before it starts, for the topics it reads and
 *     writes to exist (the services that publish them declare them as they start); then it does not start
 * @param replicationFactor replication factor of the topics this service declares
 * @param retryInitialInterval the first pause before a record that failed for a transient reason (database or
 *     broker unavailable, a timeout) is tried again; the pauses then double
 * @param retryMaxInterval the longest pause between those tries, which go on until the record succeeds
 * @param retryingUnreadyAfter how long a partition may be held by such a record before the service reports itself
 *     not ready
 */
@ConfigurationProperties("reviewflow.kafka")
public record ReviewflowKafkaProperties(@DefaultValue List<String> publishes, @DefaultValue List<String> consumes,
		@DefaultValue("5m") Duration consumedTopicsWait, @DefaultValue("1") short replicationFactor,
		@DefaultValue("500ms") Duration retryInitialInterval, @DefaultValue("30s") Duration retryMaxInterval,
		@DefaultValue("10s") Duration retryingUnreadyAfter) {

	public ReviewflowKafkaProperties {
		publishes = publishes.stream().map(String::strip).toList();
		consumes = consumes.stream().map(String::strip).toList();
		topics(publishes, "publishes");
		topics(consumes, "consumes");
	}

	/** The descriptors of the topics this service publishes. */
	public List<Topic> publishedTopics() {
		return topics(publishes, "publishes");
	}

	/** The descriptors of the topics this service reads. */
	public List<Topic> consumedTopics() {
		return topics(consumes, "consumes");
	}

	private static List<Topic> topics(List<String> names, String property) {
		List<Topic> topics = new ArrayList<>();
		for (String name : names) {
			topics.add(Topics.ALL.stream()
				.filter(topic -> topic.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("reviewflow.kafka." + property + " names '" + name
						+ "', which is no topic of reviewflow; the topics are "
						+ Topics.ALL.stream().map(Topic::name).toList())));
		}
		if (Set.copyOf(topics).size() != topics.size()) {
			throw new IllegalArgumentException("reviewflow.kafka." + property + " lists a topic twice: " + names);
		}
		return topics;
	}
}
