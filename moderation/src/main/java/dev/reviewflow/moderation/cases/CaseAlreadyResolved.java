package dev.reviewflow.moderation.cases;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The case is resolved: decided by a moderator, or closed because its review changed or was deleted. */
public class CaseAlreadyResolved extends RuntimeException {

	public CaseAlreadyResolved(@Nullable CaseAction action, @Nullable String resolvedBy, @Nullable Instant resolvedAt,
			@Nullable String resolution) {
		super("This case is resolved already" + (action == null ? " (" + resolution + ")."
				: ": " + resolvedBy + " decided " + action + " at " + resolvedAt + "."));
	}
}
