package dev.reviewflow.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvents 1.0 envelope in structured mode: the whole Kafka record value. {@code id} is unique per event and is
 * what consumers deduplicate on; {@code subject} is the id of the aggregate and equals the record key.
 * {@code traceparent} (the CloudEvents distributed tracing extension, a W3C Trace Context {@code traceparent}) is the
 * trace the event was published in, when there was one; it is also sent as the record's {@code traceparent} header.
 */
public record CloudEvent<T>(String specversion, UUID id, String source, String type, Instant time, String subject,
		String datacontenttype, T data, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent) {

	/** A W3C Trace Context {@code traceparent}: version, trace id, parent span id, flags. */
	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

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
		if (traceparent != null && !isTraceparent(traceparent)) {
			throw new IllegalArgumentException("traceparent must be a W3C traceparent, was " + traceparent);
		}
	}

	/** Whether {@code value} is a well-formed W3C {@code traceparent}. */
	public static boolean isTraceparent(@Nullable String value) {
		return value != null && TRACEPARENT.matcher(value).matches();
	}

	/** This event as published in the trace {@code traceparent} (null: in none). */
	public CloudEvent<T> inTrace(@Nullable String traceparent) {
		return new CloudEvent<>(specversion, id, source, type, time, subject, datacontenttype, data, traceparent);
	}

	/**
	 * A new event with a fresh id, stamped now.
	 * @param service the publishing service, e.g. {@code review-intake}
	 * @param subject the aggregate id, which is also the record key
	 */
	public static <T> CloudEvent<T> of(String service, String subject, T data) {
		EventType<?> type = EventTypes.of(data.getClass());
		return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID(), "/reviewflow/" + service, type.name(),
				Instant.now().truncatedTo(ChronoUnit.MICROS), subject, DATA_CONTENT_TYPE, data, null);
	}

	/** The topic this event belongs on. */
	public Topic topic() {
		return Topics.of(EventTypes.byName(type)
			.orElseThrow(() -> new IllegalStateException("Unknown event type " + type)));
	}
}
