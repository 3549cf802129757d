package dev.reviewflow.scoring.topology;

import dev.reviewflow.events.Topics;

/**
 * Where a run of the topology writes: the published score topics for the live service, or shadow topics for a
 * rebuild that must not disturb them. The topic holding C of the weighted rating belongs to the application id, so
 * two runs never mix their totals.
 */
public record Outputs(String titleScores, String reviewScores, String globalRatings) {

	/** The live service: publishes to {@code reviews.title-scores} and {@code reviews.review-scores}. */
	public static Outputs live(String applicationId) {
		return new Outputs(Topics.TITLE_SCORES.name(), Topics.REVIEW_SCORES.name(), applicationId + ".global-ratings");
	}

	/** A rebuild under a new application id: everything goes to topics of its own. */
	public static Outputs shadow(String applicationId) {
		return new Outputs(applicationId + ".title-scores", applicationId + ".review-scores",
				applicationId + ".global-ratings");
	}
}
