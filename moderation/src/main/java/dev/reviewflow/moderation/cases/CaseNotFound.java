package dev.reviewflow.moderation.cases;


/** There is no such case. */
public class CaseNotFound extends RuntimeException {

	public CaseNotFound(java.util.UUID caseId) {
		super("There is no case " + caseId + ".");
	}
}
