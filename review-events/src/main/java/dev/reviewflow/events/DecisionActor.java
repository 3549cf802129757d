package dev.reviewflow.events;

/** Who took a moderation decision: the automatic pre-moderation or a human moderator. */
public enum DecisionActor {
	AUTOMATIC, MODERATOR
}
