package dev.reviewflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.EventType;
import dev.reviewflow.events.EventTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract check: a record value must be a CloudEvent whose envelope follows {@code cloudevent.json} and whose
 * {@code data} follows the JSON Schema of its type, both shipped in {@code review-events}.
 */
public final class EventContract {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private static final CloudEventCodec CODEC = new CloudEventCodec();

	private EventContract() {
	}

	/** Every way the value breaks the contract; empty when it conforms. */
	public static List<String> violations(byte[] value) {
		JsonNode root;
		try {
			root = MAPPER.readTree(value);
		}
		catch (RuntimeException ex) {
			return List.of("not JSON: " + ex.getMessage());
		}
		List<String> violations = new ArrayList<>();
		schema("/schemas/cloudevent.json").validate(root).forEach(error -> violations.add("envelope: " + error));
		if (!violations.isEmpty()) {
			return violations;
		}
		EventType<?> type = EventTypes.byName(root.get("type").asString()).orElseThrow();
		schema(type.schemaResource()).validate(root.get("data"))
			.forEach(error -> violations.add(type.name() + " data: " + error));
		return violations;
	}

	/** Fails unless the value conforms; returns the decoded event. */
	public static CloudEvent<?> assertConforms(byte[] value) {
		List<String> violations = violations(value);
		if (!violations.isEmpty()) {
			throw new AssertionError("Event breaks its contract: " + violations + "\n" + new String(value,
					java.nio.charset.StandardCharsets.UTF_8));
		}
		return CODEC.decode(value);
	}

	private static Schema schema(String resource) {
		return SCHEMAS.computeIfAbsent(resource, name -> {
			try (InputStream in = EventContract.class.getResourceAsStream(name)) {
				if (in == null) {
					throw new IllegalStateException("No schema at " + name);
				}
				return REGISTRY.getSchema(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}
}
