package dev.reviewflow.events;

/** Why a review was reported. */
public enum ReportReason {
	SPAM, ABUSIVE, SPOILER, OFF_TOPIC, OTHER
}
