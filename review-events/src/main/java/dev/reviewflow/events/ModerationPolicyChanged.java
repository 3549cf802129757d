package dev.reviewflow.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Moderation's policy changed (or was set for the first time): the parts other services apply themselves. Keyed by
 * {@link #KEY} on a compacted topic, so the latest version is always there to read.
 * <p>
 * The limits after {@code changedAt} were added later: an event written before them has none; the edit limit reads
 * as the review limit (which counted edits then), the others as {@link RateLimit#ADDED_LATER_DEFAULT} (the policy's
 * own default for them).
 * @param version the policy version; a service keeps the highest it has seen
 * @param reviewRateLimit how many reviews one author may submit per window (until the limits below existed, edits
 * counted here too)
 * @param reviewEditRateLimit how many edits of their reviews one author may make per window
 * @param reviewDeleteRateLimit how many deletions of their reviews one author may make per window
 * @param ratingRateLimit how many rating changes (set or withdrawn) one user may make per window
 */
public record ModerationPolicyChanged(int version, RateLimit reviewRateLimit, Instant changedAt,
		RateLimit reviewEditRateLimit, RateLimit reviewDeleteRateLimit, RateLimit ratingRateLimit) {

	/** The record key of every policy event: there is one policy. */
	public static final String KEY = "policy";

	public ModerationPolicyChanged(int version, RateLimit reviewRateLimit, Instant changedAt,
			@Nullable RateLimit reviewEditRateLimit, @Nullable RateLimit reviewDeleteRateLimit,
			@Nullable RateLimit ratingRateLimit) {
		this.version = Require.atLeast(version, 1, "version");
		this.reviewRateLimit = Require.present(reviewRateLimit, "reviewRateLimit");
		this.changedAt = Require.present(changedAt, "changedAt");
		// edits counted as reviews until they had a limit of their own: an older event keeps them at that pace
		this.reviewEditRateLimit = reviewEditRateLimit == null ? this.reviewRateLimit : reviewEditRateLimit;
		this.reviewDeleteRateLimit = orDefault(reviewDeleteRateLimit);
		this.ratingRateLimit = orDefault(ratingRateLimit);
	}

	private static RateLimit orDefault(@Nullable RateLimit limit) {
		return limit == null ? RateLimit.ADDED_LATER_DEFAULT : limit;
	}

	/** At most {@code max} actions per {@code perMinutes} minutes. */
	public record RateLimit(int max, int perMinutes) {

		/** What a limit added to the event later reads as in an event written before it: 20 an hour. */
		public static final RateLimit ADDED_LATER_DEFAULT = new RateLimit(20, 60);

		public RateLimit {
			Require.atLeast(max, 1, "max");
			Require.atLeast(perMinutes, 1, "perMinutes");
		}
	}
}
