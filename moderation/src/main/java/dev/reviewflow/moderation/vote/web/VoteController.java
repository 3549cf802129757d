package dev.reviewflow.moderation.vote.web;

import java.util.UUID;

import dev.reviewflow.events.Vote;
import dev.reviewflow.moderation.vote.Votes;
import dev.reviewflow.platform.EndpointRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/reviews/{reviewId}/vote}: "Was this review helpful?" */
@RestController
@RequestMapping("/api/reviews/{reviewId}/vote")
class VoteController {

	private final Votes votes;

	VoteController(Votes votes) {
		this.votes = votes;
	}

	record VoteRequest(@NotNull Boolean helpful) {
	}

	record CurrentVote(UUID reviewId, @Nullable Boolean helpful) {
	}

	@PutMapping
	ResponseEntity<CurrentVote> vote(@PathVariable UUID reviewId, @Valid @RequestBody VoteRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		votes.vote(reviewId, jwt.getSubject(), request.helpful() ? Vote.HELPFUL : Vote.NOT_HELPFUL);
		return ResponseEntity.accepted().body(new CurrentVote(reviewId, request.helpful()));
	}

	@DeleteMapping
	ResponseEntity<CurrentVote> retract(@PathVariable UUID reviewId, @AuthenticationPrincipal Jwt jwt) {
		votes.retract(reviewId, jwt.getSubject());
		return ResponseEntity.accepted().body(new CurrentVote(reviewId, null));
	}

	@GetMapping
	CurrentVote current(@PathVariable UUID reviewId, @AuthenticationPrincipal Jwt jwt) {
		return new CurrentVote(reviewId,
				votes.current(reviewId, jwt.getSubject()).map(vote -> vote == Vote.HELPFUL).orElse(null));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules voteRules() {
			return registry -> registry.requestMatchers("/api/reviews/*/vote").hasAnyRole("USER", "CRITIC");
		}
	}
}
