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

	public String deadLetterTopic() {
		return name + ".DLT";
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
