package dev.reviewflow.moderation.cases.web;

import dev.reviewflow.moderation.cases.CaseQueue;
import dev.reviewflow.moderation.cases.QueueDepth;
import dev.reviewflow.platform.EndpointRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/moderation/queue} (MODERATOR, ADMIN): how much work waits in the queue, for a dashboard. */
@RestController
class QueueController {

	private final CaseQueue queue;

	QueueController(CaseQueue queue) {
		this.queue = queue;
	}

	@GetMapping("/api/moderation/queue")
	@Operation(summary = "The queue's depth and its oldest open case",
			description = "{open, claimed, oldestOpenSince, oldestOpenCaseId, asOf}: cases OPEN (a claim past its expiry"
					+ " counts as open, as the queue lists it) and CLAIMED, when the oldest open case was opened and"
					+ " which it is (both null when none is open), and the time of the reading on moderation's clock,"
					+ " to measure that case's wait against.")
	@ApiResponse(responseCode = "200", description = "The queue's depth")
	@ApiResponse(responseCode = "401", description = "No valid token (problem+json)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "403", description = "Neither MODERATOR nor ADMIN (problem+json)",
			content = @Content(mediaType = "application/problem+json"))
	QueueDepth depth() {
		return queue.depth();
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules queueRules() {
			return registry -> registry.requestMatchers(HttpMethod.GET, "/api/moderation/queue")
				.hasAnyRole("MODERATOR", "ADMIN");
		}
	}
}
