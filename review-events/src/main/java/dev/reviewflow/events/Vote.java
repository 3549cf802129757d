package dev.reviewflow.events;

/** A helpfulness vote on a review. */
public enum Vote {
	HELPFUL, NOT_HELPFUL
}
