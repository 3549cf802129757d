package dev.reviewflow.scoring.web;

import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.Paging;
import dev.reviewflow.scoring.query.ClusterScores;
import dev.reviewflow.scoring.query.GlobalRating;
import dev.reviewflow.scoring.query.ScoreQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current scores; public. Any instance answers for any key, asking the instance that keeps it; a query another
 * instance forwarded ({@link ClusterScores#FORWARDED}) is answered from this instance's own stores.
 */
@RestController
class ScoreController {

	private final ScoreQueries local;

	private final ClusterScores cluster;

	private final Paging paging;

	/** The highest page number asked for; deeper pages cost a pass over every title all the same. */
	static final int MAX_PAGE = 1_000_000;

	/** How far pages of title scores reach. */
	static final int DEEPEST = 10_000;

	ScoreController(ScoreQueries local, ClusterScores cluster, Paging paging) {
		this.local = local;
		this.cluster = cluster;
		this.paging = paging;
	}

	@GetMapping("/api/titles/{titleId}/score")
	TitleScoreChanged titleScore(@PathVariable String titleId,
			@RequestHeader(name = ClusterScores.FORWARDED, required = false) @Nullable String forwarded) {
		return (forwarded == null ? cluster.titleScore(titleId) : local.titleScore(titleId))
			.orElseThrow(() -> ApiException.notFound("No score yet for title '" + titleId + "'."));
	}

	/**
	 * One page of every title's current score, in the order of the title ids. A forwarded request is answered with
	 * this instance's titles up to the end of the page, for the instance that merges them
	 * ({@link ClusterScores#localTitleScores}).
	 */
	@GetMapping("/api/titles/scores")
	@Operation(summary = "One page of every title's current score",
			description = "Titles in the order of their ids, gathered from every scoring instance: {items, page, size,"
					+ " totalItems}. A size above reviewflow.web.max-page-size (default 100) is cut to it.")
	@ApiResponse(responseCode = "200", description = "The page")
	@ApiResponse(responseCode = "400", description = "page below 0, size below 1, or a page beyond the first 10,000 titles (problem+json)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503",
			description = "Stores restoring, or another instance did not answer in time; Retry-After (problem+json)",
			content = @Content(mediaType = "application/problem+json"))
	Page<TitleScoreChanged> titleScores(
			@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
			@Parameter(description = "Titles per page, at most the configured maximum") @RequestParam(defaultValue = "20") @Min(1) int size,
			@RequestHeader(name = ClusterScores.FORWARDED, required = false) @Nullable String forwarded) {
		int limit = paging.limit(size);
		// every instance reads its titles up to the end of the page and sends them to the one that merges them, so
		// how deep a page lies is what a request costs: pages reach the first DEEPEST titles, no further
		if ((long) (page + 1) * limit > DEEPEST) {
			throw ApiException.badRequest("Pages reach the first " + DEEPEST + " titles; page " + page + " of size "
					+ limit + " lies beyond them.");
		}
		return forwarded == null ? cluster.titleScores(page, limit) : cluster.localTitleScores(page, limit);
	}

	@GetMapping("/api/reviews/{reviewId}/score")
	ReviewScoreChanged reviewScore(@PathVariable UUID reviewId,
			@RequestHeader(name = ClusterScores.FORWARDED, required = false) @Nullable String forwarded) {
		return forwarded == null ? cluster.reviewScore(reviewId) : local.reviewScore(reviewId);
	}

	/** C of the weighted rating, as every title's {@code weighted} uses it: every instance keeps it whole. */
	@GetMapping("/api/ratings/global")
	GlobalRating globalRating() {
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
