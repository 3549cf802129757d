package dev.reviewflow.intake.rating;

/** The user's rating of the title is carried by their review of it: change or delete the review instead. */
public class RatingCarriedByReview extends RuntimeException {

	private final String titleId;

	public RatingCarriedByReview(String titleId, String userId) {
		super("The rating of " + titleId + " by " + userId + " is carried by their review.");
		this.titleId = titleId;
	}

	public String titleId() {
		return titleId;
	}
}
