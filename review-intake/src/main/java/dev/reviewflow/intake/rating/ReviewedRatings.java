package dev.reviewflow.intake.rating;

/**
 * What ratings need to know of reviews, implemented by the review feature: a user review carries its author's rating
 * of the title, so the two move together.
 */
public interface ReviewedRatings {

	/** Whether the user has a live user review of the title, whose rating this is. */
	boolean carriedByReview(String titleId, String userId);

	/** The user rated the title anew; a live user review of theirs takes the new rating. */
	void ratingChanged(String titleId, String userId, int rating);
}
