package dev.reviewflow.scoring.topology;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * Serdes of the topology's state records and internal topics: JSON as Spring Kafka writes it, where a number field
 * added to a record later reads as 0 from a value stored before it existed (a store kept across an upgrade).
 */
final class StateSerdes {

	private static final JsonMapper MAPPER = JacksonMapperUtils.enhancedJsonMapper()
		.rebuild()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private StateSerdes() {
	}

	static <T> JacksonJsonSerde<T> of(Class<T> type) {
		return new JacksonJsonSerde<>(type, MAPPER);
	}
}
