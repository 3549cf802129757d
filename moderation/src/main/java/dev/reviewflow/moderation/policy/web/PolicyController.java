package dev.reviewflow.moderation.policy.web;

import dev.reviewflow.moderation.policy.Policies;
import dev.reviewflow.moderation.policy.Policy;
import dev.reviewflow.moderation.policy.PolicyVersion;
import dev.reviewflow.platform.ApiException;
import dev.reviewflow.platform.EndpointRules;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|PUT /api/moderation/policy} (ADMIN): the policy in force, and a new version of it. The version is the
 * ETag; a PUT with {@code If-Match} does not overwrite a change made meanwhile (412).
 */
@RestController
@RequestMapping("/api/moderation/policy")
class PolicyController {

	private final Policies policies;

	PolicyController(Policies policies) {
		this.policies = policies;
	}

	@GetMapping
	ResponseEntity<PolicyVersion> current() {
		PolicyVersion current = policies.current();
		return ResponseEntity.ok().eTag(Integer.toString(current.version())).body(current);
	}

	@PutMapping
	ResponseEntity<PolicyVersion> replace(@Valid @RequestBody Policy policy,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@AuthenticationPrincipal Jwt jwt) {
		PolicyVersion changed = policies.replace(policy, jwt.getSubject(), expectedVersion(ifMatch));
		return ResponseEntity.ok().eTag(Integer.toString(changed.version())).body(changed);
	}

	private static @Nullable Integer expectedVersion(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
		try {
			return Integer.valueOf(tag);
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("If-Match must name a policy version, such as \"3\"; got " + ifMatch + ".");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		EndpointRules policyRules() {
			return registry -> registry.requestMatchers("/api/moderation/policy").hasRole("ADMIN");
		}
	}
}
