package dev.reviewflow.events.kafka;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.MalformedEventException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serializer, deserializer and serde of structured-mode CloudEvents. A record that is not a well-formed
 * reviewflow event fails with a {@link SerializationException}, which error handlers route to the dead-letter topic.
 */
public final class CloudEventSerde
		implements Serde<CloudEvent<?>>, Serializer<CloudEvent<?>>, Deserializer<CloudEvent<?>> {

	private final CloudEventCodec codec = new CloudEventCodec();

	@Override
	public byte @Nullable [] serialize(String topic, @Nullable CloudEvent<?> event) {
		return event == null ? null : codec.encode(event);
	}

	@Override
	public @Nullable CloudEvent<?> deserialize(String topic, byte @Nullable [] value) {
		if (value == null) {
			return null;
		}
		try {
			return codec.decode(value);
		}
		catch (MalformedEventException ex) {
			throw new SerializationException("Malformed record on " + topic + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public Serializer<CloudEvent<?>> serializer() {
		return this;
	}

	@Override
	public Deserializer<CloudEvent<?>> deserializer() {
		return this;
	}

	@Override
	public void configure(java.util.Map<String, ?> configs, boolean isKey) {
	}

	@Override
	public void close() {
	}
}
