package dev.reviewflow.scoring.web;

import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.scoring.topology.ScoreQueries;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Current scores; public. */
@RestController
class ScoreController {

	private final ScoreQueries scores;

	ScoreController(ScoreQueries scores) {
		this.scores = scores;
	}

	@GetMapping("/api/titles/{titleId}/score")
	TitleScoreChanged titleScore(@PathVariable String titleId) {
		return scores.titleScore(titleId)
			.orElseThrow(() -> ApiException.notFound("No score yet for title '" + titleId + "'."));
	}

	@GetMapping("/api/reviews/{reviewId}/score")
	ReviewScoreChanged reviewScore(@PathVariable UUID reviewId) {
		return scores.reviewScore(reviewId);
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules scoreRules() {
			return registry -> registry.requestMatchers(HttpMethod.GET, "/api/titles/*/score", "/api/reviews/*/score")
				.permitAll();
		}
	}
}
