package dev.reviewflow.moderation.report;

/** An author reported their own review. */
public class OwnReviewReport extends RuntimeException {

	public OwnReviewReport() {
		super("You cannot report your own review.");
	}
}
