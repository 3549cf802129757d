package dev.reviewflow.moderation.cases.web;

import java.util.UUID;

import dev.reviewflow.moderation.cases.Appeals;
import dev.reviewflow.moderation.cases.CaseView;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/reviews/{reviewId}/appeal}: the author asks moderators to look again (once per review). */
@RestController
class AppealController {

	private final Appeals appeals;

	AppealController(Appeals appeals) {
		this.appeals = appeals;
	}

	record AppealRequest(@NotBlank @Size(max = 2000) @PlainText String statement) {
	}

	record AppealAccepted(UUID caseId, UUID reviewId, String status) {
	}

	@PostMapping("/api/reviews/{reviewId}/appeal")
	ResponseEntity<AppealAccepted> appeal(@PathVariable UUID reviewId, @Valid @RequestBody AppealRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		CaseView opened = appeals.appeal(reviewId, jwt.getSubject(), request.statement().strip());
		return ResponseEntity.accepted().body(new AppealAccepted(opened.caseId(), reviewId, opened.status().name()));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules appealRules() {
			return registry -> registry.requestMatchers("/api/reviews/*/appeal").authenticated();
		}
	}
}
