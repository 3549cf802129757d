package dev.reviewflow.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox settings.
 * @param resubmitAfter publications not acknowledged by Kafka after this long are sent again
 * @param checkEvery how often to look for such publications
 * @param keepCompleted how long acknowledged publications stay in the registry (for inspection) before they are
 * deleted
 */
@ConfigurationProperties("reviewflow.outbox")
public record ReviewflowOutboxProperties(@DefaultValue("30s") Duration resubmitAfter,
		@DefaultValue("15s") Duration checkEvery, @DefaultValue("1h") Duration keepCompleted) {
}
