package dev.reviewflow.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes CloudEvents in structured JSON mode. Reading checks the envelope, resolves {@code type} to its
 * record and lets the record's own invariants reject bad data, so anything returned is well formed.
 */
public final class CloudEventCodec {

	private final JsonMapper mapper;

	public CloudEventCodec() {
		this.mapper = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.build();
	}

	public byte[] encode(CloudEvent<?> event) {
		return mapper.writeValueAsBytes(event);
	}

	/** The JSON of one event's {@code data}, as it appears inside the envelope. */
	public byte[] encodeData(Object data) {
		return mapper.writeValueAsBytes(data);
	}

	public CloudEvent<?> decode(byte[] value) {
		try {
			JsonNode root = mapper.readTree(value);
			if (root == null || !root.isObject()) {
				throw new MalformedEventException("A CloudEvent must be a JSON object");
			}
			String typeName = text(root, "type");
			EventType<?> type = EventTypes.byName(typeName)
				.orElseThrow(() -> new MalformedEventException("Unknown event type '" + typeName + "'"));
			JsonNode data = root.get("data");
			if (data == null || !data.isObject()) {
				throw new MalformedEventException("A " + typeName + " event needs a data object");
			}
			for (String field : type.addedLater()) {
				if (!data.has(field)) {
					((ObjectNode) data).put(field, 0);
				}
			}
			return new CloudEvent<>(text(root, "specversion"), UUID.fromString(text(root, "id")),
					text(root, "source"), typeName, Instant.parse(text(root, "time")), text(root, "subject"),
					text(root, "datacontenttype"), mapper.treeToValue(data, type.dataType()), traceparent(root));
		}
		catch (MalformedEventException ex) {
			throw ex;
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException
				| java.time.format.DateTimeParseException ex) {
			throw new MalformedEventException("Malformed CloudEvent: " + ex.getMessage(), ex);
		}
	}

	/** The trace the event was published in; one not well formed is dropped, since tracing is no reason to refuse it. */
	private static @Nullable String traceparent(JsonNode root) {
		JsonNode node = root.get("traceparent");
		return node != null && node.isString() && CloudEvent.isTraceparent(node.asString()) ? node.asString() : null;
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || !node.isString()) {
			throw new MalformedEventException("CloudEvent attribute '" + field + "' is missing or not a string");
		}
		return node.asString();
	}
}
