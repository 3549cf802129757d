package dev.reviewflow.events;

/** Who wrote a review: an audience member (rating 1–10) or a critic (FRESH/ROTTEN verdict). */
public enum ReviewType {
	USER, CRITIC
}
