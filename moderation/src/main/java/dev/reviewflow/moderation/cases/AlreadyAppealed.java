package dev.reviewflow.moderation.cases;

import java.util.Locale;

/** A review can be appealed once. */
public class AlreadyAppealed extends RuntimeException {

	public AlreadyAppealed(java.util.UUID appealCaseId, CaseState appealStatus) {
		super("A review can be appealed once; your appeal (case " + appealCaseId + ") is " + appealStatus.name().toLowerCase(Locale.ROOT) + ".");
	}
}
