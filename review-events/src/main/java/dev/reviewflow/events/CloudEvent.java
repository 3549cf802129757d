package dev.reviewflow.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured mode: the whole Kafka record value. {@code id} is unique per event and is
 * what consumers deduplicate on; {@code subject} is the id of the aggregate and equals the record key.
 */
public record CloudEvent<T>(String specversion, UUID id, String source, String type, Instant time, String subject,
		String datacontenttype, T data) {

	public static final String SPEC_VERSION = "1.0";

	public static final String DATA_CONTENT_TYPE = "application/json";

	/** The Kafka {@code content-type} header value of a structured-mode CloudEvent. */
	public static final String CONTENT_TYPE = "application/cloudevents+json";

	public CloudEvent {
		Require.text(specversion, "specversion");
		if (!SPEC_VERSION.equals(specversion)) {
			throw new IllegalArgumentException("specversion must be " + SPEC_VERSION + ", was " + specversion);
		}
		Require.present(id, "id");
		Require.text(source, "source");
		Require.text(type, "type");
		Require.present(time, "time");
		Require.text(subject, "subject");
		Require.text(datacontenttype, "datacontenttype");
		Require.present(data, "data");
	}

	/**
	 * A new event with a fresh id, stamped now.
	 * @param service the publishing service, e.g. {@code review-intake}
	 * @param subject the aggregate id, which is also the record key
	 */
	public static <T> CloudEvent<T> of(String service, String subject, T data) {
		EventType<?> type = EventTypes.of(data.getClass());
		return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID(), "/reviewflow/" + service, type.name(),
				Instant.now().truncatedTo(ChronoUnit.MICROS), subject, DATA_CONTENT_TYPE, data);
	}

	/** The topic this event belongs on. */
	public Topic topic() {
		return Topics.of(EventTypes.byName(type)
			.orElseThrow(() -> new IllegalStateException("Unknown event type " + type)));
	}
}
