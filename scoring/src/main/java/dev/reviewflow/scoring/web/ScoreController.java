package dev.reviewflow.scoring.web;

import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.scoring.topology.ClusterScores;
import dev.reviewflow.scoring.topology.ScoreQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current scores; public. Any instance answers for any key, asking the instance that keeps it; a query another
 * instance forwarded ({@link ClusterScores#FORWARDED}) is answered from this instance's own stores.
 */
@RestController
class ScoreController {

	private final ScoreQueries local;

	private final ClusterScores cluster;

	ScoreController(ScoreQueries local, ClusterScores cluster) {
		this.local = local;
		this.cluster = cluster;
	}

	@GetMapping("/api/titles/{titleId}/score")
	TitleScoreChanged titleScore(@PathVariable String titleId,
			@RequestHeader(name = ClusterScores.FORWARDED, required = false) @Nullable String forwarded) {
		return (forwarded == null ? cluster.titleScore(titleId) : local.titleScore(titleId))
			.orElseThrow(() -> ApiException.notFound("No score yet for title '" + titleId + "'."));
	}

	/** Every title's current score. */
	@GetMapping("/api/titles/scores")
	List<TitleScoreChanged> allTitleScores(
			@RequestHeader(name = ClusterScores.FORWARDED, required = false) @Nullable String forwarded) {
		return forwarded == null ? cluster.allTitleScores() : local.allTitleScores();
	}

	@GetMapping("/api/reviews/{reviewId}/score")
	ReviewScoreChanged reviewScore(@PathVariable UUID reviewId,
			@RequestHeader(name = ClusterScores.FORWARDED, required = false) @Nullable String forwarded) {
		return forwarded == null ? cluster.reviewScore(reviewId) : local.reviewScore(reviewId);
	}

	/** C of the weighted rating, as every title's {@code weighted} uses it: every instance keeps it whole. */
	@GetMapping("/api/ratings/global")
	ScoreQueries.GlobalRating globalRating() {
		return local.globalRating();
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules scoreRules() {
			return registry -> registry
				.requestMatchers(HttpMethod.GET, "/api/titles/*/score", "/api/titles/scores", "/api/reviews/*/score",
						"/api/ratings/global")
				.permitAll();
		}
	}
}
