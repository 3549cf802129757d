package dev.reviewflow.moderation.cases;

/** OPEN → CLAIMED (by one moderator, until the claim expires) → RESOLVED. */
public enum CaseState {
	OPEN, CLAIMED, RESOLVED
}
