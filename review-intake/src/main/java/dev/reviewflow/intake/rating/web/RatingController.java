package dev.reviewflow.intake.rating.web;

import dev.reviewflow.intake.rating.Rating;
import dev.reviewflow.intake.rating.RatingCommands;
import dev.reviewflow.intake.rating.RatingQueries;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
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

/** {@code /api/titles/{titleId}/rating}: the caller's own rating of a title, with or without a review. */
@RestController
@RequestMapping("/api/titles/{titleId}/rating")
class RatingController {

	private final RatingCommands commands;

	private final RatingQueries queries;

	RatingController(RatingCommands commands, RatingQueries queries) {
		this.commands = commands;
		this.queries = queries;
	}

	record RateRequest(@NotNull @Min(1) @Max(10) Integer rating) {
	}

	@PutMapping
	ResponseEntity<Rating> rate(@PathVariable String titleId, @Valid @RequestBody RateRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		return ResponseEntity.accepted().body(commands.rate(titleId, jwt.getSubject(), request.rating()));
	}

	@DeleteMapping
	ResponseEntity<Void> unrate(@PathVariable String titleId, @AuthenticationPrincipal Jwt jwt) {
		commands.unrate(titleId, jwt.getSubject());
		return ResponseEntity.accepted().build();
	}

	@GetMapping
	Rating get(@PathVariable String titleId, @AuthenticationPrincipal Jwt jwt) {
		return queries.find(titleId, jwt.getSubject())
			.orElseThrow(() -> ApiException.notFound("You have not rated '" + titleId + "'."));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules ratingRules() {
			return registry -> registry.requestMatchers("/api/titles/*/rating").hasRole("USER");
		}
	}
}
