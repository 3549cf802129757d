package dev.reviewflow.intake.review;

import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;

/** The review's state forbids an edit: DELETED, REMOVED (an appeal is the way) or HIDDEN (while reports are read). */
public class ReviewNotEditable extends RuntimeException {

	private final UUID reviewId;

	private final ReviewStatus status;

	public ReviewNotEditable(UUID reviewId, ReviewStatus status) {
		super("Review " + reviewId + " is " + status + " and cannot be edited.");
		this.reviewId = reviewId;
		this.status = status;
	}

	public UUID reviewId() {
		return reviewId;
	}

	public ReviewStatus status() {
		return status;
	}
}
