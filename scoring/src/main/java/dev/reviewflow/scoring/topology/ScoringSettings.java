package dev.reviewflow.scoring.topology;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The parameters of the score formulas.
 * @param minVotes m of the Bayesian weighted rating
 * @param minCriticReviews below this many published critic reviews the Tomatometer has no percent
 */
@ConfigurationProperties("reviewflow.scoring")
public record ScoringSettings(@DefaultValue("100") int minVotes, @DefaultValue("5") int minCriticReviews) {
}
