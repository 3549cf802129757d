package dev.reviewflow.intake;

import java.time.Duration;

import dev.reviewflow.platform.RateLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * review-intake's settings.
 * @param reviewRateLimit how many reviews one author may submit per window, until moderation's policy (which sets
 * this and the limits below) has arrived
 * @param reviewEditRateLimit how many edits of their reviews one author may make per window, until then
 * @param reviewDeleteRateLimit how many deletions of their reviews one author may make per window, until then
 * @param ratingRateLimit how many rating changes (set or withdrawn) one user may make per window, until then
 */
@ConfigurationProperties("reviewflow.intake")
public record IntakeProperties(@DefaultValue RateLimit reviewRateLimit,
		@DefaultValue RateLimit reviewEditRateLimit, @DefaultValue RateLimit reviewDeleteRateLimit,
		@DefaultValue RateLimit ratingRateLimit) {

	/** At most {@code max} actions per {@code window} (at most a day). */
	public record RateLimit(@DefaultValue("20") int max, @DefaultValue("1h") Duration window) {

		public RateLimit {
			RateLimits.requireValid(max, window);
		}
	}
}
