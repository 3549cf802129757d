package dev.reviewflow.scoring.web;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.scoring.topology.ScoreQueries;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.bind.annotation.RestController;

/** Current scores; public. */
@RestController
class ScoreController {

	/** Marks a query one instance forwarded to the owner of the key, which then answers from its own stores. */
	static final String FORWARDED = "X-Reviewflow-Forwarded";

	private final ScoreQueries scores;

	private final RestClient forwarding;

	ScoreController(ScoreQueries scores) {
		this.scores = scores;
		this.forwarding = RestClient.builder().defaultStatusHandler(status -> true, (request, response) -> {
		}).build();
	}

	@GetMapping("/api/titles/{titleId}/score")
	ResponseEntity<?> titleScore(@PathVariable String titleId, @RequestHeader(name = FORWARDED, required = false)
	@Nullable String forwarded) {
		if (forwarded == null) {
			Optional<HostInfo> owner = scores.titleOwner(titleId);
			if (owner.isPresent()) {
				return forward(owner.get(), "/api/titles/{titleId}/score", titleId);
			}
		}
		return ResponseEntity.ok(scores.titleScore(titleId)
			.orElseThrow(() -> ApiException.notFound("No score yet for title '" + titleId + "'.")));
	}

	@GetMapping("/api/reviews/{reviewId}/score")
	ResponseEntity<?> reviewScore(@PathVariable UUID reviewId, @RequestHeader(name = FORWARDED, required = false)
	@Nullable String forwarded) {
		if (forwarded == null) {
			Optional<HostInfo> owner = scores.reviewOwner(reviewId);
			if (owner.isPresent()) {
				return forward(owner.get(), "/api/reviews/{reviewId}/score", reviewId);
			}
		}
		return ResponseEntity.ok(scores.reviewScore(reviewId));
	}

	/** Asks the instance that owns the key and answers what it answered. */
	private ResponseEntity<?> forward(HostInfo owner, String path, Object id) {
		try {
			ResponseEntity<byte[]> answer = forwarding.get()
				.uri("http://" + owner.host() + ":" + owner.port() + path, id)
				.header(FORWARDED, "true")
				.retrieve()
				.toEntity(byte[].class);
			ResponseEntity.BodyBuilder relayed = ResponseEntity.status(answer.getStatusCode());
			if (answer.getHeaders().getContentType() != null) {
				relayed.contentType(answer.getHeaders().getContentType());
			}
			return relayed.body(answer.getBody());
		}
		catch (RestClientException ex) {
			throw ApiException.unavailable("The instance holding this score did not answer; try again shortly.",
					Duration.ofSeconds(2));
		}
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
