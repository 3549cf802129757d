package dev.reviewflow.moderation.cases;


/** The time to appeal a decision has ended. */
public class AppealWindowClosed extends RuntimeException {

	public AppealWindowClosed(int windowDays, java.time.Instant deadline) {
		super("Appeals are possible for " + windowDays + " days after the decision; the time to appeal this one ended at " + deadline + ".");
	}
}
