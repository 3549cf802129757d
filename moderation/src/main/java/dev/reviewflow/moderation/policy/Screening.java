package dev.reviewflow.moderation.policy;

import java.util.List;

import dev.reviewflow.events.ReviewStatus;

/** What pre-moderation made of a text: the status it earns and why. */
public record Screening(ReviewStatus outcome, List<String> reasons) {

	public Screening {
		reasons = List.copyOf(reasons);
	}
}
