package dev.reviewflow.scoring.topology;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parameters of the score formulas.
 * @param minVotes m of the Bayesian weighted rating
 * @param minCriticReviews below this many published critic reviews the Tomatometer has no percent
 * @param reweighEvery how often each task checks whether C moved enough to publish its quiet titles' weighted
 *     ratings anew
 */
@ConfigurationProperties("reviewflow.scoring")
public record ScoringSettings(@DefaultValue("100") int minVotes, @DefaultValue("5") int minCriticReviews,
		@DefaultValue("1s") Duration reweighEvery) {

	/** The documented defaults. */
	public static final ScoringSettings DEFAULTS = new ScoringSettings(100, 5, Duration.ofSeconds(1));
}
