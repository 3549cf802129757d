package dev.reviewflow.moderation.report.web;

import java.net.URI;
import java.util.UUID;

import dev.reviewflow.events.ReportReason;
import dev.reviewflow.moderation.report.ReportQueries;
import dev.reviewflow.moderation.report.ReportView;
import dev.reviewflow.moderation.report.Reporting;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.Paging;
import dev.reviewflow.platform.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/reviews/{reviewId}/reports} (any signed-in user) and {@code GET /api/me/reports}: what became of
 * each of the caller's reports.
 */
@RestController
class ReportController {

	private final Reporting reporting;

	private final ReportQueries reports;

	private final Paging paging;

	ReportController(Reporting reporting, ReportQueries reports, Paging paging) {
		this.reporting = reporting;
		this.reports = reports;
		this.paging = paging;
	}

	record ReportRequest(@NotNull ReportReason reason,
			@Nullable @Size(max = 500) @PlainText String note) {
	}

	@PostMapping("/api/reviews/{reviewId}/reports")
	ResponseEntity<ReportView> report(@PathVariable UUID reviewId, @Valid @RequestBody ReportRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
		Reporting.Filed filed = reporting.report(reviewId, jwt.getSubject(), request.reason(), note);
		return filed.created() ? ResponseEntity.accepted().location(URI.create("/api/me/reports")).body(filed.report())
				: ResponseEntity.ok(filed.report());
	}

	@GetMapping("/api/me/reports")
	Page<ReportView> mine(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) int size) {
		int limit = paging.limit(size);
		return new Page<>(reports.of(jwt.getSubject(), (long) page * limit, limit), page, limit,
				reports.count(jwt.getSubject()));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules reportRules() {
			return registry -> registry.requestMatchers("/api/reviews/*/reports", "/api/me/reports").authenticated();
		}
	}
}
