package dev.reviewflow.events;

import java.util.List;

/**
 * A topic: its name, what its record key is, which event types travel on it and how it is cleaned up. Every topic
 * that is consumed has a dead-letter topic named {@code <name>.DLT}.
 */
public record Topic(String name, String key, List<EventType<?>> eventTypes, Cleanup cleanup) {

	public Topic {
		Require.text(name, "name");
		Require.text(key, "key");
		eventTypes = List.copyOf(eventTypes);
		Require.present(cleanup, "cleanup");
	}

	/** What a dead-letter topic's name adds to the name of the topic it holds records of. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	public String deadLetterTopic() {
		return deadLetterTopicOf(name);
	}

	/**
	 * The dead-letter topic of the topic named {@code topic}: {@code <topic>.DLT}, where the listeners' error handler,
	 * Kafka Streams' dead-letter queue and {@code ./reviewflow dlt} all look for it.
	 */
	public static String deadLetterTopicOf(String topic) {
		Require.text(topic, "topic");
		if (isDeadLetterTopic(topic)) {
			throw new IllegalArgumentException(topic + " is a dead-letter topic itself");
		}
		return topic + DEAD_LETTER_SUFFIX;
	}

	/** Whether {@code topic} names a dead-letter topic. */
	public static boolean isDeadLetterTopic(String topic) {
		return topic.endsWith(DEAD_LETTER_SUFFIX) && topic.length() > DEAD_LETTER_SUFFIX.length();
	}

	/** The topic whose records the dead-letter topic {@code deadLetterTopic} holds. */
	public static String sourceOfDeadLetterTopic(String deadLetterTopic) {
		if (!isDeadLetterTopic(deadLetterTopic)) {
			throw new IllegalArgumentException(
					deadLetterTopic + " is not a dead-letter topic (<topic>" + DEAD_LETTER_SUFFIX + ")");
		}
		return deadLetterTopic.substring(0, deadLetterTopic.length() - DEAD_LETTER_SUFFIX.length());
	}

	public boolean carries(EventType<?> type) {
		return eventTypes.contains(type);
	}

	/** Kafka's {@code cleanup.policy}. */
	public enum Cleanup {
		DELETE, COMPACT;

		public String policy() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}
}
