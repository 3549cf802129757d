package dev.reviewflow.moderation.vote;

/** An author voted on their own review. */
public class OwnReviewVote extends RuntimeException {

	public OwnReviewVote() {
		super("You cannot vote on your own review.");
	}
}
