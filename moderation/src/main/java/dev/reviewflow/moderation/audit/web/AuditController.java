package dev.reviewflow.moderation.audit.web;

import java.util.UUID;

import dev.reviewflow.moderation.audit.AuditEntry;
import dev.reviewflow.moderation.audit.AuditLog;
import dev.reviewflow.platform.EndpointRules;
import dev.reviewflow.platform.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/moderation/audit?reviewId=}: the audit log, newest first. */
@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/moderation/audit")
	Page<AuditEntry> entries(@RequestParam(required = false) @Nullable UUID reviewId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return new Page<>(audit.entries(reviewId, page * size, size), page, size, audit.count(reviewId));
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules auditRules() {
			return registry -> registry.requestMatchers("/api/moderation/audit").hasAnyRole("MODERATOR", "ADMIN");
		}
	}
}
