package dev.reviewflow.moderation.review;

import java.util.UUID;

/**
 * There is no such review, or none the caller may see: a review that is not published is shown only to its author
 * (and moderators), so to anyone else it does not exist.
 */
public class UnknownReview extends RuntimeException {

	public UnknownReview(UUID reviewId) {
		this("There is no review " + reviewId + ".");
	}

	private UnknownReview(String message) {
		super(message);
	}

	/** Not the caller's review (and they may not see others' standing). */
	public static UnknownReview ofCaller(UUID reviewId) {
		return new UnknownReview("There is no review " + reviewId + " of yours.");
	}
}
