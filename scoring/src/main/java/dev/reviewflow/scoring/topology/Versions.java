package dev.reviewflow.scoring.topology;

import java.time.Instant;

/**
 * "Newest wins" by the numbers the events' sources assign, never by clock. Version 0 marks an event written before
 * versions existed: any versioned event is newer than it, and such events are ordered by their time among
 * themselves, as they were then.
 */
final class Versions {

	private Versions() {
	}

	/** Whether an incoming (version, time) replaces a stored one; an equal version is a duplicate and does not. */
	static boolean newer(long version, Instant at, long storedVersion, Instant storedAt) {
		if (version > 0 || storedVersion > 0) {
			return version > storedVersion;
		}
		return !at.isBefore(storedAt);
	}
}
