package dev.reviewflow.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code Idempotency-Key} settings.
 * @param enabled whether the service honours the header (it must keep the {@code idempotency_key} table)
 * @param retention how long a key and its answer are kept
 * @param maxKeysPerCaller how many keys one caller may hold within {@code retention}; a new key beyond them is
 * answered 429 (see {@link IdempotencyKeys})
 */
@ConfigurationProperties("reviewflow.idempotency")
public record ReviewflowIdempotencyProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("48h") Duration retention, @DefaultValue("1000") int maxKeysPerCaller) {

	public ReviewflowIdempotencyProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("reviewflow.idempotency.retention must be positive, not " + retention);
		}
		if (maxKeysPerCaller < 1) {
			throw new IllegalArgumentException(
					"reviewflow.idempotency.max-keys-per-caller must be at least 1, not " + maxKeysPerCaller);
		}
	}
}
