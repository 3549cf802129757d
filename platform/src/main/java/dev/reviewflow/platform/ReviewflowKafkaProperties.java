package dev.reviewflow.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings shared by the services.
 * @param replicationFactor replication factor of the topics this service declares
 * @param retryInitialInterval the first pause before a record that failed for a transient reason (database or
 *     broker unavailable, a timeout) is tried again; the pauses then double
 * @param retryMaxInterval the longest pause between those tries, which go on until the record succeeds
 * @param retryingUnreadyAfter how long a partition may be held by such a record before the service reports itself
 *     not ready
 */
@ConfigurationProperties("reviewflow.kafka")
public record ReviewflowKafkaProperties(@DefaultValue("1") short replicationFactor,
		@DefaultValue("500ms") Duration retryInitialInterval, @DefaultValue("30s") Duration retryMaxInterval,
		@DefaultValue("10s") Duration retryingUnreadyAfter) {
}
