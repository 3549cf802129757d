package dev.reviewflow.moderation.cases;

import java.util.Locale;

import dev.reviewflow.events.ReviewStatus;

/** Only a removed or rejected review can be appealed. */
public class NotAppealable extends RuntimeException {

	public NotAppealable(ReviewStatus status) {
		super("Only a removed or rejected review can be appealed; this one is " + status.name().toLowerCase(Locale.ROOT) + ".");
	}
}
