package dev.reviewflow.intake.review;

import java.util.UUID;

/** The caller may see the review but did not write it, so may not {@code action} ("edit", "delete") it. */
public class NotReviewAuthor extends RuntimeException {

	private final UUID reviewId;

	private final String action;

	public NotReviewAuthor(UUID reviewId, String action) {
		super("Only the author of review " + reviewId + " may " + action + " it.");
		this.reviewId = reviewId;
		this.action = action;
	}

	public UUID reviewId() {
		return reviewId;
	}

	public String action() {
		return action;
	}
}
