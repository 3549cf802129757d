package dev.reviewflow.intake.review;

import java.util.UUID;

/** There is no such review, or none the caller may see. */
public class ReviewNotFound extends RuntimeException {

	private final UUID reviewId;

	public ReviewNotFound(UUID reviewId) {
		super("There is no review " + reviewId + ".");
		this.reviewId = reviewId;
	}

	public UUID reviewId() {
		return reviewId;
	}
}
