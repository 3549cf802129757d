package dev.reviewflow.moderation.vote;

import java.util.Locale;

import dev.reviewflow.events.ReviewStatus;

/** Only published reviews can be voted on. */
public class ReviewNotVotable extends RuntimeException {

	public ReviewNotVotable(ReviewStatus status) {
		super("Only published reviews can be voted on; this one is " + status.name().toLowerCase(Locale.ROOT) + ".");
	}
}
