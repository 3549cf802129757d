package dev.reviewflow.moderation.cases;


/** A moderator tried to claim or decide a case about their own review. */
public class OwnReviewCase extends RuntimeException {

	public OwnReviewCase() {
		super("Moderators do not decide cases about their own reviews.");
	}
}
