package dev.reviewflow.events;

/**
 * One kind of event: its CloudEvents {@code type} (e.g. {@code reviewflow.review-submitted.v1}), the record its
 * {@code data} holds and the JSON Schema that describes that data.
 */
public record EventType<T>(String name, Class<T> dataType) {

	public EventType {
		Require.text(name, "name");
		Require.present(dataType, "dataType");
	}

	/** Class-path location of the JSON Schema of this type's {@code data}. */
	public String schemaResource() {
		return "/schemas/" + name + ".json";
	}
}
