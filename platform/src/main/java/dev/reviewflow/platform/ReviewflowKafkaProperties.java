package dev.reviewflow.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings shared by the services.
 * @param replicationFactor replication factor of the topics this service declares
 * @param retries how often a record that failed processing is retried before it goes to the dead-letter topic
 * @param retryInterval the pause between those retries
 */
@ConfigurationProperties("reviewflow.kafka")
public record ReviewflowKafkaProperties(@DefaultValue("1") short replicationFactor, @DefaultValue("3") int retries,
		@DefaultValue("500ms") Duration retryInterval) {
}
