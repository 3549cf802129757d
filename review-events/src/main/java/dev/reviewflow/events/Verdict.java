package dev.reviewflow.events;

/** A critic's verdict, Tomatometer style. */
public enum Verdict {
	FRESH, ROTTEN
}
