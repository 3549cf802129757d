package dev.reviewflow.intake;

import java.time.Duration;

import dev.reviewflow.platform.RateLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * review-intake's settings.
 * @param maxPageSize the largest page a list endpoint returns
 * @param reviewRateLimit how many reviews (submissions and edits together) one author may write per window, until
 * moderation's policy (which sets it) has arrived
 */
@ConfigurationProperties("reviewflow.intake")
public record IntakeProperties(@DefaultValue("100") int maxPageSize, @DefaultValue RateLimit reviewRateLimit) {

	/** At most {@code max} actions per {@code window} (at most a day). */
	public record RateLimit(@DefaultValue("20") int max, @DefaultValue("1h") Duration window) {

		public RateLimit {
			RateLimits.requireValid(max, window);
		}
	}
}
