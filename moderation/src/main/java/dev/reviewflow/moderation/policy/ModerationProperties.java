package dev.reviewflow.moderation.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * moderation's settings.
 * @param bannedTerms the banned terms of the first policy version (later versions are set through the policy API)
 * @param suspectTerms the suspect terms of the first policy version
 * @param clockOffset how far moderation's clock (the time of its decisions, votes, reports and audit entries) is
 * moved from the system clock: 0 in production; the end-to-end tests run moderation 5 s behind the other services to
 * show that nothing depends on the clocks of two hosts agreeing
 */
@ConfigurationProperties("reviewflow.moderation")
public record ModerationProperties(@DefaultValue List<String> bannedTerms, @DefaultValue List<String> suspectTerms,
		@DefaultValue("0s") Duration clockOffset) {

	/** The clock moderation stamps its events with. */
	public Clock clock() {
		return Clock.offset(Clock.systemUTC(), clockOffset);
	}
}
