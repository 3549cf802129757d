package dev.reviewflow.intake.review;

import java.util.UUID;

/** One live review per author per title: the author's existing one is {@code existing}. */
public class AlreadyReviewed extends RuntimeException {

	private final UUID existing;

	public AlreadyReviewed(UUID existing) {
		super("The author already reviewed this title: review " + existing + ".");
		this.existing = existing;
	}

	public UUID existing() {
		return existing;
	}
}
