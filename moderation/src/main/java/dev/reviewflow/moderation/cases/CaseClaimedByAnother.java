package dev.reviewflow.moderation.cases;


/** Another moderator's claim on the case lasts. */
public class CaseClaimedByAnother extends RuntimeException {

	public CaseClaimedByAnother(String claimedBy, java.time.Instant until) {
		super("Moderator " + claimedBy + " has claimed this case until " + until + ".");
	}
}
