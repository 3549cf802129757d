package dev.reviewflow.moderation.cases.web;

import java.util.UUID;

import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.moderation.cases.Cases;
import dev.reviewflow.moderation.review.Decision;
import dev.reviewflow.moderation.review.KnownReview;
import dev.reviewflow.moderation.review.KnownReviews;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reviews/{reviewId}/moderation}: for the review's author (and moderators), every decision about it
 * and why, and whether and until when the author may appeal. Authors do not see which moderator decided.
 */
@RestController
class ReviewStandingController {

	private final KnownReviews reviews;

	private final Cases cases;

	ReviewStandingController(KnownReviews reviews, Cases cases) {
		this.reviews = reviews;
		this.cases = cases;
	}

	@GetMapping("/api/reviews/{reviewId}/moderation")
	Cases.Standing standing(@PathVariable UUID reviewId, Authentication caller) {
		boolean moderator = caller.getAuthorities().stream()
			.anyMatch(role -> role.getAuthority().equals("ROLE_MODERATOR") || role.getAuthority().equals("ROLE_ADMIN"));
		KnownReview review = reviews.find(reviewId)
			.filter(known -> known.status() != ReviewStatus.DELETED)
			.filter(known -> moderator || known.authorId().equals(caller.getName()))
			.orElseThrow(() -> ApiException.notFound("There is no review " + reviewId + " of yours."));
		Cases.Standing standing = cases.standing(review);
		if (moderator) {
			return standing;
		}
		return new Cases.Standing(standing.reviewId(), standing.status(),
				standing.decisions().stream().map(ReviewStandingController::withoutModerator).toList(),
				standing.appeal());
	}

	private static Decision withoutModerator(Decision decision) {
		return new Decision(decision.decisionId(), decision.revision(), decision.status(), decision.actor(), null,
				decision.reasons(), decision.policyVersion(), decision.decidedAt());
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules standingRules() {
			return registry -> registry.requestMatchers("/api/reviews/*/moderation").authenticated();
		}
	}
}
