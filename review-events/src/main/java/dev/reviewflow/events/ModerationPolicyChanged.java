package dev.reviewflow.events;

import java.time.Instant;

/**
 * Moderation's policy changed (or was set for the first time): the parts other services apply themselves. Keyed by
 * {@link #KEY} on a compacted topic, so the latest version is always there to read.
 * @param version the policy version; a service keeps the highest it has seen
 * @param reviewRateLimit how many reviews (submissions and edits together) one author may write per window
 */
public record ModerationPolicyChanged(int version, RateLimit reviewRateLimit, Instant changedAt) {

	/** The record key of every policy event: there is one policy. */
	public static final String KEY = "policy";

	public ModerationPolicyChanged {
		Require.atLeast(version, 1, "version");
		Require.present(reviewRateLimit, "reviewRateLimit");
		Require.present(changedAt, "changedAt");
	}

	/** At most {@code max} actions per {@code perMinutes} minutes. */
	public record RateLimit(int max, int perMinutes) {

		public RateLimit {
			Require.atLeast(max, 1, "max");
			Require.atLeast(perMinutes, 1, "perMinutes");
		}
	}
}
