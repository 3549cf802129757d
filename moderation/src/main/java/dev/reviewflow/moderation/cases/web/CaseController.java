package dev.reviewflow.moderation.cases.web;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.reviewflow.moderation.cases.CaseAction;
import dev.reviewflow.moderation.cases.CaseDecisions;
import dev.reviewflow.moderation.cases.CaseKind;
import dev.reviewflow.moderation.cases.CaseNotFound;
import dev.reviewflow.moderation.cases.CaseQueue;
import dev.reviewflow.moderation.cases.CaseReports;
import dev.reviewflow.moderation.cases.CaseState;
import dev.reviewflow.moderation.cases.CaseView;
import dev.reviewflow.moderation.cases.Claims;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.EarlierReview;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.moderation.review.ReviewContent;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.Paging;
import dev.reviewflow.platform.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/moderation/cases} (MODERATOR, ADMIN): the queue, a case in full, claims and decisions. */
@RestController
@RequestMapping("/api/moderation/cases")
class CaseController {

	private final CaseQueue queue;

	private final Claims claims;

	private final CaseDecisions decisions;

	private final KnownReviews reviews;

	private final CaseReports reports;

	private final Paging paging;

	CaseController(CaseQueue queue, Claims claims, CaseDecisions decisions, KnownReviews reviews, CaseReports reports,
			Paging paging) {
		this.queue = queue;
		this.claims = claims;
		this.decisions = decisions;
		this.reviews = reviews;
		this.reports = reports;
		this.paging = paging;
	}

	record DecisionRequest(@NotNull CaseAction action, @NotBlank @Size(max = 500) @PlainText String reason) {
	}

	/** The review under moderation: where it stands and what its author wrote. */
	record ReviewUnderModeration(UUID reviewId, String titleId, String authorId, String status, int keeps,
			@JsonUnwrapped ReviewContent content) {
	}

	/**
	 * A case in full: the case, the review as submitted, its reports, every decision about the review, and the
	 * author's earlier reviews of the same title (deleted ones), each with where it stood and the last decision about
	 * it: a repost of a hidden, removed or rejected review is held with reason REPOST.
	 */
	record CaseDetail(@JsonUnwrapped CaseView moderationCase, ReviewUnderModeration review,
			List<CaseReports.CaseReport> reports, List<Decision> decisions, List<EarlierReview> earlierReviews) {
	}

	@GetMapping
	Page<CaseView> list(@RequestParam(required = false) @Nullable CaseState status,
			@RequestParam(required = false) @Nullable CaseKind kind,
			@RequestParam(required = false) @Nullable @Size(max = 64) String reason,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) int size) {
		int limit = paging.limit(size);
		return new Page<>(queue.list(status, kind, reason, (long) page * limit, limit), page, limit,
				queue.count(status, kind, reason));
	}

	@GetMapping("/{caseId}")
	CaseDetail detail(@PathVariable UUID caseId) {
		CaseView found = queue.find(caseId)
			.orElseThrow(() -> new CaseNotFound(caseId));
		KnownReview review = reviews.find(found.reviewId()).orElseThrow();
		ReviewContent content = reviews.content(found.reviewId()).orElseThrow();
		return new CaseDetail(found,
				new ReviewUnderModeration(review.reviewId(), review.titleId(), review.authorId(), review.status().name(),
						review.keeps(), content),
				reports.ofCase(caseId), reviews.decisions(found.reviewId()), reviews.earlierOfTitle(review));
	}

	@PostMapping("/{caseId}/claim")
	CaseView claim(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt jwt) {
		return claims.claim(caseId, jwt.getSubject());
	}

	@DeleteMapping("/{caseId}/claim")
	CaseView release(@PathVariable UUID caseId, @AuthenticationPrincipal Jwt jwt) {
		return claims.release(caseId, jwt.getSubject());
	}

	@PostMapping("/{caseId}/decision")
	CaseView decide(@PathVariable UUID caseId, @Valid @RequestBody DecisionRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		return decisions.decide(caseId, jwt.getSubject(), request.action(), request.reason().strip());
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules caseRules() {
			return registry -> registry.requestMatchers("/api/moderation/cases", "/api/moderation/cases/**")
				.hasAnyRole("MODERATOR", "ADMIN");
		}
	}
}
