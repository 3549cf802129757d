package dev.reviewflow.events;

/** Where a review stands. Only {@link #PUBLISHED} reviews are visible to the public and count in scores. */
public enum ReviewStatus {
	PENDING, PUBLISHED, HELD, REJECTED, HIDDEN, REMOVED, DELETED
}
