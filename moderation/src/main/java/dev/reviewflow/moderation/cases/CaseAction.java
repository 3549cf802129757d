package dev.reviewflow.moderation.cases;

/** What a moderator decides: keep the review (PUBLISHED) or remove it. */
public enum CaseAction {
	KEEP, REMOVE
}
