package dev.reviewflow.events;

import java.util.List;

/**
 * One kind of event: its CloudEvents {@code type} (e.g. {@code reviewflow.review-submitted.v1}), the record its
 * {@code data} holds and the JSON Schema that describes that data.
 * @param addedLater number fields added to the type after events of it were first written: an event without one
 *     reads it as 0 (schema evolution within {@code v1}); an object added later is defaulted by its record instead
 *     (as {@link ModerationPolicyChanged}'s later rate limits are)
 */
public record EventType<T>(String name, Class<T> dataType, List<String> addedLater) {

	public EventType {
		Require.text(name, "name");
		Require.present(dataType, "dataType");
		addedLater = List.copyOf(addedLater);
	}

	/** Class-path location of the JSON Schema of this type's {@code data}. */
	public String schemaResource() {
		return "/schemas/" + name + ".json";
	}
}
