package dev.reviewflow.moderation.cases;


/** Someone other than its author appealed a decision about a review. */
public class NotTheAuthor extends RuntimeException {

	public NotTheAuthor() {
		super("Only the author of a review can appeal a decision about it.");
	}
}
