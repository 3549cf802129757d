package dev.reviewflow.moderation.cases.web;

import java.util.UUID;

import dev.reviewflow.moderation.cases.AuthorStanding;
import dev.reviewflow.moderation.cases.Standing;
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

	private final AuthorStanding standing;

	ReviewStandingController(AuthorStanding standing) {
		this.standing = standing;
	}

	@GetMapping("/api/reviews/{reviewId}/moderation")
	Standing standing(@PathVariable UUID reviewId, Authentication caller) {
		boolean moderator = caller.getAuthorities().stream()
			.anyMatch(role -> role.getAuthority().equals("ROLE_MODERATOR") || role.getAuthority().equals("ROLE_ADMIN"));
		return standing.of(reviewId, caller.getName(), moderator);
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules standingRules() {
			return registry -> registry.requestMatchers("/api/reviews/*/moderation").authenticated();
		}
	}
}
