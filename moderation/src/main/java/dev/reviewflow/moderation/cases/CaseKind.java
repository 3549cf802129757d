package dev.reviewflow.moderation.cases;

/** Why a case exists: reports reached the threshold, pre-moderation held the review, or its author appealed. */
public enum CaseKind {
	REPORTED, HELD, APPEAL
}
