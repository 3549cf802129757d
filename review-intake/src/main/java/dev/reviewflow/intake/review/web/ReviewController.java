package dev.reviewflow.intake.review.web;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.TitleIds;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.intake.review.Author;
import dev.reviewflow.intake.review.ReviewCommands;
import dev.reviewflow.intake.review.ReviewDraft;
import dev.reviewflow.intake.review.ReviewNotFound;
import dev.reviewflow.intake.review.ReviewOrder;
import dev.reviewflow.intake.review.ReviewPatch;
import dev.reviewflow.intake.review.ReviewQueries;
import dev.reviewflow.intake.review.ReviewView;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.Paging;
import dev.reviewflow.platform.ProblemHandling.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Submitting and reading reviews. */
@RestController
class ReviewController {

	private final ReviewCommands commands;

	private final ReviewQueries queries;

	private final Paging paging;

	ReviewController(ReviewCommands commands, ReviewQueries queries, Paging paging) {
		this.commands = commands;
		this.queries = queries;
		this.paging = paging;
	}

	record SubmitReview(@Nullable @Min(1) @Max(10) Integer rating, @Nullable Verdict verdict,
			@Nullable @ReviewText(max = 200) String publication, @NotNull @ReviewText(max = 200) String headline,
			@NotNull @ReviewText(max = 10_000) String body, @Nullable Boolean containsSpoilers) {
	}

	record Accepted(UUID reviewId, ReviewStatus status) {
	}

	@PostMapping("/api/titles/{titleId}/reviews")
	ResponseEntity<Accepted> submit(@PathVariable String titleId, @Valid @RequestBody SubmitReview request,
			@AuthenticationPrincipal Jwt jwt) {
		Author author = author(jwt);
		ReviewDraft draft = ReviewDraft.by(author, request.rating(), request.verdict(), request.publication(),
				request.headline(), request.body(), request.containsSpoilers());
		ReviewView review = commands.submit(titleId, author, draft);
		return ResponseEntity.accepted()
			.location(URI.create("/api/reviews/" + review.reviewId()))
			.body(new Accepted(review.reviewId(), review.status()));
	}

	/** An edit: only what is sent changes. */
	record EditReview(@Nullable @Min(1) @Max(10) Integer rating, @Nullable Verdict verdict,
			@Nullable @ReviewText(max = 200) String publication, @Nullable @ReviewText(max = 200) String headline,
			@Nullable @ReviewText(max = 10_000) String body, @Nullable Boolean containsSpoilers) {
	}

	@PatchMapping("/api/reviews/{reviewId}")
	ResponseEntity<Accepted> edit(@PathVariable UUID reviewId, @Valid @RequestBody EditReview request,
			@AuthenticationPrincipal Jwt jwt) {
		ReviewView review = commands.edit(reviewId, author(jwt), new ReviewPatch(request.rating(), request.verdict(),
				request.publication(), request.headline(), request.body(), request.containsSpoilers()));
		return ResponseEntity.accepted()
			.location(URI.create("/api/reviews/" + review.reviewId()))
			.body(new Accepted(review.reviewId(), review.status()));
	}

	@DeleteMapping("/api/reviews/{reviewId}")
	ResponseEntity<Void> delete(@PathVariable UUID reviewId, @AuthenticationPrincipal Jwt jwt) {
		commands.delete(reviewId, author(jwt));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/titles/{titleId}/reviews")
	Page<ReviewView> list(@PathVariable String titleId, @RequestParam(required = false) @Nullable ReviewType type,
			@RequestParam(defaultValue = "helpful") String sort, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) int size) {
		ReviewOrder order = switch (sort) {
			case "helpful" -> ReviewOrder.HELPFUL;
			case "newest" -> ReviewOrder.NEWEST;
			case "rating" -> ReviewOrder.RATING;
			default -> throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"sort must be one of helpful, newest, rating; was '" + sort + "'.",
					Map.of("errors", List.of(new FieldProblem("sort", "must be one of helpful, newest, rating"))));
		};
		return queries.list(titleId, type, order, page, paging.limit(size));
	}

	/** The caller's own reviews, whatever their status (but deleted), newest first; {@code titleId} narrows it. */
	@GetMapping("/api/me/reviews")
	Page<ReviewView> mine(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(required = false) @Nullable @Pattern(regexp = TitleIds.PATTERN) String titleId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) int size) {
		return queries.mine(jwt.getSubject(), titleId, page, paging.limit(size));
	}

	@GetMapping("/api/reviews/{reviewId}")
	ReviewView get(@PathVariable UUID reviewId, @AuthenticationPrincipal @Nullable Jwt jwt) {
		return queries.findVisible(reviewId, jwt == null ? null : author(jwt))
			.orElseThrow(() -> new ReviewNotFound(reviewId));
	}

	static Author author(Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList("roles");
		return new Author(jwt.getSubject(), new HashSet<>(roles == null ? List.of() : roles),
				Boolean.TRUE.equals(jwt.getClaimAsBoolean("topCritic")));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules reviewRules() {
			return registry -> registry.requestMatchers(HttpMethod.POST, "/api/titles/*/reviews")
				.hasAnyRole("USER", "CRITIC")
				.requestMatchers(HttpMethod.GET, "/api/reviews/*", "/api/titles/*/reviews")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/me/reviews")
				.authenticated()
				.requestMatchers(HttpMethod.PATCH, "/api/reviews/*")
				.authenticated()
				.requestMatchers(HttpMethod.DELETE, "/api/reviews/*")
				.authenticated();
		}
	}
}
